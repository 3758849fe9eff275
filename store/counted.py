"""Which events count: the one rule status, incidents, as-of dates, bounds and exports share.

An extracted event counts unless the analyst rejected it. A candidate (a sentence that
names a crossing and an event word but whose actor the rules could not resolve:
`candidate: true`, `missing: ["actor"]`, `confidence`) counts only once the analyst has
both filled in what was missing (a correction) and accepted it: a guess nobody vouched
for must not move a holder. Status, incidents, as-of dates and bounds also need a
crossing (`counts`); exports keep events with none, as before (`exported`).

    counts(event) -> bool          # status, incidents, as-of dates, bounds
    exported(event) -> bool        # exports (rejected ones kept only on request, by the caller)
    open_candidate(event) -> bool  # a candidate not yet completed and accepted
    still_missing(event) -> list   # the candidate's fields still empty ("actor")
"""
from __future__ import annotations


def still_missing(event: dict) -> list[str]:
    """The fields a candidate lacks now (the analyst's corrections applied); [] for an event."""
    return [name for name in event.get("missing") or () if event.get(name) is None]


def open_candidate(event: dict) -> bool:
    """A candidate the analyst has not yet completed and accepted."""
    return bool(event.get("candidate")) and (event.get("decision") != "accepted" or bool(still_missing(event)))


def counts(event: dict) -> bool:
    """Not rejected, names a crossing, and no open candidate."""
    get = event.get
    # ordinary events settled first and cheaply: this runs once per event of a 100,000-event status
    return get("decision") != "rejected" and bool(get("crossing")) and (not get("candidate") or not open_candidate(event))


def stands(event: dict) -> bool:
    """Not rejected and no open candidate, crossing or not."""
    return event.get("decision") != "rejected" and not open_candidate(event)
