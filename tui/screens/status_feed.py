"""What the status pane needs from `store.status`, in one place.

The status rules live in `store.status` (owned by the status engineer); this
module only calls them and turns their answer into the rows the pane shows.
"""
from __future__ import annotations

import threading
from typing import Iterable, Sequence

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
    """Keeps one `StatusEngine` so that after a decision only that crossing is recomputed.

    Called from worker threads; the lock keeps two of them from using the engine at once.
    """

    def __init__(self, articles: Sequence[dict]) -> None:
        self.engine = StatusEngine(list(articles))
        self.lock = threading.Lock()
        self.loaded = False
        self.days: list[str] = []

    def load(self, events: Sequence[dict]) -> None:
        with self.lock:
            self.engine.load(list(events))
            self.days = change_dates(list(events))
            self.loaded = True

    def changed(self, events: Iterable[dict], all_events: Sequence[dict]) -> None:
        with self.lock:
            for event in events:
                self.engine.replace(event)
            self.days = change_dates(list(all_events))

    def posts(self, as_of: str | None) -> tuple[str | None, list[dict]]:
        """(the as-of day used, one row per post)."""
        with self.lock:
            result = self.engine.status(as_of)
        return result.get("as_of"), result.get("posts", [])


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
