"""What the status pane needs from `store.status`, in one place.

The status rules live in `store.status` (owned by the status engineer); this
module only calls them and turns their answer into the rows the pane shows.
"""
from __future__ import annotations

import queue
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


class StatusFeed:
    """The status engine in its own daemon thread, answering one question at a time.

    Building the engine on a large store takes long (the status engine compares every
    pair of articles for syndication), so it never runs on the UI thread, and as a
    daemon it never keeps the app from quitting. Questions that pile up are merged:
    only the newest as-of date is answered, with every changed event taken in.
    `deliver(asked, day, posts, error)` is called from the feed's thread.
    """

    def __init__(self, store, deliver: Callable[[int, str | None, list[dict], Exception | None], None]) -> None:
        self.store = store
        self.deliver = deliver
        self.engine: StatusEngine | None = None
        self.days: list[str] = []
        self.questions: queue.Queue = queue.Queue()
        self.busy = threading.Event()
        self.thread = threading.Thread(target=self._serve, name="crosswatch-status", daemon=True)
        self.thread.start()

    def ask(self, asked: int, as_of: str | None, changed: Sequence[dict] = ()) -> None:
        self.busy.set()
        self.questions.put((asked, as_of, list(changed)))

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
                if self.engine is None:
                    events = self.store.events()
                    self.engine = StatusEngine(self.store.articles()).load(events)
                    self.days = change_dates(events)
                elif changed:
                    for event in changed:
                        self.engine.replace(event)
                    self.days = change_dates(self.store.events())
                result = self.engine.status(as_of)
                answer = (asked, result.get("as_of"), result.get("posts", []), None)
            except Exception as err:  # the status rules live elsewhere; the browser must stay up
                answer = (asked, as_of, [], err)
            if self.questions.empty():
                self.busy.clear()
            self.deliver(*answer)


def crossing_names() -> dict[str, str]:
    """Crossing id -> "Al Waleed / Al Tanf", from the bundled gazetteer ({} if unreadable)."""
    import json

    from store.paths import bundled_data

    try:
        gazetteer = json.loads((bundled_data() / "gazetteer.json").read_text(encoding="utf-8"))
        return {c["id"]: c.get("name", "") for c in gazetteer.get("crossings", [])}
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return {}


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
