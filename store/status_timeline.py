"""One crossing's status over time, for the timeline view: stretches per post, and ticks.

A post's days are cut into segments at every day one of its reports takes effect; next
segments with the same holder and contested mark are merged. Each segment lists the
events behind it: the reports supporting its holder (from the stretch's start), the
ones disputing it, and every other report about the post dated inside it. Ticks mark
single reports: captures and holds (claims), attacks, withdrawals, reinforcements,
closings and reopenings.

    crossing_timeline(engine, crossing) -> CrossingTimeline
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from .claims import parse_day


@dataclass
class Segment:
    side: str | None
    start: date
    end: date  # exclusive
    holder: str | None
    reported: bool  # False before the first report about the post
    contested: bool
    open: str
    events: list[str] = field(default_factory=list)

    @property
    def last(self) -> date:
        return self.end - timedelta(days=1)


@dataclass(frozen=True)
class Tick:
    side: str | None
    day: date
    type: str
    actor: str | None
    event_id: str


@dataclass
class CrossingTimeline:
    crossing: str
    posts: list[str | None]
    first: date
    last: date
    segments: dict[str | None, list[Segment]]
    ticks: dict[str | None, list[Tick]]

    @property
    def days(self) -> list[date]:
        """Every day a segment starts, across posts, plus the last day: the scale's breakpoints."""
        out = {self.first, self.last}
        for segments in self.segments.values():
            out.update(s.start for s in segments)
        return sorted(out)


def _behind(status: dict, claims, start: date, end: date) -> list[str]:
    inside = [c.event_id for c in claims if start <= c.day < end]
    ordered = list(dict.fromkeys([*status["events"], *status["disputed_by"], *inside, *status["open_events"]]))
    return ordered


def crossing_timeline(engine, crossing: str, until=None) -> CrossingTimeline | None:
    histories = engine.histories(crossing)
    all_days = [c.day for h in histories.values() for c in h.claims]
    if not all_days:
        return None
    first = min(all_days)
    last = max(parse_day(until) or engine.newest_report() or max(all_days), max(all_days))
    end_all = last + timedelta(days=1)
    segments: dict[str | None, list[Segment]] = {}
    ticks: dict[str | None, list[Tick]] = {}
    for side, history in histories.items():
        cuts = sorted({c.day for c in history.claims})
        parts: list[Segment] = []
        if not cuts or cuts[0] > first:
            parts.append(Segment(side, first, cuts[0] if cuts else end_all, None, False, False, "unknown"))
        for i, day in enumerate(cuts):
            end = cuts[i + 1] if i + 1 < len(cuts) else end_all
            status = engine.post_status(crossing, history, day)
            behind = _behind(status, history.claims, day, end)
            prev = parts[-1] if parts else None
            if prev and prev.reported and (prev.holder, prev.contested, prev.open) == (
                status["holder"], status["contested"], status["open"]
            ):
                prev.end = end
                prev.events = list(dict.fromkeys([*prev.events, *behind]))
            else:
                parts.append(Segment(side, day, end, status["holder"], True, status["contested"], status["open"], behind))
        segments[side] = parts
        ticks[side] = [Tick(side, c.day, c.type, c.actor, c.event_id) for c in history.claims]
    return CrossingTimeline(crossing, list(histories), first, last, segments, ticks)
