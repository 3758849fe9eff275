"""Repeated reports of one real-world event become one incident.

Two events are one incident when they name the same crossing and type, sides that do not
differ (equal, or one names no side), agreeing actors (store.actors), and compatible days:
- both dated: the same day;
- one undated: the dated day lies within `incident_window_days` (7) before the undated
  report's publication (an undated report tells of something up to its publication);
- both undated: published at most that many days apart.
Dated events are grouped first, then undated ones join the closest compatible incident.
Rejected events are left out. Syndicated copies of articles are recognised in
store.sources (`syndication`, re-exported here).

    group_incidents(events) -> list[Incident]
    incident_index(events) -> {event id: incident id}
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from operator import itemgetter

from .actors import agreeing, compatible, is_generic
from .claims import parse_day
from .day_math import shift
from .counted import counts
from .sources import source_groups, syndication
from .status_rules import status_rules

__all__ = ["Incident", "group_incidents", "incident_index", "syndication", "source_groups", "article_marks"]


@dataclass(eq=False)  # identity: comparing member lists would cost O(events)
class Incident:
    id: str
    crossing: str
    type: str
    actor: str | None
    side: str | None
    day: date | None  # the reported day, when any report dates it
    events: list[dict] = field(default_factory=list)
    seq: int = 0  # creation order: the first-made incident wins a tie

    def agrees(self, event: dict) -> bool:
        side = event.get("side") or None
        if side and self.side and side != self.side:
            return False
        return event.get("actor") == self.actor or compatible(event.get("actor"), self.actor)

    def add(self, event: dict) -> None:
        self.events.append(event)
        self.side = self.side or event.get("side") or None
        actor = event.get("actor")
        if self.actor is None or (actor and is_generic(self.actor) and not is_generic(actor)):
            self.actor = actor or self.actor

    @property
    def articles(self) -> list[str]:
        return sorted({e.get("article_id") for e in self.events if e.get("article_id")})


class _Buckets:
    """Incidents filed by (day, actor) under every name they have had, so a lookup scans only agreeing ones."""

    def __init__(self):
        self.by_key: dict[tuple, list[Incident]] = defaultdict(list)
        self.filed: dict[int, tuple[set, set]] = {}  # id(incident) -> (days, names) it is filed under

    def file(self, day: date, inc: Incident) -> None:
        days, names = self.filed.setdefault(id(inc), (set(), set()))
        if inc.actor not in names:
            names.add(inc.actor)
            for known in days:
                self.by_key[(known, inc.actor)].append(inc)
        if day not in days:
            days.add(day)
            for name in names:
                self.by_key[(day, name)].append(inc)

    def find(self, day: date, event: dict) -> Incident | None:
        """The first-made incident filed on `day` that the event fits."""
        best = None
        for actor in agreeing(event.get("actor")):
            for inc in self.by_key.get((day, actor), ()):
                if (best is None or inc.seq < best.seq) and inc.agrees(event):
                    best = inc
        return best


def _group_kind(crossing: str, kind: str, members: list[dict], window: timedelta) -> list[Incident]:
    dated, undated = _Buckets(), _Buckets()  # by reported day; by a member's publication day
    found: list[Incident] = []

    def new(event: dict, day: date | None) -> Incident:
        inc = Incident(f"inc-{event['id']}", crossing, kind, event.get("actor"), event.get("side") or None, day)
        inc.seq = len(found)
        found.append(inc)
        return inc

    rows = []  # taken in order: dated first, by date text, publication, id; each day parsed once
    for event in members:
        text = event.get("date")
        day = parse_day(text)
        rows.append((day is None, text or "", event.get("published") or "", event["id"], day, event))
    rows.sort(key=_ORDER_KEY)
    # a dated report alone on its day, with no undated report to look for it later, is its own incident
    alone = None if any(row[0] for row in rows) else _alone(row[4] for row in rows)
    for _, _, _, _, day, event in rows:
        if day is not None:
            if alone is not None and day in alone:
                new(event, day).add(event)
                continue
            inc = dated.find(day, event) or new(event, day)
            inc.add(event)
            dated.file(day, inc)
            continue
        published = parse_day(event.get("published"))
        if published is None:
            new(event, None).add(event)
            continue
        # the closest dated incident before publication, else an undated one published nearby
        # (store.day_math.shift: a publication near year 1 or 9999 stops at the calendar's end)
        inc = next(filter(None, (dated.find(shift(published, -k), event) for k in range(window.days + 1))), None)
        if inc is None:
            days = (shift(published, k) for k in range(-window.days, window.days + 1))
            inc = next(filter(None, (undated.find(d, event) for d in days)), None) or new(event, None)
        inc.add(event)
        if inc.day is None:
            undated.file(published, inc)
        else:
            dated.file(inc.day, inc)
    return found


_ORDER_KEY = itemgetter(0, 1, 2, 3)


def _alone(days) -> set[date]:
    seen: set[date] = set()
    twice: set[date] = set()
    for day in days:
        (twice if day in seen else seen).add(day)
    return seen - twice


def _by_kind(events: list[dict]) -> list[Incident]:
    """Every incident, unsorted."""
    window = timedelta(days=status_rules().incident_window_days)
    kinds: dict[tuple, list[dict]] = defaultdict(list)
    for event in events:
        if counts(event):
            kinds[(event["crossing"], event.get("type"))].append(event)
    incidents: list[Incident] = []
    for (crossing, kind), members in kinds.items():
        incidents.extend(_group_kind(crossing, kind, members, window))
    return incidents


def group_incidents(events: list[dict]) -> list[Incident]:
    incidents = _by_kind(events)
    incidents.sort(key=lambda inc: (inc.day or parse_day(inc.events[0].get("published")) or date.max, inc.id))
    return incidents


def incident_index(events: list[dict]) -> dict[str, str]:
    return {e["id"]: inc.id for inc in _by_kind(events) for e in inc.events}


def article_marks(articles: list[dict]) -> dict[str, dict]:
    """Per article: `syndicated_of` (the original it copies, or None) and `source_group`."""
    copies, groups = syndication(articles), source_groups(articles)
    return {a["id"]: {"syndicated_of": copies.get(a["id"]), "source_group": groups.get(a["id"])} for a in articles}
