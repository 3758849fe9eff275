"""What the status pane needs from `store.status`, in one place.

The status rules live in `store.status` (owned by the status engineer); this
module only calls them and turns their answer into the rows the pane shows.
"""
from __future__ import annotations

import json
import queue
import subprocess
import sys
import threading
from typing import Callable, Iterable, Sequence

from store.asof import change_dates, next_change, previous_change
from store.status import StatusEngine


def newest_report(events: Iterable[dict]) -> str | None:
    days = [e.get("published") for e in events if e.get("published")]
    return max(days) if days else None


def step_as_of(days: Sequence[str], current: str | None, step: int) -> str | None:
    """The previous (`step` < 0) or next change day from `current`; None when there is none."""
    if not days:
        return None
    if current is None:
        return days[-1]
    return previous_change(list(days), current) if step < 0 else next_change(list(days), current)


PROCESS_MIN_EVENTS = 20_000  # from this size the engine runs in a child process


class StatusFeed:
    """The status engine off the UI thread, answering one question at a time.

    Small stores compute in a daemon thread; large ones in a child process
    (`status_process`), because building the engine there holds the interpreter
    lock for seconds. Questions that pile up are merged: only the newest as-of date
    is answered, with every changed event taken in. `deliver(asked, day, posts,
    error)` is called from the feed's thread. Neither the thread nor the child
    keeps the app from quitting.
    """

    def __init__(self, store, deliver: Callable, in_process: bool | None = None) -> None:
        self.store = store
        self.deliver = deliver
        self.in_process = store.count() < PROCESS_MIN_EVENTS if in_process is None else in_process
        self.engine: StatusEngine | None = None
        self.child: subprocess.Popen | None = None
        self.days: list[str] = []
        self.questions: queue.Queue = queue.Queue()
        self.thread = threading.Thread(target=self._serve, name="crosswatch-status", daemon=True)
        self.thread.start()

    def ask(self, asked: int, as_of: str | None, changed: Sequence[dict] = ()) -> None:
        self.questions.put((asked, as_of, list(changed)))

    def close(self) -> None:
        if self.child is not None and self.child.poll() is None:
            self.child.kill()

    def _next_question(self) -> tuple[int, str | None, list[dict]]:
        asked, as_of, changed = self.questions.get()
        while True:
            try:
                asked, as_of, more = self.questions.get_nowait()
            except queue.Empty:
                return asked, as_of, changed
            changed += more

    def _serve(self) -> None:
        while True:
            asked, as_of, changed = self._next_question()
            try:
                day, posts = self._answer_here(as_of, changed) if self.in_process else self._answer_there(as_of, changed)
                answer = (asked, day, posts, None)
            except Exception as err:  # the status rules live elsewhere; the browser must stay up
                answer = (asked, as_of, [], err)
            self.deliver(*answer)

    def _answer_here(self, as_of: str | None, changed: list[dict]) -> tuple[str | None, list[dict]]:
        if self.engine is None:
            events = self.store.events()
            self.engine = StatusEngine(self.store.articles()).load(events)
            self.days = change_dates(events)
        elif changed:
            for event in changed:
                self.engine.replace(event)
            self.days = change_dates(list(self.engine.events.values()))
        result = self.engine.status(as_of)
        return result.get("as_of"), result.get("posts", [])

    def _answer_there(self, as_of: str | None, changed: list[dict]) -> tuple[str | None, list[dict]]:
        if self.child is None:
            self.child = subprocess.Popen(
                [sys.executable, "-m", "tui.screens.status_process", str(self.store.folder)],
                stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, encoding="utf-8",
            )
        question = {"as_of": as_of, "changed": [{k: v for k, v in e.items()} for e in changed]}
        self.child.stdin.write(json.dumps(question, default=str) + "\n")
        self.child.stdin.flush()
        line = self.child.stdout.readline()
        if not line:
            raise RuntimeError("the status process ended")
        answer = json.loads(line)
        if "error" in answer:
            raise RuntimeError(answer["error"])
        self.days = answer["days"]
        return answer["as_of"], answer["posts"]


def export_to_file(store, fmt: str, flt=None) -> str:
    """Write the events passing `flt` (rejected ones left out) into the store folder's exports/."""
    import datetime as dt

    from store.db.atomic import atomic_write
    from store.export import export

    text = export(store, fmt, flt=flt)
    folder = store.folder / "exports"
    folder.mkdir(exist_ok=True)
    path = folder / f"crosswatch-{dt.datetime.now():%Y%m%d-%H%M%S}.{fmt}"
    atomic_write(path, text.encode("utf-8"))
    return str(path)
