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
from concurrent.futures import Future
from typing import Callable, Iterable, Sequence

from store.asof import next_change, previous_change
from store.status import StatusEngine, engine_for
from store.status_timeline import CrossingTimeline, crossing_timeline, timeline_from_json


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

    `timeline(crossing)` asks the same engine for a crossing's timeline
    (store.status_timeline), so the timeline screen shows the status pane's figures
    (its sources: syndicated copies found among all the articles) without building
    an engine of its own; it is answered after any status question already waiting.
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

    def timeline(self, crossing: str) -> "Future[CrossingTimeline | None]":
        """The crossing's timeline from this feed's engine, later (the result, or the error, of a Future)."""
        future: Future = Future()
        self.questions.put((crossing, future))
        return future

    def close(self) -> None:
        if self.child is not None and self.child.poll() is None:
            self.child.kill()

    def _next_questions(self) -> tuple[tuple[int, str | None, list[dict]] | None, list[tuple[str, Future]]]:
        """The status question (those waiting merged into one; None: none) and the timeline questions waiting."""
        status, timelines = None, []
        item = self.questions.get()
        while True:
            if len(item) == 2:
                timelines.append(item)
            elif status is None:
                status = item
            else:
                asked, as_of, more = item
                status = (asked, as_of, status[2] + more)
            try:
                item = self.questions.get_nowait()
            except queue.Empty:
                return status, timelines

    def _serve(self) -> None:
        while True:
            status, timelines = self._next_questions()
            if status is not None:
                asked, as_of, changed = status
                try:
                    day, posts = self._answer_here(as_of, changed) if self.in_process else self._answer_there(as_of, changed)
                    answer = (asked, day, posts, None)
                except Exception as err:  # the status rules live elsewhere; the browser must stay up
                    answer = (asked, as_of, [], err)
                self.deliver(*answer)
            for crossing, future in timelines:
                if not future.set_running_or_notify_cancel():
                    continue
                try:
                    future.set_result(self._timeline_here(crossing) if self.in_process else self._timeline_there(crossing))
                except Exception as err:
                    future.set_exception(err)

    def _engine_here(self, changed: list[dict]) -> StatusEngine:
        if self.engine is None:
            self.engine = engine_for(self.store)  # with the store's print book: copies found without reading texts
            self.days = self.engine.change_dates()  # (store.asof.change_dates, from the claims the engine made)
        elif changed:
            for event in changed:
                self.engine.replace(event)
            self.days = self.engine.change_dates()
        return self.engine

    def _answer_here(self, as_of: str | None, changed: list[dict]) -> tuple[str | None, list[dict]]:
        result = self._engine_here(changed).status(as_of)
        return result.get("as_of"), result.get("posts", [])

    def _timeline_here(self, crossing: str) -> CrossingTimeline | None:
        return crossing_timeline(self._engine_here([]), crossing)

    def _ask_child(self, question: dict) -> dict:
        if self.child is None:
            self.child = subprocess.Popen(
                [sys.executable, "-m", "tui.screens.status_process", str(self.store.folder)],
                stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, encoding="utf-8",
            )
        self.child.stdin.write(json.dumps(question, default=str) + "\n")
        self.child.stdin.flush()
        line = self.child.stdout.readline()
        if not line:
            raise RuntimeError("the status process ended")
        answer = json.loads(line)
        if "error" in answer:
            raise RuntimeError(answer["error"])
        return answer

    def _answer_there(self, as_of: str | None, changed: list[dict]) -> tuple[str | None, list[dict]]:
        answer = self._ask_child({"as_of": as_of, "changed": [{k: v for k, v in e.items()} for e in changed]})
        self.days = answer["days"]
        return answer["as_of"], answer["posts"]

    def _timeline_there(self, crossing: str) -> CrossingTimeline | None:
        return timeline_from_json(self._ask_child({"timeline": crossing})["timeline"])


def export_to_file(store, fmt: str, flt=None) -> str:
    """Write the events passing `flt` (rejected ones and open candidates left out) into the store folder's exports/."""
    import datetime as dt

    from store.db.atomic import atomic_write
    from store.export import export

    text = export(store, fmt, flt=flt)
    folder = store.folder / "exports"
    folder.mkdir(exist_ok=True)
    path = folder / f"crosswatch-{dt.datetime.now():%Y%m%d-%H%M%S}.{fmt}"
    atomic_write(path, text.encode("utf-8"))
    return str(path)
