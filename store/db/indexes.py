"""In-memory indexes over the served events, so a filter touches only what it asks for.

TinyDB's `search` scans every document (0.26 s at 100,000 events). Here the events
are kept in display order; each indexed field maps a value to the ascending positions
of its events (built on first use), and free text is searched in one folded line per
position (`textindex.py`), narrowed by a word index (`wordindex.py`) and by the last
searches (typing extends the needle). `store.filters.matches` is the reference these
agree with.

Building them all costs about half a second at 100,000 events (the word index another
second), more than the open can spare; `warm()` builds them on a background thread
right after open, under a lock that every read and change of the indexes takes too.
"""
from __future__ import annotations

import threading
from array import array
from bisect import insort
from collections import OrderedDict, defaultdict
from functools import partial
from operator import itemgetter, methodcaller

from ..filters import EventFilter, event_day, fold, text_needle
from .loaded import Loaded
from .textindex import TextIndex

WORDS_PAUSE = 0.004  # seconds the word index build sleeps between chunks (see WordIndex)
# event field -> the EventFilter attribute that restricts it
INDEXED = {"crossing": "crossings", "side": "sides", "actor": "factions", "type": "types", "article_id": "article_id"}


def sort_key(event: dict) -> tuple:
    """Dated events by day, undated ones last; then article, then place in the article."""
    return (event_day(event) or "\uffff", event.get("article") or "", event.get("start") or 0, event["id"])


def display_key(event: dict) -> tuple:
    """`sort_key` for served events, which always carry these fields."""
    return (event["date"] or event["published"] or "\uffff", event["article"], event["start"])


def positions_by_value(order: list[dict], name: str, loaded: Loaded | None = None) -> dict[object, array]:
    """Ascending positions per value, as compact arrays (a list of ints costs 36 bytes an entry)."""
    index = defaultdict(list)
    if loaded is None:
        for i, value in enumerate(map(methodcaller("get", name), order)):
            index[value].append(i)
        return {value: array("l", positions) for value, positions in index.items()}
    for i, value in zip(loaded.place, map(methodcaller("get", name), loaded.events)):
        index[value].append(i)
    return {value: array("l", sorted(positions)) for value, positions in index.items()}


def position_of(order: list[dict], loaded: Loaded | None = None) -> dict[str, int]:
    if loaded is None:
        return {event["id"]: i for i, event in enumerate(order)}
    return dict(zip(loaded.in_order(list(map(itemgetter("id"), loaded.events))), range(len(order))))


def notes_by_position(order: list[dict], loaded: Loaded | None = None) -> dict[int, str]:
    if loaded is None:
        return {i: fold(event["note"]) for i, event in enumerate(order) if event.get("note")}
    return {i: fold(event["note"]) for i, event in zip(loaded.place, loaded.events) if event.get("note")}


BUILDERS = {
    "positions": position_of, "sentences": TextIndex, "notes": notes_by_position,
    **{name: partial(positions_by_value, name=name) for name in INDEXED},
}


def locked(method):
    def run(self, *args, **kwargs):
        with self.lock:
            return method(self, *args, **kwargs)

    run.__name__, run.__doc__ = method.__name__, method.__doc__
    return run


class EventIndex:
    def __init__(self, events: dict[str, dict], order: list[dict] | None = None, article_positions: dict | None = None,
                 loaded: Loaded | None = None):
        """`loaded`: the events as they lie in memory and, per position in `order`, where there
        (from the open's sort): an index built walking them in memory order misses the CPU
        cache far less than one walking the sorted order, then it is put in order."""
        self.events = events
        self._loaded = None
        self.lock = threading.RLock()
        self._step_locks = {name: threading.Lock() for name in (*BUILDERS, "words")}
        self._warmed = False  # after warm(), searches may rebuild the word index on their own
        self._generation = 0  # bumped by every change, so a stale background build is dropped
        self._order: list[dict] | None = None
        if order is not None:
            self._build(order)
            if article_positions is not None:  # made by the open from the sort itself: cheaper than walking the order
                self._fields["article_id"] = article_positions
            self._loaded = loaded

    # -- order and positions -----------------------------------------------------------------

    def _build(self, order: list[dict] | None = None) -> None:
        self._loaded = None
        if order is None:
            events = list(self.events.values())
            try:  # served events always carry these keys; a hand-edited store may not
                order = sorted(events, key=display_key)
            except (KeyError, TypeError):
                order = sorted(events, key=sort_key)
        self._order = order
        self._fields: dict[str, dict[object, list[int]]] = {}
        self._joined: TextIndex | None = None
        self._notes: dict[int, str] | None = None
        self._positions: dict[str, int] | None = None
        self._generation += 1
        self._recent_text: OrderedDict[str, list[int]] = OrderedDict()

    @locked
    def order(self) -> list[dict]:
        if self._order is None:
            self._build()
        return self._order

    @locked
    def positions(self) -> dict[str, int]:
        """Event id -> place in the order (list.index would compare whole dicts on the way)."""
        if self._positions is None:
            self._positions = position_of(self.order(), self._loaded)
        return self._positions

    @locked
    def notes(self) -> dict[int, str]:
        """Lower-cased notes by position, made on the first free-text filter."""
        if self._notes is None:
            self._notes = notes_by_position(self.order(), self._loaded)
        return self._notes

    @locked
    def sentences(self) -> TextIndex:
        """Folded sentences and outlets by position (and, once built, their word index)."""
        if self._joined is None:
            self._joined = TextIndex(self.order(), self._loaded)
        return self._joined

    @locked
    def invalidate(self) -> None:
        """Events were added, removed or re-dated: everything is rebuilt on next use."""
        self._order = self._loaded = None
        self._fields, self._joined, self._notes, self._positions = {}, None, None, None
        self._generation += 1
        self._recent_text = OrderedDict()

    @locked
    def field(self, name: str) -> dict[object, list[int]]:
        """Value -> ascending positions, built the first time a filter asks for this field."""
        order = self.order()
        index = self._fields.get(name)
        if index is None:
            index = self._fields[name] = positions_by_value(order, name, self._loaded)
        return index

    @locked
    def values(self, name: str) -> dict:
        """How many events carry each value of an indexed field (for filter pickers)."""
        return {value: len(positions) for value, positions in self.field(name).items()}

    def warm(self) -> None:
        """Build every index (run on a thread after open), the ones a note save and a text search need first."""
        for name in ("sentences", "positions", "notes", *INDEXED):
            self._ensure(name)
        self._ensure_words()
        self._warmed = True

    def _ensure_words(self, wait: bool = True) -> None:
        """The word index, last: searches are right without it, it only makes them cheaper."""
        if not self._step_locks["words"].acquire(blocking=wait):
            return  # another thread is building it
        try:
            with self.lock:
                text = self._joined
                if text is None or text.words is not None:
                    return
            words = text.build_words(pause=WORDS_PAUSE)
            with self.lock:
                text.words = words  # the lines it indexes are the TextIndex's own, whatever changed since
        finally:
            self._step_locks["words"].release()

    def _rebuild_words_later(self) -> None:
        """After an ingest or a re-dating dropped the indexes, a search starts the word index again."""
        with self.lock:
            needed = self._joined is not None and self._joined.words is None
        if needed and not self._step_locks["words"].locked():
            threading.Thread(target=self._ensure_words, args=(False,), name="crosswatch-words", daemon=True).start()

    def _ensure(self, name: str) -> None:
        """Build one index outside the main lock, so readers are not kept waiting, and keep it
        only if nothing changed meanwhile. Two threads wanting the same index build it once."""
        with self._step_locks[name]:
            with self.lock:
                if self._built(name):
                    return
                order, generation, loaded = self.order(), self._generation, self._loaded
            built = BUILDERS[name](order, loaded=loaded)
            with self.lock:
                if self._generation == generation and self._order is order and not self._built(name):
                    self._install(name, built)

    def _built(self, name: str) -> bool:
        if name in INDEXED:
            return name in self._fields
        return {"positions": self._positions, "sentences": self._joined, "notes": self._notes}[name] is not None

    def _install(self, name: str, built) -> None:
        if name in INDEXED:
            self._fields[name] = built
        elif name == "positions":
            self._positions = built
        elif name == "sentences":
            self._joined = built
        else:
            self._notes = built

    # -- keeping up with saves ------------------------------------------------------------------

    def before_change(self, event: dict) -> tuple:
        return sort_key(event), {name: event.get(name) for name in INDEXED}

    @locked
    def after_change(self, event: dict, before: tuple) -> None:
        """A note or decision changed one event: move it in the indexes without a rebuild."""
        if self._order is None:
            return
        self._generation += 1
        self._recent_text = OrderedDict()
        old_key, old_values = before
        if sort_key(event) != old_key:
            self.invalidate()
            return
        i = self.positions()[event["id"]]
        for name, index in list(self._fields.items()):
            if old_values[name] != event.get(name):
                positions = index.get(old_values[name], [])
                if i not in positions:  # never expected; rebuilding is always safe
                    del self._fields[name]
                    continue
                positions.remove(i)
                if not positions:
                    del index[old_values[name]]
                insort(index.setdefault(event.get(name), array("l")), i)
        if self._notes is not None:
            if event.get("note"):
                self._notes[i] = fold(event["note"])
            else:
                self._notes.pop(i, None)

    # -- answering filters -----------------------------------------------------------------------

    def _restricted(self, flt: EventFilter) -> list[int] | None:
        chosen: list[set[int]] = []
        for name, attr in INDEXED.items():
            wanted = getattr(flt, attr)
            if wanted:
                index = self.field(name)
                wanted = [wanted] if isinstance(wanted, str) else wanted
                chosen.append(set().union(*(index.get(value, ()) for value in wanted)))
        if flt.event_ids:
            positions = self.positions()
            chosen.append({positions[i] for i in flt.event_ids if i in positions})
        if not chosen:
            return None
        chosen.sort(key=len)
        return sorted(chosen[0].intersection(*chosen[1:]))

    @locked
    def forget_searches(self) -> None:
        """Drop the remembered searches (benches time a search from scratch with this)."""
        self._recent_text = OrderedDict()

    RECENT_TEXT = 8  # searches remembered: typing narrows the last one, backspace returns to one

    def _text_positions(self, needle: str, within: list[int] | None) -> list[int]:
        """Positions whose sentence, note or outlet holds the needle (within `within` when given).

        A needle that extends a remembered one (what typing does) is looked for only among
        that one's hits; a filter already narrowed to a few positions checks just those.
        """
        text, notes, recent = self.sentences(), self.notes(), self._recent_text
        hits = recent.get(needle)
        if hits is None:
            earlier = [found for old, found in recent.items() if old in needle]
            candidates = min(earlier, key=len) if earlier else None
            if within is not None and len(within) < len(candidates if candidates is not None else text.lines) // 4:
                return text.hits_within(needle, notes, within)
            hits = text.hits(needle, notes, candidates)
        recent[needle] = hits
        recent.move_to_end(needle)
        while len(recent) > self.RECENT_TEXT:
            recent.popitem(last=False)
        if within is None:
            return hits
        return sorted(set(within).intersection(hits)) if len(within) < len(hits) else sorted(set(hits).intersection(within))

    def query(self, flt: EventFilter | None) -> list[dict]:
        if flt is not None and not flt.is_empty:  # the indexes it needs, built (or awaited) unlocked
            if flt.text:
                self._ensure("sentences")
                self._ensure("notes")
                if self._warmed:
                    self._rebuild_words_later()
            for name, attr in INDEXED.items():
                if getattr(flt, attr):
                    self._ensure(name)
        return self._query(flt)

    @locked
    def _query(self, flt: EventFilter | None) -> list[dict]:
        order = self.order()
        if flt is None or flt.is_empty:
            return list(order)
        positions = self._restricted(flt)
        if flt.text:
            positions = self._text_positions(text_needle(flt), positions)
        if flt.date_from or flt.date_to:
            low, high = flt.date_from, flt.date_to

            def in_range(day):
                return day is not None and (not low or day >= low) and (not high or day <= high)

            candidates = range(len(order)) if positions is None else positions
            positions = [i for i in candidates if in_range(event_day(order[i]))]
        if positions is None or len(positions) == len(order):
            return list(order)
        return list(map(order.__getitem__, positions))
