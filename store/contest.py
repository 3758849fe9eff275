"""When a post is contested: reports from different voices disagree, close in time, unsettled.

As of a day D, with W = `contest_window_days` (data/status_rules.json, 7 days): take the
holder claims on the post from W days before the current stretch began up to D. A claim
is settled when a strictly later capture by an actor that does not agree with it follows
(by D): a reported change explains the disagreement. The post is contested when two
unsettled claims name actors that do not agree, lie at most W days apart, and come from
different voices: different independent sources, or one article quoting two different
named speakers (a spokesman's "retaken" against officials' "still held"). A dispute
stays marked, however long ago, until a later reported capture settles it: nothing newer
says who won.
"""
from __future__ import annotations

from bisect import bisect_left, bisect_right
from datetime import date, timedelta

from .actors import compatible
from .claims import Claim


def different_voices(a: Claim, b: Claim) -> bool:
    if a.source != b.source:
        return True
    return a.speaker is not None and b.speaker is not None and a.speaker != b.speaker


def unsettled(claims: list[Claim], since: date | None, as_of: date, window: int, days: list[date] | None = None) -> list[Claim]:
    """`claims`: holder claims sorted by day (`days`, their days, for bisecting)."""
    start = (min(since, as_of) if since else as_of) - timedelta(days=window)
    days = days if days is not None else [c.day for c in claims]
    pool = [c for c in claims[bisect_left(days, start) : bisect_right(days, as_of)] if c.names_holder]
    live: list[Claim] = []
    later_captors: set[str] = set()
    i = len(pool)
    while i > 0:
        key = pool[i - 1].key
        j = i
        while j > 0 and pool[j - 1].key == key:
            j -= 1
        group = pool[j:i]
        live.extend(c for c in group if all(compatible(c.actor, other) for other in later_captors))
        later_captors.update(c.actor for c in group if c.type == "captured")
        i = j
    live.reverse()
    return live


def disputing(claims: list[Claim], since: date | None, as_of: date, window: int, days: list[date] | None = None) -> list[Claim]:
    """The claims that contest each other as of `as_of` (empty: not contested)."""
    live = unsettled(claims, since, as_of, window, days)
    span = timedelta(days=window)
    found: dict[str, Claim] = {}
    for i, a in enumerate(live):
        for b in live[i + 1 :]:
            if b.day - a.day > span:
                break
            if not compatible(a.actor, b.actor) and different_voices(a, b):
                found[a.event_id] = a
                found[b.event_id] = b
    return sorted(found.values(), key=lambda c: (c.day, c.tier, c.event_id))
