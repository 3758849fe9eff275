"""From events to claims about one post: when each event takes effect, and which posts it speaks for.

When an event counts (its effective day and tier):
- an event with a date counts on that date (tier 1);
- an undated `holds` counts on its article's publication date (tier 1): it states the
  situation at the time of the report;
- any other undated event counts on the latest day it can have happened, in tier 0 (on
  that day it is placed before the events the reports date to that day, so an undated
  retelling never overrides what a report dates to the same day). That latest day is its
  article's publication date (also the first day it is known), or a tighter bound when its
  words tie it to the dated event told before it ("just days later": store.bounds);
- an event with neither date nor publication date cannot be placed and is left out.

Which posts an event speaks for: its own side; an event naming no side speaks for both
posts, except that when on the same day one post has a side-specific report agreeing
with it and the other a side-specific report disagreeing, it speaks only for the agreeing
post ("the Iraqi forces control Al Waleed" beside "the Syrian side fell to IS").
Who can hold what (data/holding.json, store.holding) narrows that, for the events whose
actor is at the post (captured, holds, withdrew, reinforced; not attacks or closures):
- naming no side, it speaks only for the posts its actor can hold ("Iraqi forces retook
  Al Waleed": the Iraqi post; "the Kurdish regional forces control Rabia": the Iraqi post);
  for none of them (Jordanian forces at an Iraq-Syria crossing): it is left out of the
  status (the event stays in the lists);
- naming a side its actor cannot hold ("the YPG control the al Yarobiyyi/Rabia crossing
  ... Iraq's Ninewa province" read as the Iraqi post), it is read as naming no side: the
  side was the wrong one, the crossing is right;
- a side the report's own words pin (store.ousted: "seized it after Iraqi forces withdrew")
  is taken as the event's side.
"""
from __future__ import annotations

from collections import defaultdict
from datetime import date
from functools import lru_cache
from operator import itemgetter
from typing import NamedTuple

from .actors import compatible
from .holding import holdable, restricted

HOLDER_TYPES = frozenset({"captured", "holds"})
AT_POST_TYPES = frozenset({"captured", "holds", "withdrew", "reinforced"})  # the actor is (or was) at the post
OPEN_TYPES = frozenset({"closed", "reopened"})


class Claim(NamedTuple):
    """One event as it bears on one post (a tuple: 100,000 of them are made for one status)."""

    event_id: str
    type: str
    actor: str | None
    side: str | None  # the event's own side; None when it spoke for both posts
    day: date
    tier: int
    source: str  # independent source key (see store.sources)
    speaker: str | None  # who the report quotes, lower case
    hedged: bool

    @property
    def key(self) -> tuple[date, int]:
        return (self.day, self.tier)

    @property
    def names_holder(self) -> bool:
        return self.type in HOLDER_TYPES and self.actor is not None


def parse_day(value) -> date | None:
    """The day of a date or an ISO string (its first 10 characters), else None.

    Called about three times per event while loading: each distinct string is parsed once
    (100,000 events share a few thousand dates), the common case being one dict look-up.
    """
    if isinstance(value, str):
        day = _DAYS.get(value, _UNSEEN)
        return _parse_new(value) if day is _UNSEEN else day
    return value if isinstance(value, date) else None


_UNSEEN = object()
_DAYS: dict[str, date | None] = {}  # string -> its day; bounded by _DAYS_MAX


def _parse_new(text: str) -> date | None:
    try:
        day = date.fromisoformat(text[:10]) if text else None
    except ValueError:
        day = None
    if len(_DAYS) >= _DAYS_MAX:  # odd inputs must not grow it without end
        _DAYS.clear()
    _DAYS[text] = day
    return day


_DAYS_MAX = 65536


def effective(event: dict, bound: date | None = None) -> tuple[date, int] | None:
    """(day, tier) on which an event counts, or None when it cannot be placed in time.

    `bound`: a tighter latest day for an undated event (store.bounds).
    """
    day = parse_day(event.get("date"))
    if day is not None:
        return day, 1
    if bound is not None and event.get("type") != "holds":
        return bound, 0
    published = parse_day(event.get("published"))
    if published is None:
        return None
    return published, 1 if event.get("type") == "holds" else 0


def make_claim(event: dict, source: str, bound: date | None = None) -> Claim | None:
    get = event.get
    day = parse_day(get("date"))
    if day is not None:  # dated (most events): what `effective` gives, without a second look
        tier = 1
    else:
        when = effective(event, bound)
        if when is None:
            return None
        day, tier = when
    speaker = get("source")
    if speaker is not None:
        speaker = _speaker(speaker) if isinstance(speaker, str) else None
    # in field order: event_id, type, actor, side, day, tier, source, speaker, hedged
    return _new_claim(Claim, (event["id"], get("type") or "", get("actor") or None, get("side") or None,
                              day, tier, source, speaker, bool(get("hedged"))))


@lru_cache(maxsize=4096)
def _speaker(text: str) -> str | None:
    """Who a report quotes, as compared (lower case); None for blank text. 100,000 events quote a few hundred."""
    return text.strip().lower() if text.strip() else None


_new_claim = tuple.__new__  # = Claim(...) without the namedtuple's Python-level __new__ (100,000 calls)


def _targets(claim: Claim, posts: tuple[str, ...], specific: dict) -> tuple[str, ...]:
    if claim.side is not None:
        return (claim.side,)
    if not claim.names_holder:
        return posts
    agree, disagree = [], []
    for post in posts:
        actors = specific.get((claim.day, post), ())
        if any(compatible(claim.actor, a) for a in actors):
            agree.append(post)
        elif actors:
            disagree.append(post)
    if agree and disagree:
        return tuple(agree)
    return posts


def sided(claims: list[Claim], pins: dict[str, str] | None = None) -> list[Claim]:
    """The claims with the side they speak for: a side its actor cannot hold dropped, a pinned side
    (store.ousted) taken. Most claims come back as they are: one pass finds the few to change."""
    limits, pins = restricted(), pins or {}
    changing = [i for i, c in enumerate(claims)
                if ((s := c.side) is not None and (r := limits.get(c.actor)) is not None and s not in r)
                or (pins and s is None and c.event_id in pins)]
    if not changing:
        return claims
    out = list(claims)
    for i in changing:
        c = claims[i]
        if c.side is not None and c.type not in AT_POST_TYPES:  # an attack or a closure keeps its side
            continue
        out[i] = c._replace(side=pins.get(c.event_id) if c.side is None else None)
    return out


def claims_by_post(claims: list[Claim], posts: tuple[str, ...], pins: dict[str, str] | None = None) -> dict[str, list[Claim]]:
    """Each post's claims, sorted by (day, tier, event id): sorted once, then dealt out in order.

    `pins`: event id -> the side its report's words pin (store.ousted) for claims naming none.
    """
    claims = sided(claims, pins)
    specific: dict[tuple[date, str], list[str]] = defaultdict(list)
    for c in claims:
        if c.side is not None and c.names_holder:
            specific[(c.day, c.side)].append(c.actor)
    out: dict[str, list[Claim]] = {post: [] for post in posts}
    reach: dict[str | None, tuple] = {}  # actor -> the posts it can hold (store.holding), once per actor
    for c in sorted(claims, key=_ORDER):
        if c.side is not None:
            lst = out.get(c.side)
            if lst is None:
                lst = out[c.side] = []
            lst.append(c)
            continue
        if c.actor is not None and c.type in AT_POST_TYPES:
            targets = reach.get(c.actor)
            if targets is None:
                targets = reach[c.actor] = holdable(c.actor, posts)  # only the posts it can hold; none: left out
            if c.names_holder:
                targets = _targets(c, targets, specific)
        else:
            targets = posts
        for post in targets:
            out[post].append(c)
    return out


_ORDER = itemgetter(4, 5, 0)  # (day, tier, event_id): the order of a post's claims
