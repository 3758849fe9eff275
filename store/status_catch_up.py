"""Working out a status to keep (store.status_kept): from the earlier answers when only notes and decisions changed.

A decision or a correction changes the status of its event's crossing only, and of the
crossings of its article's other events (an undated "days later" is placed by the dated
event told before it: store.bounds); the articles, their sources and the newest report stay
as they were (the journal holds no articles). So when the store's files differ from the kept
answers' only by the journal, the answers are brought up to date without an engine over the
whole store: the events whose decision or corrections differ from those kept with the
answers are found in one pass over the served events, and an engine over the touched
crossings' events (and their articles' other events) answers for those crossings; every
other crossing's posts are the kept ones. tests/test_status_kept.py checks the result
against a status worked out from scratch, after random decisions and corrections.

    record, engine = work_out(store, as_of, kept)
    # record: {"status": {as-of key: status}, "days", "crossing_days", "overlay", "marks"?}
    # engine: the whole store's StatusEngine when one was built (None when caught up)
"""
from __future__ import annotations

from .bounds import relative_span
from .claims import parse_day
from .quiet_gc import collector_paused
from .status_kept import KeptStatus, answer_in, as_of_key


def overlay_of(events) -> dict[str, tuple]:
    """event id -> (decision, sorted corrections) of the events an analyst decided or corrected."""
    return {e["id"]: (e.get("decision"), tuple(sorted((e.get("corrected") or {}).items())))
            for e in events if e.get("decision") is not None or e.get("corrected")}


def changed_events(before: dict[str, tuple], now: dict[str, tuple]) -> set[str]:
    """The events whose decision or corrections differ between two overlays."""
    return {event_id for event_id in before.keys() | now.keys() if before.get(event_id) != now.get(event_id)}


def placed_by_siblings(event: dict) -> bool:
    """Undated (or dated by text that is no day) and told relative to the event before: store.bounds places it
    by its article's other events, whatever their crossing (the one way a crossing's status reads another's events)."""
    return relative_span(event.get("date_text")) is not None and parse_day(event.get("date")) is None


def touched_crossings(changed: set[str], before: dict[str, tuple], events: list[dict]) -> set[str] | None:
    """Every crossing whose status the changed events can move: theirs, before and now (the extractor's or
    a corrected one), and those of their articles' events placed by them (store.bounds); None when one is not served."""
    by_id = {e["id"]: e for e in events if e["id"] in changed}
    crossings, articles = set(), set()
    for event_id in changed:
        event = by_id.get(event_id)
        if event is None:  # no longer served: it cannot be placed, nor can what it touched (worked out again)
            return None
        crossings.add(event.get("crossing"))
        crossings.add((event.get("extracted") or {}).get("crossing", event.get("crossing")))  # the extractor's
        crossings.add(dict(before.get(event_id, (None, ()))[1]).get("crossing"))  # the correction kept before
        articles.add(event.get("article_id"))
    crossings.update(e.get("crossing") for e in events if e.get("article_id") in articles and placed_by_siblings(e))
    crossings.discard(None)
    return crossings


def needed_events(crossings: set[str], events: list[dict]) -> list[dict]:
    """What an engine needs to answer for these crossings as one over every event would: their events, and all
    the events of the articles whose events there are placed by their siblings."""
    articles = {e.get("article_id") for e in events if e.get("crossing") in crossings and placed_by_siblings(e)}
    return [e for e in events if e.get("crossing") in crossings or e.get("article_id") in articles]


def catch_up(store, earlier: dict, marks: bool = True) -> dict | None:
    """The earlier record brought up to date with the store's decisions and corrections; None when it cannot be.

    Only decisions and corrections can differ: they are all the journal changes on a served
    event besides its note (store.db.records.apply_overlay; tests/test_status_kept.py pins it)."""
    from .status import StatusEngine

    events = store.events()
    overlay = overlay_of(events)
    changed = changed_events(earlier["overlay"], overlay)
    record = {**earlier, "overlay": overlay}
    if not changed:  # notes only
        return record
    crossings = touched_crossings(changed, earlier["overlay"], events)
    if crossings is None:
        return None
    engine = StatusEngine(store.articles(), book=_book(store)).load(needed_events(crossings, events))
    record["status"] = {key: _merged_posts(answer, engine, crossings) for key, answer in earlier["status"].items()}
    days = {c: set(d) for c, d in earlier["crossing_days"].items() if c not in crossings}
    days.update(engine.change_days(crossings))
    record["crossing_days"] = {c: sorted(d) for c, d in days.items()}
    record["days"] = sorted({day for d in days.values() for day in d})
    if marks and "marks" not in earlier:  # the articles' marks: every article is in this engine
        record["marks"] = _marks(store, engine)
    return record


def _merged_posts(answer: dict, engine, crossings: set[str]) -> dict:
    """The kept status with the touched crossings' posts from the engine, in the engine's order (by crossing)."""
    if answer["as_of"] is None:  # no report is dated at all: nothing to hold (decisions change no date of publication)
        return answer
    by_crossing: dict[str, list[dict]] = {}
    for post in answer["posts"]:
        if post["crossing"] not in crossings:
            by_crossing.setdefault(post["crossing"], []).append(post)
    for post in engine.status(answer["as_of"], crossings=crossings)["posts"]:
        by_crossing.setdefault(post["crossing"], []).append(post)
    return {**answer, "posts": [post for crossing in sorted(by_crossing) for post in by_crossing[crossing]]}


def _book(store):
    from .db.prints import store_book

    return store_book(store)


def _marks(store, engine) -> list[dict]:
    names = {a["id"]: a.get("name") for a in store.articles()}
    return [{**mark, "name": names.get(mark["id"])} for mark in engine.article_marks()]


def work_out(store, as_of=None, kept: KeptStatus | None = None, marks: bool = True):
    """(record, engine): a record holding the status for `as_of` (store.status_kept), from an open store.

    Caught up from `kept.earlier` when only the journal changed since and this as-of day was
    answered then (no engine: None); otherwise worked out by an engine over the whole store,
    returned for the questions to come. `marks`: the article marks are wanted (the command's).
    """
    from .status import engine_for

    with collector_paused():  # the engine's million objects are walked by no collection meanwhile (store.quiet_gc)
        earlier = kept.earlier if kept is not None else None
        if earlier is not None and as_of_key(as_of) in earlier["status"]:
            record = catch_up(store, earlier, marks)
            if record is not None:
                return record, None
        engine = engine_for(store)
        record = {"status": {as_of_key(as_of): engine.status(as_of)},
                  "overlay": overlay_of(engine.events.values())}
        days = engine.change_days()
        record["crossing_days"] = {c: sorted(d) for c, d in days.items()}
        record["days"] = sorted({day for d in days.values() for day in d})
        if marks:
            record["marks"] = _marks(store, engine)
        return record, engine


def status_with_marks(store, as_of=None, kept: KeptStatus | None = None) -> tuple[dict, list[dict]]:
    """The status as of a day and the article marks with each article's name, from an open store; kept
    (with the change days) when `kept`, made before the store was opened, is given."""
    with collector_paused():
        record, engine = work_out(store, as_of, kept)
        del engine  # freed while the collector is paused: no collection walks it first
    if kept is not None:
        kept.keep(record)
    return answer_in(record, as_of), record["marks"]
