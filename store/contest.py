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
from operator import attrgetter

from .actors import compatible
from .claims import Claim
from .day_math import shift


def different_voices(a: Claim, b: Claim) -> bool:
    if a.source != b.source:
        return True
    return a.speaker is not None and b.speaker is not None and a.speaker != b.speaker


def unsettled(claims: list[Claim], since: date | None, as_of: date, window: int, days: list[date] | None = None) -> list[Claim]:
    """`claims`: holder claims sorted by day (`days`, their days, for bisecting)."""
    start = shift(min(since, as_of) if since else as_of, -window)  # stops at year 1 (store.day_math)
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
    return sorted(rivalled(live, window), key=_ORDER)


def disputing_pairwise(claims: list[Claim], since: date | None, as_of: date, window: int,
                       days: list[date] | None = None) -> list[Claim]:
    """`disputing` as the rule reads, every pair of live claims compared: the reference the tests and
    bench/status.py hold `disputing` to (quadratic: thousands of claims within a window take seconds)."""
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
    return sorted(found.values(), key=_ORDER)


def rivalled(live: list[Claim], window: int) -> list[Claim]:
    """The claims of `live` (sorted by day) with a rival: another claim at most `window` days away
    naming an actor that does not agree with theirs, from a different voice. In `live`'s order.

    One pass with a sliding window of days: the claims in it are tallied by actor, by (actor,
    source) and by (actor, source, speaker), so whether a claim has a rival is a few look-ups per
    actor in the window that does not agree with it, not a comparison with every claim in it.
    Claims alike in day, actor, source and speaker share the answer.
    """
    if len({c.actor for c in live}) < 2 and (not live or live[0].actor is not None):
        return []  # one actor (not None): every pair agrees
    span = timedelta(days=window)
    tally = _Tally()
    add = tally.add
    out: list[Claim] = []
    lo = hi = 0
    n = len(live)
    answers: dict[tuple, bool] = {}
    day = None
    for claim in live:
        if claim.day != day:  # the window moves: [day - window, day + window]
            day = claim.day
            answers.clear()
            while hi < n and live[hi].day - day <= span:
                add(live[hi], 1)
                hi += 1
            while day - live[lo].day > span:
                add(live[lo], -1)
                lo += 1
        key = (claim.actor, claim.source, claim.speaker)
        hit = answers.get(key)
        if hit is None:
            hit = answers[key] = tally.has_rival(claim)
        if hit:
            out.append(claim)
    return out


class _Tally:
    """Claims in the window, counted by actor, by (actor, source), by (actor, source, speaker)."""

    __slots__ = ("actors", "sources", "voices")

    def __init__(self) -> None:
        self.actors: dict[str, int] = {}
        self.sources: dict[tuple, int] = {}
        self.voices: dict[tuple, int] = {}

    def add(self, c: Claim, k: int) -> None:
        actor, source = c.actor, c.source
        actors, sources, voices = self.actors, self.sources, self.voices
        actors[actor] = actors.get(actor, 0) + k
        key = (actor, source)
        sources[key] = sources.get(key, 0) + k
        key = (actor, source, c.speaker)
        voices[key] = voices.get(key, 0) + k

    def has_rival(self, c: Claim) -> bool:
        """Some claim in the window names an actor that does not agree with c's, from another voice.

        A claim of the same source is the same voice unless both name speakers and they differ
        (`different_voices`): with no speaker, all of that source's claims are c's voice; with
        speaker s, those quoting s or nobody are.
        """
        for actor, count in self.actors.items():
            if not count or compatible(actor, c.actor):
                continue
            if c.speaker is None:
                same = self.sources.get((actor, c.source), 0)
            else:
                same = self.voices.get((actor, c.source, None), 0) + self.voices.get((actor, c.source, c.speaker), 0)
            if count > same:
                return True
        return False


_ORDER = attrgetter("day", "tier", "event_id")
