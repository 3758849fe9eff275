"""SIGKILL at random moments inside every write path, over and over (issue 13, item 1).

Each path (`tests/kill_writer.py`: ingest of new reports, ingest of changed reports,
re-read, notes and decisions) is killed at least 50 times, each time at a random moment
inside a corpus write (or between note saves), and the store is opened after every kill:
read-only first (which must serve a whole state without changing a byte), then for
writing (which finishes or undoes the cut write). Every event's `start:end` must still
be its sentence in its article's text, and every acknowledged note and decision must be
there. Slow (about a minute per path): `pytest -m slow tests/test_kill_loop.py`.
"""
from __future__ import annotations

import os
import queue
import random
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from store.db import Store, StoreError
from tests.conftest import ARTICLES, REPO

KILLS = 50
WRITER = REPO / "tests" / "kill_writer.py"
pytestmark = [pytest.mark.slow, pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")]


class Child:
    """A kill_writer process and its output lines, read on a thread so no read ever blocks the test."""

    def __init__(self, mode: str, store: Path, work: Path):
        env = {**os.environ, "PYTHONPATH": str(REPO)}
        self.proc = subprocess.Popen(
            [sys.executable, str(WRITER), mode, str(store), str(work)],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env, cwd=REPO,
        )
        self.lines: queue.Queue = queue.Queue()
        self.seen: list[str] = []
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()

    def _read(self) -> None:
        for line in self.proc.stdout:
            self.lines.put(line.rstrip("\n"))
        self.lines.put(None)

    def wait_for(self, wanted: str, timeout: float = 60) -> float:
        """Block until a line starting with `wanted`; the moment it was read."""
        deadline = time.monotonic() + timeout
        while True:
            line = self.lines.get(timeout=max(0.01, deadline - time.monotonic()))
            if line is None:
                raise AssertionError(f"writer ended: {self.proc.stderr.read()}")
            self.seen.append(line)
            if line.startswith(wanted):
                return time.monotonic()

    def kill(self) -> list[str]:
        """SIGKILL, then every line it printed (acknowledgements printed just before the kill too)."""
        self.proc.send_signal(signal.SIGKILL)
        self.proc.wait()
        self.reader.join(10)
        while True:
            line = self.lines.get_nowait() if not self.lines.empty() else None
            if line is None:
                break
            self.seen.append(line)
        self.proc.stdout.close()
        self.proc.stderr.close()
        return self.seen


def check(folder: Path, acknowledged: list[tuple[str, str, str]], readonly: bool, recovered: list | None = None) -> list[str]:
    """What is wrong with the store as opened now: events off their text, acknowledged work lost.

    `recovered` collects the lines of the cut writes this open finished or undid.
    """
    problems = []
    with Store.open(folder, readonly=readonly) as store:
        if recovered is not None:
            recovered += store.recovered
        for event in store.events():
            try:
                text = store.article_text(event["article_id"])
            except StoreError as err:
                problems.append(f"{event['article_id']}: {err}")
                continue
            if text[event["start"]:event["end"]] != event["sentence"]:
                problems.append(f"{event['article_id']}: event {event['id']} off its text")
        for kind, event_id, value in acknowledged:
            values = [entry["value"] for entry in store.history(event_id) if entry["kind"] == kind]
            if not any(v == value or (isinstance(v, dict) and v.get("decision") == value) for v in values):
                problems.append(f"acknowledged {kind} {value} on {event_id} lost")
    return sorted(set(problems))


@pytest.fixture
def base(tmp_path) -> tuple[Path, list[tuple[str, str, str]]]:
    """A store of the bundled reports with a few notes on it, acknowledged."""
    folder = tmp_path / "store"
    acknowledged = []
    with Store.open(folder) as store:
        store.ingest(sorted(ARTICLES.glob("*.txt")))
        for event in store.events()[:5]:
            store.save_note(event["id"], f"kept {event['id']}")
            acknowledged.append(("note", event["id"], f"kept {event['id']}"))
    return folder, acknowledged


def write_window(mode: str, folder: Path, work: Path) -> float:
    """How long one corpus write takes in this mode here (a run left to finish one)."""
    child = Child(mode, folder, work)
    child.wait_for("ready")
    began = child.wait_for("W")
    ended = child.wait_for("D")
    child.kill()
    return max(0.005, ended - began)


def kill_loop(mode: str, folder: Path, work: Path, acknowledged: list, seed: int) -> dict:
    rng = random.Random(seed)
    window = write_window(mode, folder, work) * 1.5 if mode != "notes" else 0.004
    torn_kills, first, recovered = 0, [], []
    started = time.monotonic()
    for _ in range(KILLS):
        child = Child(mode, folder, work)
        child.wait_for("ready")
        if mode == "notes":
            for _ in range(rng.randint(1, 25)):
                child.wait_for("A ")
        else:
            child.wait_for("W")
        time.sleep(rng.uniform(0, window))
        for line in child.kill():
            if line.startswith("A "):
                _, kind, event_id, value = line.split(" ", 3)
                acknowledged.append((kind, event_id, value))
        problems = check(folder, acknowledged, readonly=True) + check(folder, acknowledged, readonly=False, recovered=recovered)
        if problems:
            torn_kills += 1
            first = first or problems[:5]
    return {
        "kills": KILLS, "torn": torn_kills, "first": first, "seconds": round(time.monotonic() - started, 1),
        "window": round(window, 3), "finished": sum("finished" in line for line in recovered),
        "undone": sum("undone" in line for line in recovered),
    }


@pytest.mark.parametrize("mode", ["new", "changed", "reread", "notes"])
def test_sigkill_inside_a_write_never_mixes_texts_and_events(base, tmp_path, mode):
    folder, acknowledged = base
    work = tmp_path / "work"
    work.mkdir()
    if mode in ("changed", "reread"):  # the reports that will change, in the store once
        child = Child(mode, folder, work)
        child.wait_for("ready")
        child.wait_for("D")
        child.kill()
        assert not check(folder, acknowledged, readonly=False)
    result = kill_loop(mode, folder, work, acknowledged, seed=13)
    print(f"{mode}: {result}")
    assert result["torn"] == 0, result
    if mode != "notes":  # the kills did land inside writes: shards were left mid-update, and settled on open
        assert result["finished"] + result["undone"] > 0, result
    left = [name for sub in ("corpus", "texts") for name in os.listdir(folder / sub) if name.endswith((".pending.json", ".tmp"))]
    assert not left, f"a cut write left files behind: {left}"
    shutil.rmtree(work)
