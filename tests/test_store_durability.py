"""What the store survives: SIGKILL mid-save, a torn journal, a full disk, broken files, old schemas."""
from __future__ import annotations

import errno
import json
import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from store.db import SCHEMA_VERSION, Store, StoreError
from store.paths import bundled_articles

REPO = Path(__file__).resolve().parent.parent


def files_of(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file() and p.name != ".lock"}


@pytest.fixture
def built(tmp_path) -> Path:
    folder = tmp_path / "store"
    Store.open_or_build(folder).close()
    return folder


WRITER = """
import sys
from store.db import Store
st = Store.open(sys.argv[1])
ids = [e["id"] for e in st.events()]
for i in range(100000):
    st.save_note(ids[i % len(ids)], f"note {i} " + "padding " * (i % 40))
    print(ids[i % len(ids)], i, flush=True)
"""


def test_sigkill_in_the_middle_of_many_note_saves_keeps_every_acknowledged_note(built):
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    proc = subprocess.Popen([sys.executable, "-c", textwrap.dedent(WRITER), str(built)], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, env=env)
    acknowledged: dict[str, int] = {}
    try:
        for _ in range(300):
            line = proc.stdout.readline()
            assert line, proc.stderr.read()
            event_id, number = line.split()
            acknowledged[event_id] = int(number)
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=10)
    st = Store.open(built)
    try:
        assert not st.readonly  # the dead writer's lock went with it
        for event_id, number in acknowledged.items():
            saved = int(st.event(event_id)["note"].split()[1])
            assert saved >= number  # the acknowledged note, or one saved after it before the kill
        st.save_note(event_id, "life goes on")  # and the journal takes new entries
    finally:
        st.close()


def test_a_torn_last_line_is_set_aside_and_every_whole_entry_kept(built):
    st = Store.open(built)
    ids = [e["id"] for e in st.events()[:3]]
    for i, event_id in enumerate(ids):
        st.save_note(event_id, f"kept {i}")
    st.close()
    journal = built / "journal.jsonl"
    journal.write_bytes(journal.read_bytes() + b'{"seq": 4, "at": "2026-01-01T00:00:00Z", "kind": "note", "ev')
    st = Store.open(built)
    try:
        assert [st.event(event_id)["note"] for event_id in ids] == ["kept 0", "kept 1", "kept 2"]
        st.save_note(ids[0], "after the crash")
    finally:
        st.close()
    lines = journal.read_bytes().splitlines()
    assert all(json.loads(line) for line in lines)  # the journal is whole again
    side = [p for p in built.iterdir() if p.name.startswith("journal.jsonl.torn")]
    assert len(side) == 1 and side[0].read_bytes().endswith(b'"kind": "note", "ev')


def test_a_read_only_opener_tolerates_a_torn_tail_without_touching_it(built):
    journal = built / "journal.jsonl"
    journal.write_bytes(b'{"seq": 1, "at": "x", "analyst": "a", "kind": "note", "event": "e", "value": "v", "prev": null}\n{"seq": 2')
    before = files_of(built)
    st = Store.open(built, readonly=True)
    try:
        assert st.orphaned_notes()[0]["note"] == "v"
    finally:
        st.close()
    assert files_of(built) == before


def test_disk_full_on_save_is_a_clear_error_and_loses_nothing(built, monkeypatch):
    import store.db.storages as storages

    st = Store.open(built)
    ids = [e["id"] for e in st.events()[:3]]
    st.save_note(ids[0], "before the disk filled")
    journal_before = (built / "journal.jsonl").read_bytes()
    real_fsync = os.fsync

    def full(fd):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(storages.os, "fsync", full)
    with pytest.raises(StoreError, match="No space left") as caught:
        st.save_note(ids[1], "cannot be written")
    assert "\n" not in str(caught.value) and "journal.jsonl" in str(caught.value)
    assert st.event(ids[1])["note"] is None and st.history(ids[1]) == []
    monkeypatch.setattr(storages.os, "fsync", real_fsync)
    assert (built / "journal.jsonl").read_bytes() == journal_before  # the half-written entry was cut off
    st.save_note(ids[2], "after space was freed")
    st.close()
    st = Store.open(built)
    try:
        assert [st.event(i)["note"] for i in ids] == ["before the disk filled", None, "after space was freed"]
    finally:
        st.close()


def test_disk_full_while_ingesting_keeps_the_previous_files(built, tmp_path, monkeypatch):
    import store.db.atomic as atomic

    new = tmp_path / "new.txt"
    new.write_text((bundled_articles() / "004_13ff700055651627.txt").read_text(encoding="utf-8") + "\nA new line.\n", encoding="utf-8")
    before = files_of(built)

    def full(fd):
        raise OSError(errno.ENOSPC, "No space left on device")

    st = Store.open(built)
    try:
        monkeypatch.setattr(atomic.os, "fsync", full)
        with pytest.raises(StoreError, match="No space left"):
            st.ingest([new])
        monkeypatch.undo()
    finally:
        st.close()
    after = files_of(built)
    assert after == before  # no temporary file left, nothing replaced


@pytest.mark.parametrize(
    "damage",
    [
        pytest.param(lambda raw: raw[: len(raw) // 2], id="truncated"),
        pytest.param(lambda raw: b"\x00\x01 not json", id="not-json"),
        pytest.param(lambda raw: b'{"articles": [1, 2, 3]}', id="wrong-shape"),
        pytest.param(lambda raw: b'{"articles": {"1": {"title": "no id"}}}', id="document-without-id"),
        pytest.param(lambda raw: b"", id="empty"),
    ],
)
def test_a_corrupt_corpus_file_is_refused_by_name_and_never_replaced(built, damage):
    shard = sorted((built / "corpus").glob("*.json"))[0]
    shard.write_bytes(damage(shard.read_bytes()))
    before = files_of(built)
    with pytest.raises(StoreError) as caught:
        Store.open(built)
    message = str(caught.value)
    assert str(shard) in message and "untouched" in message and "\n" not in message
    assert files_of(built) == before


def test_a_corrupt_store_is_not_replaced_by_a_first_run_build(built):
    (built / "store.json").write_bytes(b"{ broken")
    before = files_of(built)
    with pytest.raises(StoreError, match="store.json"):
        Store.open_or_build(built)
    assert files_of(built) == before


def test_a_store_from_a_newer_schema_is_refused(built):
    meta = built / "store.json"
    data = json.loads(meta.read_bytes())
    data["meta"]["1"]["schema"] = SCHEMA_VERSION + 1
    meta.write_text(json.dumps(data))
    before = files_of(built)
    with pytest.raises(StoreError, match="newer Crosswatch"):
        Store.open(built)
    assert files_of(built) == before


# Schema 0, written by hand: one TinyDB file with default settings, articles with their text,
# events pointing at their article's path, the analyst's note inside the event.
V0_TEXT = (
    "Militants seize border post\n\nSunni militants seized the Al Waleed border post on Sunday, officers said. "
    "Border guards withdrew to Trebil."
)
V0_STORE = {
    "articles": {"1": {"name": "old.txt", "path": "/reports/old.txt", "title": "Militants seize border post",
                       "source": "Wire", "published": "2014-06-24", "url": None, "text": V0_TEXT}},
    "events": {
        "1": {"article": "/reports/old.txt", "type": "captured", "actor": "militants", "actor_text": "Sunni militants",
              "crossing": "al-waleed", "side": "iq", "crossing_text": "the Al Waleed border post", "date": "2014-06-22",
              "date_text": "on Sunday", "hedged": False, "source": "officers",
              "sentence": "Sunni militants seized the Al Waleed border post on Sunday, officers said.", "start": 29, "end": 103,
              "note": "Matches the AFP report.", "analyst": "old-hand"},
        "2": {"article": "/reports/old.txt", "type": "withdrew", "actor": "iraq-gov", "actor_text": "Border guards",
              "crossing": "trebil", "side": "iq", "crossing_text": "Trebil", "date": None, "date_text": None,
              "hedged": False, "source": None, "sentence": "Border guards withdrew to Trebil.", "start": 104, "end": 137,
              "note": None},
    },
}


def test_a_schema_0_store_is_migrated_with_its_notes(tmp_path):
    folder = tmp_path / "old-store"
    folder.mkdir()
    legacy = folder / "crosswatch.json"
    legacy.write_text(json.dumps(V0_STORE), encoding="utf-8")
    legacy_bytes = legacy.read_bytes()
    assert all(V0_TEXT[e["start"]:e["end"]] == e["sentence"] for e in V0_STORE["events"].values())
    st = Store.open(folder)
    try:
        assert st.meta["schema"] == SCHEMA_VERSION and st.meta["migrated_from"] == 0
        events = st.events()
        assert [(e["type"], e["crossing"]) for e in events] == [("captured", "al-waleed"), ("withdrew", "trebil")]
        noted = events[0]
        assert noted["note"] == "Matches the AFP report."
        assert st.history(noted["id"])[0]["analyst"] == "old-hand"
        assert st.article(noted["article_id"])["text"] == V0_TEXT
        st.save_note(events[1]["id"], "new note after the migration")
    finally:
        st.close()
    assert legacy.read_bytes() == legacy_bytes  # the old file is left as it was
    st = Store.open(folder)  # a second open does not migrate again
    try:
        assert [e["note"] for e in st.events()] == ["Matches the AFP report.", "new note after the migration"]
        assert len(st.history(st.events()[0]["id"])) == 1
    finally:
        st.close()


def test_a_schema_0_store_is_not_migrated_by_a_read_only_opener(tmp_path):
    folder = tmp_path / "old-store"
    folder.mkdir()
    (folder / "crosswatch.json").write_text(json.dumps(V0_STORE), encoding="utf-8")
    before = files_of(folder)
    with pytest.raises(StoreError, match="upgrading"):
        Store.open(folder, readonly=True)
    assert files_of(folder) == before


def test_a_path_that_is_a_file_or_an_empty_folder_read_only_is_refused_clearly(tmp_path):
    not_a_folder = tmp_path / "notes.txt"
    not_a_folder.write_text("my own notes", encoding="utf-8")
    with pytest.raises(StoreError, match="not a folder"):
        Store.open(not_a_folder)
    assert not_a_folder.read_text(encoding="utf-8") == "my own notes"
    with pytest.raises(StoreError, match="no Crosswatch store"):
        Store.open(tmp_path / "empty", readonly=True)
    assert not (tmp_path / "empty").exists()


def test_a_journal_line_broken_in_the_middle_is_refused_not_repaired(built):
    journal = built / "journal.jsonl"
    journal.write_bytes(b'{"seq": 1, "at": "x", "analyst": "a", "kind": "note", "event": "e", "value": "v", "prev": null}\n'
                        b'{"seq": 2, "at": "x", "ana\n'
                        b'{"seq": 3, "at": "x", "analyst": "a", "kind": "note", "event": "e", "value": "w", "prev": "v"}\n')
    before = files_of(built)
    with pytest.raises(StoreError, match="line 2"):
        Store.open(built)
    assert files_of(built) == before


INGESTER = """
import sys
from pathlib import Path
from store.db import Store
st = Store.open(sys.argv[1])
st.ingest(sorted(Path(sys.argv[2]).glob("*.txt")), progress=lambda done, total, name: print("extracted", done, flush=True))
print("done", flush=True)
"""


def test_sigkill_during_a_parallel_ingest_keeps_the_notes_and_leaves_no_worker_behind(built, tmp_path):
    from store.ingest import PARALLEL_MIN

    with Store.open(built) as st:
        noted = {e["id"]: f"note {i}" for i, e in enumerate(st.events()[:5])}
        for event_id, note in noted.items():
            st.save_note(event_id, note)
    batch = tmp_path / "batch"
    batch.mkdir()
    base = (bundled_articles() / "002_9dc300ccb2d8f7e5.txt").read_text(encoding="utf-8")
    for i in range(PARALLEL_MIN + 20):
        (batch / f"r{i:03d}.txt").write_text(base + f"\nUpdate {i}: no change at the crossing.\n", encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    proc = subprocess.Popen([sys.executable, "-c", textwrap.dedent(INGESTER), str(built), str(batch)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    line = proc.stdout.readline()
    assert line.startswith("extracted"), proc.stderr.read()
    workers = subprocess.run(["pgrep", "-P", str(proc.pid)], capture_output=True, text=True).stdout.split()
    assert workers  # the extraction runs in worker processes
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=10)
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and any(_alive(pid) for pid in workers):
        time.sleep(0.2)
    assert not any(_alive(pid) for pid in workers), "extraction workers outlived the killed ingest"
    with Store.open(built) as st:
        assert not st.readonly
        assert {event_id: st.event(event_id)["note"] for event_id in noted} == noted


def _alive(pid: str) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().split()[2]
    except OSError:
        return False
    return state != "Z"


@pytest.mark.parametrize(
    "line",
    [
        b'{"seq": 1, "kind": "note"}',
        b'{"seq": 1, "kind": "delete", "event": "e"}',
        b'{"seq": 1, "kind": "note", "event": "e", "value": 42}',
        b'{"seq": 1, "kind": "decision", "event": "e", "value": {"decision": "maybe", "corrections": {}}}',
        b'{"seq": 1, "kind": "undo", "event": "e", "value": null}',
    ],
    ids=["no-event", "unknown-kind", "note-not-text", "bad-decision", "undo-of-nothing"],
)
def test_a_journal_entry_of_the_wrong_shape_is_refused_by_name(built, line):
    journal = built / "journal.jsonl"
    journal.write_bytes(line + b"\n")
    before = files_of(built)
    with pytest.raises(StoreError, match="journal.jsonl: entry 1") as caught:
        Store.open(built)
    assert "\n" not in str(caught.value)
    assert files_of(built) == before


@pytest.mark.parametrize("table, field, value", [("events", "date", 20140622), ("events", "start", "early"), ("articles", "published", 2014)])
def test_a_field_of_the_wrong_type_is_refused_by_file(built, table, field, value):
    shard = next(p for p in sorted((built / "corpus").glob("*.json")) if json.loads(p.read_bytes())["events"])
    data = json.loads(shard.read_bytes())
    doc = next(iter(data[table].values()))
    target = doc["events"][0] if table == "events" else doc
    target[field] = value
    shard.write_text(json.dumps(data), encoding="utf-8")
    before = files_of(built)
    with pytest.raises(StoreError) as caught:
        with Store.open(built) as st:
            st.events()
    assert str(shard) in str(caught.value)
    assert files_of(built) == before


SECOND = """
import sys
from store.db import Store, StoreError
st = Store.open(sys.argv[1])
print("readonly" if st.readonly else "writable", st.readonly_reason, flush=True)
for attempt in (lambda: st.save_note(st.events()[0]["id"], "from the second window"),
                lambda: st.decide(st.events()[0]["id"], "rejected"), st.undo,
                lambda: st.ingest([sys.argv[2]])):
    try:
        attempt()
        print("WROTE", flush=True)
    except StoreError as err:
        print("refused:", err, flush=True)
st.close()
"""


def test_a_second_process_cannot_change_the_first_ones_store(built):
    first = Store.open(built)
    try:
        event_id = first.events()[0]["id"]
        first.save_note(event_id, "the first window's note")
        before = files_of(built)
        env = {**os.environ, "PYTHONPATH": str(REPO)}
        done = subprocess.run([sys.executable, "-c", textwrap.dedent(SECOND), str(built), str(bundled_articles())],
                              capture_output=True, text=True, env=env, timeout=60)
        lines = done.stdout.splitlines()
        assert lines[0].startswith("readonly another Crosswatch process"), done.stderr
        assert len(lines) == 5 and all(line.startswith("refused:") and "read-only" in line for line in lines[1:]), lines
        assert files_of(built) == before  # not a byte changed
        first.save_note(event_id, "and it keeps writing")
    finally:
        first.close()
    with Store.open(built) as st:
        assert st.event(event_id)["note"] == "and it keeps writing"
