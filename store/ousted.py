"""The post a capture took, when its report names no side but says who was ousted.

"Sunni Arab militants took the crossing on Sunday ... Security forces that had been guarding
it headed south" (AFP, June 2014): the militants could hold either post of Al Waleed, but
the forces that left were Iraqi, and Iraqi forces hold only the Iraqi post (store.holding),
so the capture was of the Iraqi post. The rule, kept simple:

- a `withdrew` whose actor can hold only one post of the crossing (its own side, or the
  one post it can hold) says which post was left;
- a claim naming a holder (captured, holds) with no side, in the same article, at most
  `incident_window_days` (data/status_rules.json) from that withdrawal, by an actor that
  does not agree with the one that left and can hold that post, is about that post (when
  such withdrawals name both posts, about neither);
- the same capture told by other reports (no side, same day, an agreeing actor: what
  store.incidents would call one incident) is about that post too: Long War Journal's
  "captured by the Islamic State ... on June 22, 2014" is AFP's Sunday capture.

It only ever narrows a side-less claim to one post; a report naming a side keeps it.

    ousted_pins(withdrawals, siblings, claims, posts, window) -> {event id: side}

Worked from the withdrawals outward (a few per crossing), through their own articles' claims,
so a status over 100,000 claims does not look up the article of each.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable

from .actors import compatible
from .claims import Claim
from .holding import can_hold, holdable

_NAMES_HOLDER = ("captured", "holds")


def ousted_pins(withdrawals: Iterable[tuple[Claim, object]], siblings: Callable[[object], Iterable[Claim]],
                claims: list[Claim], posts: tuple, window: int) -> dict[str, str]:
    """Side-less holder claims -> the post their report's withdrawal pins them to.

    `withdrawals`: (claim, article) of the crossing's `withdrew` claims; `siblings(article)`: that
    article's claims at this crossing; `claims`: all the crossing's claims (for other reports of a
    pinned capture)."""
    if len(posts) < 2:
        return {}
    found: dict[str, set[str]] = {}
    open_by_id: dict[str, Claim] = {}
    for w, article in withdrawals:
        if not w.actor:
            continue
        left = (w.side,) if w.side is not None and can_hold(w.actor, w.side) else holdable(w.actor, posts)
        if len(left) != 1:
            continue
        side = left[0]
        for c in siblings(article):
            if (c.side is None and c.actor is not None and c.type in _NAMES_HOLDER
                    and abs((c.day - w.day).days) <= window and not compatible(c.actor, w.actor)
                    and can_hold(c.actor, side)):
                found.setdefault(c.event_id, set()).add(side)
                open_by_id[c.event_id] = c
    # both posts' forces left: it says nothing (and the answer must not hang on the order)
    pins = {event_id: next(iter(sides)) for event_id, sides in found.items() if len(sides) == 1}
    if not pins:
        return pins
    pinned: dict = {}  # day -> [(actor, side)] of the pinned claims
    for event_id, side in pins.items():
        c = open_by_id[event_id]
        pinned.setdefault(c.day, []).append((c.actor, side))
    for c in [c for c in claims if c.day in pinned]:  # the same capture in other reports
        if c.side is None and c.actor is not None and c.type in _NAMES_HOLDER and c.event_id not in pins:
            sides = {side for actor, side in pinned[c.day] if compatible(c.actor, actor)}
            if len(sides) == 1:
                pins[c.event_id] = sides.pop()
    return pins
