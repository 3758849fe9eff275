"""The status engine in a child process, for stores too big to compute beside the UI.

A thread is not enough there: building the engine for 100,000 events holds the
interpreter lock in long C calls and the UI stalls for seconds per key. The child
opens the store read-only, builds the engine once, then answers one JSON line per
question on stdin: `{"as_of": day|null, "changed": [events]}` ->
`{"as_of": day, "posts": [...], "days": [...]}`, or `{"timeline": crossing}` ->
`{"timeline": store.status_timeline.timeline_to_json(...)}`; or `{"error": "one line"}`.
It ends when its stdin closes (the browser quit or died).
"""
from __future__ import annotations

import gc
import json
import sys


def serve(folder: str, stdin=sys.stdin, stdout=sys.stdout) -> None:
    from store.asof import change_dates
    from store.db import Store
    from store.quiet_gc import collector_paused
    from store.status import engine_for
    from store.status_timeline import crossing_timeline, timeline_to_json

    engine, days = None, None
    for line in stdin:
        try:
            question = json.loads(line)
            if engine is None:
                with Store.open(folder, readonly=True) as store:
                    engine = engine_for(store)
                gc.freeze()  # the engine's objects live as long as this process: no collection walks them again
            for event in question.get("changed") or ():
                engine.replace(event)
                days = None  # worked out again below: stepping the as-of date alone changes no event
            if "timeline" in question:
                with collector_paused():  # thousands of small lists made and written: bulk work (store.quiet_gc)
                    timeline = timeline_to_json(crossing_timeline(engine, question["timeline"]))
                    reply = json.dumps({"timeline": timeline})
            else:
                if days is None:
                    days = change_dates(list(engine.events.values()))
                result = engine.status(question.get("as_of"))
                reply = json.dumps({"as_of": result.get("as_of"), "posts": result.get("posts", []),
                                    "days": days}, default=str)
        except Exception as err:  # one line back to the browser, which stays up
            reply = json.dumps({"error": f"{type(err).__name__}: {err}"})
        stdout.write(reply + "\n")
        stdout.flush()


if __name__ == "__main__":
    serve(sys.argv[1])
