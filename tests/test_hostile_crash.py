"""SIGKILL in the middle of ingest and of note saves, a full disk, a second process:
the store opens afterwards and holds every note that was acknowledged before the fault."""
from __future__ import annotations

import errno
import os
import random
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from store.db import Store, StoreError
from tests.conftest import ARTICLES, REPO

REPORTS = sorted(ARTICLES.glob("*.txt"))
pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals and rlimits")


def child(code: str, *args: str, **kwargs) -> subprocess.Popen:
    """A separate Python process running `code` against the project (cwd on sys.path)."""
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(REPO), os.environ.get("PYTHONPATH")]))}
    return subprocess.Popen(
        [sys.executable, "-c", textwrap.dedent(code), *args],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, stdin=subprocess.PIPE, text=True, env=env, cwd=REPO, **kwargs,
    )


def notes_in(folder: Path) -> dict[str, str]:
    st = Store.open(folder)
    try:
        notes = {e["id"]: e["note"] for e in st.events() if e["note"] is not None}
        for orphan in st.orphaned_notes():
            notes.setdefault(orphan.get("event") or orphan.get("id") or orphan.get("event_id"), orphan.get("note") or orphan.get("text"))
        return notes
    finally:
        st.close()


@pytest.fixture
def store_dir(tmp_path) -> Path:
    folder = tmp_path / "store"
    st = Store.open(folder)
    try:
        st.ingest(REPORTS)
    finally:
        st.close()
    return folder


SAVER = """
import sys
from store.db import Store
st = Store.open(sys.argv[1])
ids = [e["id"] for e in st.events()]
i = 0
while True:
    event_id = ids[i % len(ids)]
    st.save_note(event_id, f"note {i} " + "x" * (i % 50) * 40)
    print(event_id, i, flush=True)   # acknowledged: save_note has returned
    i += 1
"""


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_sigkill_during_note_saves_keeps_every_acknowledged_note(store_dir, seed):
    kill_after = random.Random(seed).randint(20, 120)
    proc = child(SAVER, str(store_dir))
    acknowledged: dict[str, int] = {}
    try:
        for _ in range(kill_after):
            line = proc.stdout.readline()
            assert line, proc.stderr.read()
            event_id, number = line.split()
            acknowledged[event_id] = int(number)
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=10)
    notes = notes_in(store_dir)
    for event_id, number in acknowledged.items():
        saved = int(notes[event_id].split()[1])
        assert saved >= number, (event_id, saved, number)  # the acknowledged note or a later one


INGESTER = """
import sys
from pathlib import Path
from store.db import Store
st = Store.open(sys.argv[1])
corpus = getattr(st, "_corpus", None)
if corpus is not None:  # instrumentation only: say when each shard write starts, so the kill can land in it
    original = corpus.write_shard
    def traced(shard, *args, **kwargs):  # shards are written by several threads: one write per line
        sys.stdout.write(f"writing {shard}\\n")
        sys.stdout.flush()
        return original(shard, *args, **kwargs)
    corpus.write_shard = traced
print("open", flush=True)
st.ingest(sorted(Path(sys.argv[2]).glob("*.txt")), progress=lambda done, total, name: print("extracted", done, flush=True))
print("done", flush=True)
"""


def variants(folder: Path, count: int) -> Path:
    """`count` distinct reports (the bundled ones, each with a distinct closing line)."""
    folder.mkdir()
    texts = [p.read_text(encoding="utf-8") for p in REPORTS]
    for i in range(count):
        (folder / f"r{i:04d}.txt").write_text(texts[i % len(texts)] + f"\nCorrection {i}: figures updated.\n", encoding="utf-8")
    return folder


def leftover_processes(marker: str, wait: float = 10.0) -> list[int]:
    """Processes whose command line holds `marker` (the killed child's workers), after up to `wait` s."""
    proc = Path("/proc")
    if not proc.is_dir():
        return []
    deadline = time.monotonic() + wait
    while True:
        found = []
        for entry in proc.iterdir():
            if entry.name.isdigit():
                try:
                    if marker.encode() in (entry / "cmdline").read_bytes():
                        found.append(int(entry.name))
                except OSError:
                    pass
        if not found or time.monotonic() > deadline:
            return found
        time.sleep(0.1)


@pytest.mark.parametrize(
    "stage, nth, delay",
    [("extracted", 40, 0.0), ("writing", 1, 0.0), ("writing", 2, 0.001), ("writing", 5, 0.003), ("writing", 9, 0.0)],
)
def test_sigkill_during_ingest_leaves_a_store_that_opens_with_every_note(store_dir, tmp_path, stage, nth, delay):
    st = Store.open(store_dir)
    saved = {}
    for i, event in enumerate(st.events()[:6]):
        st.save_note(event["id"], f"analyst note {i}")
        saved[event["id"]] = f"analyst note {i}"
    st.close()
    assert saved
    batch = variants(tmp_path / "batch", 120)
    proc = child(INGESTER, str(store_dir), str(batch))
    seen = 0
    try:
        for line in proc.stdout:
            if line.startswith(stage):
                seen += 1
                if seen == nth:
                    time.sleep(delay)
                    break
            assert not line.startswith("done"), "the ingest finished before the kill"
        else:
            pytest.fail(f"the child ended early: {proc.stderr.read()}")
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=10)
    assert not leftover_processes(str(batch)), "extraction workers outlived the killed ingest"
    notes = notes_in(store_dir)  # opens, or this raises and the test fails
    for event_id, note in saved.items():
        assert notes.get(event_id) == note
    st = Store.open(store_dir)  # and it can be written to and finished afterwards
    try:
        st.ingest(sorted(batch.glob("*.txt")))
        assert len(st.articles()) >= 120
        for article in st.articles():
            st.article(article["id"])
    finally:
        st.close()
    assert {k: v for k, v in notes_in(store_dir).items() if k in saved} == saved


def test_disk_full_on_note_save_loses_nothing_acknowledged(store_dir, monkeypatch):
    st = Store.open(store_dir)
    ids = [e["id"] for e in st.events()]
    st.save_note(ids[0], "saved before the disk filled")
    import store.db.storages as storages

    def disk_full(fd, data):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(storages.os, "write", disk_full)
    with pytest.raises((StoreError, OSError)) as caught:
        st.save_note(ids[1], "this one cannot be written")
    assert "\n" not in str(caught.value)
    assert st.event(ids[1])["note"] is None  # not shown as saved when it was not
    monkeypatch.undo()
    st.save_note(ids[2], "saved after space was freed")
    st.close()
    notes = notes_in(store_dir)
    assert notes[ids[0]] == "saved before the disk filled"
    assert ids[1] not in notes
    assert notes[ids[2]] == "saved after space was freed"


LIMITED = """
import resource, signal, sys
from pathlib import Path
from store.db import Store
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)   # writes past the limit fail with EFBIG instead
folder = Path(sys.argv[1])
st = Store.open(folder)
ids = [e["id"] for e in st.events()]
st.save_note(ids[0], "acknowledged before the limit")
print("ack", flush=True)
biggest = max(p.stat().st_size for p in folder.rglob("*") if p.is_file())
resource.setrlimit(resource.RLIMIT_FSIZE, (biggest + 64, resource.RLIM_INFINITY))
try:
    st.save_note(ids[1], "y" * 100_000)
    print("saved-anyway", flush=True)
except Exception as err:
    print("refused:", type(err).__name__, str(err).replace("\\n", " ")[:200], flush=True)
try:
    st.ingest([Path(sys.argv[2])])
    print("ingested-anyway", flush=True)
except Exception as err:
    print("refused:", type(err).__name__, str(err).replace("\\n", " ")[:200], flush=True)
"""


def test_a_file_that_cannot_grow_refuses_the_save_and_keeps_the_store(store_dir, tmp_path):
    """The kernel refuses to grow any file (RLIMIT_FSIZE): what a full disk looks like to the store."""
    new_report = tmp_path / "new.txt"
    new_report.write_text(REPORTS[0].read_text(encoding="utf-8") + "\n" + "More text. " * 5000, encoding="utf-8")
    proc = child(LIMITED, str(store_dir), str(new_report))
    out, err = proc.communicate(timeout=60)
    lines = out.splitlines()
    assert lines[0] == "ack", err
    assert lines[1].startswith("refused:"), (lines, err)  # the note save
    assert lines[2].startswith("refused:"), (lines, err)  # the ingest: a shard could not be rewritten
    assert all(len(line) < 400 for line in lines)
    notes = notes_in(store_dir)
    assert "acknowledged before the limit" in notes.values()
    assert not any(n.startswith("yyy") for n in notes.values())
    st = Store.open(store_dir)
    try:
        for article in st.articles():
            st.article(article["id"])
    finally:
        st.close()


HOLDER = """
import sys
from store.db import Store
st = Store.open(sys.argv[1])
print("readonly" if st.readonly else "writable", flush=True)
sys.stdin.readline()
event_id = st.events()[0]["id"]
st.save_note(event_id, "written by the first window")
st.close()
print("closed", flush=True)
"""


def test_second_process_is_read_only_says_so_and_loses_nothing(store_dir, capsys):
    from tui.cli import main

    first = child(HOLDER, str(store_dir))
    try:
        assert first.stdout.readline().strip() == "writable", first.stderr.read()
        second = Store.open(store_dir)
        assert second.readonly
        with pytest.raises(StoreError):
            second.save_note(second.events()[1]["id"], "must not be written")
        second.close()
        code = main(["ingest", str(REPORTS[0]), "--store", str(store_dir)])
        out, err = capsys.readouterr()
        assert "read-only" in (out + err).lower() or "read only" in (out + err).lower()
        assert code != 0
        first.stdin.write("go\n")
        first.stdin.flush()
        assert first.stdout.readline().strip() == "closed", first.stderr.read()
    finally:
        first.kill()
        first.wait(timeout=10)
    notes = notes_in(store_dir)
    assert list(notes.values()) == ["written by the first window"]


def test_lock_of_a_killed_process_does_not_leave_the_store_read_only(store_dir):
    first = child(HOLDER, str(store_dir))
    assert first.stdout.readline().strip() == "writable", first.stderr.read()
    first.send_signal(signal.SIGKILL)
    first.wait(timeout=10)
    st = Store.open(store_dir)
    try:
        assert not st.readonly
    finally:
        st.close()


RACER = """
import sys, time
from store.db import Store
start = float(sys.argv[2])
while time.time() < start:
    pass
st = Store.open(sys.argv[1])
print("readonly" if st.readonly else "writable", flush=True)
sys.stdin.readline()
st.close()
"""


@pytest.mark.parametrize("racers", [2, 4])
def test_processes_racing_to_open_one_store_get_exactly_one_writer(store_dir, racers):
    start = f"{time.time() + 1.0:.3f}"
    procs = [child(RACER, str(store_dir), start) for _ in range(racers)]
    try:
        said = sorted(p.stdout.readline().strip() for p in procs)
    finally:
        for p in procs:
            p.kill()
            p.wait(timeout=10)
    assert said == ["readonly"] * (racers - 1) + ["writable"], said


def test_stale_lock_file_with_junk_in_it_does_not_block_the_store(store_dir):
    (store_dir / ".lock").write_text("pid 99999 from a crashed crosswatch\n")
    with Store.open(store_dir) as st:
        assert not st.readonly


def test_lock_path_taken_by_a_folder_is_refused_in_one_line(store_dir):
    lock = store_dir / ".lock"
    if lock.exists():
        lock.unlink()
    lock.mkdir()
    with pytest.raises(StoreError) as caught:
        Store.open(store_dir).close()
    assert ".lock" in str(caught.value) and "\n" not in str(caught.value)


def test_store_path_that_is_a_file_is_refused_in_one_line(tmp_path):
    path = tmp_path / "notes.txt"
    path.write_text("my notes")
    with pytest.raises(StoreError) as caught:
        Store.open(path).close()
    assert "not a folder" in str(caught.value)
    assert path.read_text() == "my notes"
