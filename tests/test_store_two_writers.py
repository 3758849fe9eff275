"""Issue 13 item 5: with the store's `.lock` deleted two writers can open one store; the journal's
own OS lock still numbers their entries apart, and neither loses an acknowledged note."""
from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
import threading
from pathlib import Path

import pytest

from store.db import Store, StoreError
from tests.conftest import ARTICLES

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture
def built(tmp_path) -> Path:
    folder = tmp_path / "store"
    with Store.open(folder) as store:
        store.ingest(sorted(ARTICLES.glob("*.txt"))[:2])
    return folder


def two_writers(folder: Path) -> tuple[Store, Store]:
    first = Store.open(folder)
    (folder / ".lock").unlink()  # the attack: the lock file deleted under a running writer
    second = Store.open(folder)
    assert not first.readonly and not second.readonly
    return first, second


def journal_entries(folder: Path) -> list[dict]:
    return [json.loads(line) for line in (folder / "journal.jsonl").read_text(encoding="utf-8").splitlines()]


def test_two_writers_one_after_the_other_never_share_a_seq(built):
    first, second = two_writers(built)
    ids = [e["id"] for e in first.events()]
    try:
        a = first.save_note(ids[0], "from the first")
        b = second.save_note(ids[1], "from the second")  # its view of the journal is older than the file
        c = first.decide(ids[2], "accepted")
        assert [a["seq"], b["seq"], c["seq"]] == [1, 2, 3]
        assert second.event(ids[0])["note"] == "from the first"  # taken in before its own append
    finally:
        first.close()
        second.close()
    seqs = [entry["seq"] for entry in journal_entries(built)]
    assert seqs == [1, 2, 3]
    with Store.open(built) as store:
        assert store.event(ids[0])["note"] == "from the first"
        assert store.event(ids[1])["note"] == "from the second"
        assert store.event(ids[2])["decision"] == "accepted"


def test_two_writers_saving_at_once_keep_every_note(built):
    first, second = two_writers(built)
    ids = [e["id"] for e in first.events()]
    saved: dict[str, str] = {}
    errors: list[BaseException] = []

    def write(store: Store, name: str, start: int) -> None:
        try:
            for i in range(40):
                event_id = ids[(start + 2 * i) % len(ids)]
                store.save_note(event_id, f"{name} {i}")
                saved[event_id] = f"{name} {i}"  # each writer has its own events (even / odd)
        except BaseException as err:  # pragma: no cover - reported below
            errors.append(err)

    threads = [threading.Thread(target=write, args=(first, "first", 0)),
               threading.Thread(target=write, args=(second, "second", 1))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    first.close()
    second.close()
    assert not errors
    seqs = [entry["seq"] for entry in journal_entries(built)]
    assert len(seqs) == 80 and len(set(seqs)) == 80
    with Store.open(built) as store:
        for event_id, note in saved.items():
            assert store.event(event_id)["note"] == note


WRITER = """
import sys
from store.db import Store
st = Store.open(sys.argv[1])
print("readonly" if st.readonly else "open", flush=True)
sys.stdin.readline()  # go
ids = [e["id"] for e in st.events()]
name = sys.argv[2]
for i in range(60):
    st.save_note(ids[(int(sys.argv[3]) + 2 * i) % len(ids)], f"{name} {i}")
st.close()
print("done", flush=True)
"""


def test_two_writer_processes_keep_every_note(built):
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    procs = []
    try:
        for name, start in (("first", 0), ("second", 1)):
            proc = subprocess.Popen([sys.executable, "-c", textwrap.dedent(WRITER), str(built), name, str(start)],
                                    stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
            procs.append(proc)
            assert proc.stdout.readline().strip() == "open", proc.stderr.read()
            (built / ".lock").unlink()  # the next one finds no lock file and takes its own
        for proc in procs:
            proc.stdin.write("go\n")
            proc.stdin.flush()
        for proc in procs:
            out, err = proc.communicate(timeout=60)
            assert proc.returncode == 0 and "done" in out, err
    finally:
        for proc in procs:
            if proc.poll() is None:
                proc.kill()
    entries = journal_entries(built)
    seqs = [entry["seq"] for entry in entries]
    assert len(seqs) == 120 and len(set(seqs)) == 120 and seqs == sorted(seqs)
    with Store.open(built) as store:
        noted = {e["id"]: e["note"] for e in store.events() if e["note"]}
    last = {}
    for entry in entries:
        last[entry["event"]] = entry["value"]
    assert noted == last
    assert all(note.startswith(("first", "second")) for note in noted.values())


def test_a_torn_line_left_by_a_dead_writer_is_set_aside_before_the_next_append(built):
    first, second = two_writers(built)
    ids = [e["id"] for e in first.events()]
    try:
        first.save_note(ids[0], "whole")
        with open(built / "journal.jsonl", "ab") as handle:  # the other writer died mid-append
            handle.write(b'{"seq": 2, "kind": "no')
        second.save_note(ids[1], "after the torn line")
    finally:
        first.close()
        second.close()
    assert [entry["seq"] for entry in journal_entries(built)] == [1, 2]
    assert list(built.glob("journal.jsonl.torn-*"))


def test_a_journal_cut_short_by_another_program_is_refused_and_nothing_saved(built):
    with Store.open(built) as store:
        ids = [e["id"] for e in store.events()]
        store.save_note(ids[0], "one")
        store.save_note(ids[1], "two")
        (built / "journal.jsonl").write_bytes(b"")
        with pytest.raises(StoreError, match="shorter than when it was read"):
            store.save_note(ids[2], "three")
    assert (built / "journal.jsonl").read_bytes() == b""
