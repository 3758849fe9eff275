"""The days on which the status table changes, for stepping the as-of date with `[` and `]`.

A day counts when any counted event (store.counted: not rejected, naming a crossing, no open
candidate) takes effect on it
(store.claims.effective): that is when some post's holder, contested mark, open state or
last report can change.

    change_dates(events) -> list[str]              # ascending ISO days
    previous_change(dates, as_of) -> str | None    # latest day strictly before as_of
    next_change(dates, as_of) -> str | None        # earliest day strictly after as_of
"""
from __future__ import annotations

from bisect import bisect_left, bisect_right

from .bounds import bounded_events, relative_span
from .claims import effective, parse_day
from .counted import counts
from .quiet_gc import collector_paused


def change_dates(events: list[dict]) -> list[str]:
    """One pass over the events; only those told relative to another wait for store.bounds."""
    with collector_paused():
        days, waiting, bounded = set(), [], set()
        for event in events:
            get = event.get
            if parse_day(get("date")) is None and relative_span(get("date_text")) is not None:
                bounded.add(get("article_id"))  # its article's events give its bound
                waiting.append(event)
            elif counts(event):
                when = effective(event)  # no bound: it is dated, or not told relative to another
                if when is not None:
                    days.add(when[0])
        if waiting:
            bounds = bounded_events([e for e in events if e.get("article_id") in bounded])
            for event in waiting:
                if counts(event):
                    when = effective(event, bounds.get(event["id"]))
                    if when is not None:
                        days.add(when[0])
        return sorted({day.isoformat() for day in days})


def previous_change(dates: list[str], as_of: str) -> str | None:
    i = bisect_left(dates, as_of[:10])
    return dates[i - 1] if i > 0 else None


def next_change(dates: list[str], as_of: str) -> str | None:
    i = bisect_right(dates, as_of[:10])
    return dates[i] if i < len(dates) else None
