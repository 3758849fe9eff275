"""The status engine in a child process, for stores too big to compute beside the UI.

A thread is not enough there: building the engine for 100,000 events holds the
interpreter lock in long C calls and the UI stalls for seconds per key. The child
opens the store read-only, builds the engine once, then answers one JSON line per
question on stdin: `{"as_of": day|null, "changed": [events]}` ->
`{"as_of": day, "posts": [...], "days": [...]}`, or `{"timeline": crossing}` ->
`{"timeline": store.status_timeline.timeline_to_json(...)}`; or `{"error": "one line"}`.
It ends when its stdin closes (the browser quit or died).

The first status question is answered as `crosswatch status` answers: from the status kept
for the same store files (store.status_kept) without opening the store, or brought up to date
from it when only notes and decisions were made since (store.status_catch_up), and only
otherwise by building the engine first. Either way the engine is built right after that first
reply, for the questions that follow; what was worked out is kept for the next run.
"""
from __future__ import annotations

import gc
import json
import sys


def serve(folder: str, stdin=sys.stdin, stdout=sys.stdout) -> None:
    from store.quiet_gc import collector_paused
    from store.status_kept import KeptStatus, answer_in

    kept = KeptStatus(folder)  # stamped before the store is opened (the engine reads it after)
    engine, days, store = None, None, None  # store: opened for a first answer caught up, for the engine after it
    for line in stdin:
        keep = None
        try:
            question = json.loads(line)
            reply = _kept_reply(kept, question) if engine is None else None
            if reply is None:
                with collector_paused():  # bulk work: thousands of small objects made (store.quiet_gc)
                    if engine is None and store is None and _first_status(question):
                        from store.status_catch_up import work_out

                        store = _open(folder)
                        keep, engine = work_out(store, question.get("as_of"), kept, marks=False)
                        if engine is not None:
                            store = _done(store)
                        days = keep["days"]
                        reply = _status_reply(answer_in(keep, question.get("as_of")), days)
                    else:
                        if engine is None:
                            engine, store = _engine(folder, store), None
                        for event in question.get("changed") or ():
                            engine.replace(event)
                            days = None  # worked out again below: stepping the as-of date alone changes no event
                        if "timeline" in question:
                            from store.status_timeline import crossing_timeline, timeline_to_json

                            reply = json.dumps({"timeline": timeline_to_json(crossing_timeline(engine, question["timeline"]))})
                        else:
                            if days is None:
                                days = engine.change_dates()
                            reply = _status_reply(engine.status(question.get("as_of")), days)
        except Exception as err:  # one line back to the browser, which stays up
            reply = json.dumps({"error": f"{type(err).__name__}: {err}"})
        stdout.write(reply + "\n")
        stdout.flush()
        if keep is not None:
            kept.keep(keep)  # for the next run (written only if the store's files did not change meanwhile)
        if engine is None:  # answered without it: built now, for the questions to come
            try:
                engine, store = _engine(folder, store), None
            except Exception:  # the next question that needs it says why
                pass


def _first_status(question: dict) -> bool:
    """A status question with nothing changed in it: what a kept status can answer."""
    return "timeline" not in question and not question.get("changed")


def _status_reply(status: dict, days: list[str]) -> str:
    return json.dumps({"as_of": status.get("as_of"), "posts": status.get("posts", []), "days": days}, default=str)


def _kept_reply(kept, question: dict) -> str | None:
    """The reply to a status question from the kept answer; None when it needs more."""
    if not _first_status(question):
        return None
    status, days = kept.status(question.get("as_of")), kept.days()
    return None if status is None or days is None else _status_reply(status, days)


def _open(folder: str):
    from store.db import Store

    class StatusStore(Store):  # the engine asks for no filter: the filters' indexes are not built on a thread meanwhile
        WARM_ON_OPEN = False

    return StatusStore.open(folder, readonly=True)


def _done(store) -> None:
    """The engine is built: the store is closed, and the engine, living as long as this process, is
    frozen out of the collector's sight (no collection walks it, now or later)."""
    store.close()
    gc.freeze()
    return None


def _engine(folder: str, store=None):
    """The engine over the store (opened here, unless a first answer opened it already)."""
    from store.quiet_gc import collector_paused
    from store.status import engine_for

    with collector_paused():  # one pause for the whole build (store.quiet_gc)
        store = store if store is not None else _open(folder)
        try:
            engine = engine_for(store)
        finally:
            _done(store)
    return engine


if __name__ == "__main__":
    serve(sys.argv[1])
