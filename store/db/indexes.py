"""In-memory indexes over the served events, so a filter touches only what it asks for.

TinyDB's `search` scans every document (0.26 s at 100,000 events); these answer a
crossing or faction filter from a set lookup and a free-text filter from one
pre-lowered string per event. `store.filters.matches` is the reference they agree with.
"""
from __future__ import annotations

from collections import defaultdict

from ..filters import EventFilter, event_day, search_blob, text_needle

# event field -> the EventFilter attribute that restricts it
INDEXED = {"crossing": "crossings", "side": "sides", "actor": "factions", "type": "types"}


def sort_key(event: dict) -> tuple:
    """Dated events by day, undated ones last; then article, then place in the article."""
    day = event_day(event)
    return (day is None, day or "", event.get("article") or "", event.get("start") or 0, event["id"])


class EventIndex:
    def __init__(self, events: dict[str, dict]):
        self.events = events
        self.sets: dict[str, dict] = {field: defaultdict(set) for field in (*INDEXED, "article_id")}
        self.blobs: dict[str, str] = {}
        self._order: list[str] | None = None
        self._rank: dict[str, int] | None = None
        for event in events.values():
            self.add(event)

    def add(self, event: dict, keep_order: bool = False) -> None:
        event_id = event["id"]
        for field, by_value in self.sets.items():
            by_value[event.get(field)].add(event_id)
        self.blobs[event_id] = search_blob(event)
        if not keep_order:
            self.invalidate_order()

    def remove(self, event: dict, keep_order: bool = False) -> None:
        event_id = event["id"]
        for field, by_value in self.sets.items():
            ids = by_value.get(event.get(field))
            if ids is not None:
                ids.discard(event_id)
                if not ids:
                    del by_value[event.get(field)]
        self.blobs.pop(event_id, None)
        if not keep_order:
            self.invalidate_order()

    def invalidate_order(self) -> None:
        self._order = self._rank = None

    def refresh_text(self, event: dict) -> None:
        """A note changed: only the searched text moves, the order stays."""
        self.blobs[event["id"]] = search_blob(event)

    def order(self) -> list[str]:
        if self._order is None:
            self._order = sorted(self.events, key=lambda event_id: sort_key(self.events[event_id]))
            self._rank = None
        return self._order

    def rank(self) -> dict[str, int]:
        if self._rank is None:
            self._rank = {event_id: i for i, event_id in enumerate(self.order())}
        return self._rank

    def values(self, field: str) -> dict:
        """How many events carry each value of an indexed field (for filter pickers)."""
        return {value: len(ids) for value, ids in self.sets[field].items()}

    def _candidates(self, flt: EventFilter) -> set[str] | None:
        chosen: list[set] = []
        for field, attr in INDEXED.items():
            wanted = getattr(flt, attr)
            if wanted:
                by_value = self.sets[field]
                chosen.append(set().union(*(by_value.get(value, ()) for value in wanted)))
        if flt.article_id:
            chosen.append(self.sets["article_id"].get(flt.article_id, set()))
        if not chosen:
            return None
        chosen.sort(key=len)
        return chosen[0].intersection(*chosen[1:])

    def query(self, flt: EventFilter | None) -> list[dict]:
        events = self.events
        if flt is None or flt.is_empty:
            return [events[event_id] for event_id in self.order()]
        candidates = self._candidates(flt)
        if candidates is None:
            ids = self.order()
        else:
            rank = self.rank()
            ids = sorted(candidates, key=rank.__getitem__)
        if flt.text:
            needle, blobs = text_needle(flt), self.blobs
            ids = [event_id for event_id in ids if needle in blobs[event_id]]
        if flt.date_from or flt.date_to:
            low, high = flt.date_from, flt.date_to

            def in_range(day):
                return day is not None and (not low or day >= low) and (not high or day <= high)

            ids = [event_id for event_id in ids if in_range(event_day(events[event_id]))]
        return [events[event_id] for event_id in ids]
