"""One crossing's status over time, for the timeline view: stretches per post, and ticks.

A post's days are cut into segments at every day one of its reports takes effect; next
segments with the same holder and contested mark are merged. Each segment lists the
events behind it: the reports supporting its holder (from the stretch's start), the
ones disputing it, and every other report about the post dated inside it. Ticks mark
single reports: captures and holds (claims), attacks, withdrawals, reinforcements,
closings and reopenings. A segment's `sources` and `incidents` are the post's status
(`StatusEngine.post_status`) on its last change day: the status pane's figures for any
as-of date from then to the segment's end.

    crossing_timeline(engine, crossing) -> CrossingTimeline
    timeline_to_json(timeline) -> dict; timeline_from_json(dict) -> CrossingTimeline   # across processes
"""
from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass, field
from datetime import date

from .claims import parse_day
from .day_math import shift
from .holding import state_of
from .quiet_gc import collector_paused


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
    sources: int = 0  # independent sources of the holder by the segment's last change (the status pane's count)
    incidents: int = 0  # incidents they report, likewise
    assumed: bool = False  # no report names a holder yet: `holder` is the post's own state (store.holding)

    @property
    def last(self) -> date:
        return shift(self.end, -1)


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


def crossing_timeline(engine, crossing: str, until=None) -> CrossingTimeline | None:
    """`engine`: a store.status.StatusEngine; `until`: the last day drawn (default: the newest report)."""
    with collector_paused():  # a status per day: bulk work (store.quiet_gc)
        return _timeline(engine, crossing, until)


def _timeline(engine, crossing: str, until) -> CrossingTimeline | None:
    histories = engine.histories(crossing)
    firsts = [h.claim_days[0] for h in histories.values() if h.claim_days]
    if not firsts:
        return None
    first = min(firsts)
    latest = max(h.claim_days[-1] for h in histories.values() if h.claim_days)
    last = max(parse_day(until) or engine.newest_report() or latest, latest)
    segments: dict[str | None, list[Segment]] = {}
    ticks: dict[str | None, list[Tick]] = {}
    for side, history in histories.items():
        segments[side] = _segments(engine, crossing, history, first, shift(last, 1))  # 9999-12-31 stops there (store.day_math)
        ticks[side] = [Tick(side, c.day, c.type, c.actor, c.event_id) for c in history.claims]
    return CrossingTimeline(crossing, list(histories), first, last, segments, ticks)


def _segments(engine, crossing: str, history, first: date, end_all: date) -> list[Segment]:
    """One post's segments: the post's status on each day a report of it takes effect, equal neighbours merged."""
    claims, days = history.claims, history.claim_days
    cuts = sorted(set(days))
    parts: list[Segment] = []
    if not cuts or cuts[0] > first:
        state = state_of(history.post)  # before any report: the post's own state's, assumed (as store.status says)
        parts.append(Segment(history.post, first, cuts[0] if cuts else end_all, state, False, False, "unknown",
                             assumed=state is not None))
    behind: dict[str, None] = {}  # the events behind the segment being made, in order
    lo = 0
    for i, day in enumerate(cuts):
        end = cuts[i + 1] if i + 1 < len(cuts) else end_all
        hi = bisect_left(days, end, lo)  # the claims of this day: the cuts are the claims' days
        status = engine.post_status(crossing, history, day)
        prev = parts[-1] if parts else None
        if not (prev and prev.reported and (prev.holder, prev.contested, prev.open, prev.assumed) == (
                status["holder"], status["contested"], status["open"], status["assumed"])):
            if prev is not None and prev.reported:
                prev.events = list(behind)
            behind = {}
            prev = Segment(history.post, day, end, status["holder"], True, status["contested"], status["open"],
                           assumed=status["assumed"])
            parts.append(prev)
        prev.end, prev.sources, prev.incidents = end, status["sources"], status["incidents"]
        for ids in (status["events"], status["disputed_by"], [c.event_id for c in claims[lo:hi]], status["open_events"]):
            behind.update(dict.fromkeys(ids))
        lo = hi
    if parts and parts[-1].reported:
        parts[-1].events = list(behind)
    return parts


def timeline_to_json(timeline: CrossingTimeline | None) -> dict | None:
    """The timeline as plain JSON data (to cross from the status process to the browser)."""
    if timeline is None:
        return None
    return {
        "crossing": timeline.crossing, "posts": timeline.posts,
        "first": timeline.first.isoformat(), "last": timeline.last.isoformat(),
        "segments": [[side, [[s.start.isoformat(), s.end.isoformat(), s.holder, s.reported, s.contested, s.open,
                              s.events, s.sources, s.incidents, s.assumed] for s in parts]]
                     for side, parts in timeline.segments.items()],
        "ticks": [[side, [[t.day.isoformat(), t.type, t.actor, t.event_id] for t in marks]]
                  for side, marks in timeline.ticks.items()],
    }


def timeline_from_json(data: dict | None) -> CrossingTimeline | None:
    if data is None:
        return None
    day = date.fromisoformat
    segments = {side: [Segment(side, day(row[0]), day(row[1]), *row[2:6], list(row[6]), *row[7:9], bool(row[9:10] and row[9]))
                       for row in parts]
                for side, parts in data["segments"]}
    ticks = {side: [Tick(side, day(d), kind, actor, event_id) for d, kind, actor, event_id in marks]
             for side, marks in data["ticks"]}
    return CrossingTimeline(data["crossing"], list(data["posts"]), day(data["first"]), day(data["last"]), segments, ticks)
