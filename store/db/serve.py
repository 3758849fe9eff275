"""Opening's hot loop: join 100,000 stored events to their articles, overlay notes, sort."""
from __future__ import annotations

from array import array
from collections import deque
from itertools import repeat
from operator import itemgetter

from .corpus import bad_events
from .indexes import display_key, sort_key
from .loaded import Loaded
from .records import apply_overlay, article_fields


def serve_all(articles: dict, overlay, groups, by_id: dict) -> tuple[list[dict], dict | None, tuple | None]:
    """Join each event to its article, overlay the analyst's work, and sort: the hot loop of open.

    Each article's events are stored in text order, so putting the articles in order
    and then stably sorting by day alone gives (day, article, start): one string key
    per event, which Python sorts several times faster than tuples.

    Also returns each article's positions in that order (the browser's first question),
    found from the sort's permutation: walking 100,000 events in sorted order instead
    would miss the CPU cache on nearly every one (about 0.2 s here); and the events as
    loaded with that permutation, for the indexes built later. None for both when the
    careful sort was needed.
    """
    joined = []
    for path, article_id, extractor, events in groups:
        fields = {**article_fields(articles.get(article_id)), "article_id": article_id, "extractor": extractor}
        joined.append((fields["article"], path, fields, events))
    joined.sort(key=itemgetter(0))
    served: list[dict] = []
    spans: list[tuple[str, int, int]] = []
    for _, path, fields, events in joined:
        try:
            deque(map(dict.update, events, repeat(fields, len(events))), 0)
        except TypeError:  # an event that is not an object
            raise bad_events(path) from None
        spans.append((fields["article_id"], len(served), len(served) + len(events)))
        served += events
    try:  # one walk over the events for what the checks and the sort need; then only tuples are walked
        columns = list(zip(*map(itemgetter("id", "start", "end", "date", "published"), served))) or [()] * 5
    except (KeyError, TypeError):  # a hand-edited store lacking a field: the careful way
        return _serve_carefully(joined, served, overlay, by_id), None, None
    ids, starts, ends, dates, published = columns
    by_id.update(zip(ids, served))
    if set(map(type, ids)) - {str}:
        raise bad_events(next(path for _, path, _, events in joined if any(type(e["id"]) is not str for e in events)))
    if not set(map(type, starts)) | set(map(type, ends)) <= {int}:
        raise bad_events(next(path for _, path, _, events in joined if any(_odd(e) for e in events)))
    days = [date or day or "\uffff" for date, day in zip(dates, published)]
    redated = _overlay(overlay, by_id)
    if redated:  # a corrected date moves its event: find where it was served
        place = dict(zip(ids, range(len(ids))))
        for event in redated:
            days[place[event["id"]]] = event["date"] or event["published"] or "\uffff"
    try:
        permutation = sorted(range(len(served)), key=days.__getitem__)
    except TypeError:  # a date that is not text
        return _sorted_carefully(joined, served), None, None
    loaded = Loaded(served, array("l", permutation))
    return loaded.in_order(served), article_positions(loaded.place, spans), loaded


def serve_snapshot(events: list[dict], ids: list[str], positions: dict, overlay, by_id: dict) -> tuple[list[dict], dict, None]:
    """The same from a snapshot (`snapshot.py`): already joined and in order; only the overlay is laid on.

    A date the analyst corrected moves its event, so then the order is made again.
    """
    by_id.update(zip(ids, events))
    if not _overlay(overlay, by_id):
        return events, positions, None
    order = sorted(events, key=display_key)  # stable: one sentence's events keep their order
    return order, positions_of(order), None


def positions_of(order: list[dict]) -> dict[str, array]:
    """Article id -> ascending positions in `order`, by walking it (when the sort cannot say)."""
    positions: dict[str, array] = {}
    for i, event in enumerate(order):
        found = positions.get(event["article_id"])
        if found is None:
            found = positions[event["article_id"]] = array("l")
        found.append(i)
    return positions


def _overlay(overlay, by_id: dict) -> list[dict]:
    """Put notes and decisions on their events; the events whose date that changed."""
    redated = []
    for event_id in set(overlay.notes) | set(overlay.decisions):
        event = by_id.get(event_id)
        if event is not None:
            before = event.get("date")
            apply_overlay(event, overlay.note(event_id), overlay.decision(event_id))
            if event.get("date") != before:
                redated.append(event)
    return redated


def _serve_carefully(joined: list, served: list[dict], overlay, by_id: dict) -> list[dict]:
    """The same for events of odd shapes: each problem refused with the file it is in."""
    try:
        by_id.update(zip(map(itemgetter("id"), served), served))
    except (KeyError, TypeError):
        raise bad_events(next(path for _, path, _, events in joined if any("id" not in e for e in events))) from None
    if set(map(type, by_id)) - {str}:
        raise bad_events(next(path for _, path, _, events in joined if any(type(e["id"]) is not str for e in events)))
    if any(map(_odd, served)):
        raise bad_events(next(path for _, path, _, events in joined if any(_odd(e) for e in events)))
    _overlay(overlay, by_id)
    return _sorted_carefully(joined, served)


def _sorted_carefully(joined: list, served: list[dict]) -> list[dict]:
    try:
        return sorted(served, key=sort_key)
    except TypeError:
        raise bad_events(next(path for _, path, _, events in joined if any(_odd(e) for e in events))) from None


def article_positions(place: array, spans: list[tuple[str, int, int]]) -> dict[str, array]:
    """Article id -> ascending positions in the sorted order, from where each article's events were loaded."""
    positions: dict[str, array] = {}
    for article_id, start, end in spans:
        if start == end:  # no events: no entry, as when counted from the events
            continue
        found = sorted(place[start:end])
        if article_id in positions:  # one article's events stored twice (a hand-edited store)
            found = sorted([*positions[article_id], *found])
        positions[article_id] = array("l", found)
    return positions


def _odd(event: dict) -> bool:
    """A date that is not text, or an offset that is not a whole number."""
    return not isinstance(event.get("date") or "", str) or not all(type(event.get(k)) is int for k in ("start", "end"))
