"""Who holds one post over time: the post's claims, resolved day by day into stretches.

Claims are taken day by day (see store.claims for the day and tier of each). Each day:
- `captured` and `holds` claims name holders; they are split into camps of agreeing actors
  (store.actors). One camp: if it agrees with the current holder the stretch goes on (a
  repeated report is not a new capture), otherwise a new stretch begins that day.
- Several camps on one day: the current holder stays if one camp agrees with it (a
  disputed change is not a change; the post is marked contested instead), unless only
  undated retellings (tier 0) support it that day and another camp has reports dated to
  the day. Otherwise the camp with reports dated to the day wins, then the one with the
  most independent sources, then more unhedged reports; a tie leaves the holder unknown.
- `withdrew` by the holder (or an agreeing actor) leaves the post unheld from that day,
  unless a camp takes it the same day. A side-specific `withdrew` by someone else, when
  the holder rests only on reports naming no side, shows those reports were wrong for this
  post: the stretch ends there too (regime forces leaving Al Tanf in May 2015 show the
  Syrian side was not held by the June 2014 captors of "Al Waleed").
- `reinforced` by the holder supports it; `attacked`, `closed`, `reopened` never change
  the holder.
- Before any report names a holder, the post is its state's, by assumption (store.status
  shows it marked "assumed"): a `withdrew` by that state (or an ally) then leaves the post
  unheld, as it would for a reported holder.
"""
from __future__ import annotations

from bisect import bisect_left
from datetime import date
from itertools import groupby
from operator import itemgetter

from .actors import camps_of, compatible
from .claims import HOLDER_TYPES, OPEN_TYPES, Claim
from .holding import state_of
from .post_history import PostHistory, Stretch, open_state

__all__ = ["PostHistory", "Stretch", "open_state", "resolve"]


def _groups(claims: list[Claim]):
    """The claims of each day, in order (claims sorted by day): itertools does the walk in C."""
    return (list(group) for _, group in groupby(claims, key=_DAY))


_DAY = itemgetter(4)  # Claim.day


def _rank(camp: list[Claim]) -> tuple[bool, int, int, int]:
    """Dated to the day, independent sources, unhedged reports, reports: higher wins."""
    dated = sources = unhedged = 0
    seen: set[str] = set()
    for c in camp:
        dated |= c.tier
        unhedged += not c.hedged
        if c.source not in seen:
            seen.add(c.source)
            sources += 1
    return (bool(dated), sources, unhedged, len(camp))


def _winner(camps: list[list[Claim]], actors: list[set[str]], current: Stretch | None,
            blocked: bool) -> tuple[list[Claim] | None, bool]:
    """The winning camp's claims (None: unknown) and whether it continues the current stretch."""
    ranks = [_rank(camp) for camp in camps]
    if current is not None and current.holder is not None and not blocked:
        for i, camp_actors in enumerate(actors):
            if any(current.agrees(a) for a in camp_actors):
                others_dated = any(rank[0] for j, rank in enumerate(ranks) if j != i)
                if ranks[i][0] or not others_dated:
                    return camps[i], True
    if len(camps) == 1:
        return camps[0], False
    best = max(ranks)
    if ranks.count(best) > 1:  # the top two tie
        return None, False
    return camps[ranks.index(best)], False


class _Resolver:
    """The day-by-day state machine, resumable: `at_group[i]` and `snaps[i]` record the state after group i."""

    def __init__(self, previous: PostHistory | None = None, from_day: date | None = None, post: str | None = None):
        self.state_holder = state_of(post)  # whose post it is until a report names a holder
        self.stretches: list[Stretch] = []
        self.days: list[date] = []
        self.at_group: list[tuple[int, int]] = []
        self.snaps: list[tuple] = []  # (holder, weak, counts) of the current stretch after each group
        if previous is None or from_day is None:
            return
        k = bisect_left(previous.days, from_day)
        self.days, self.at_group, self.snaps = previous.days[:k], previous.at_group[:k], previous.snaps[:k]
        if k == 0:
            return
        index, n = self.at_group[-1]
        self.stretches = previous.stretches[: max(index, 0)]  # unchanged, shared with the old history
        if index >= 0:  # the stretch in force is copied: it will grow differently
            last = previous.stretches[index]
            holder, weak, counts = self.snaps[-1]
            self.stretches.append(Stretch(last.start, holder, last.support[:n], weak, last.why, dict(counts)))

    def state(self) -> tuple:
        """What the rest of the resolution depends on (besides the claims still to come)."""
        return (self.at_group[-1][0] >= 0, *self.snaps[-1])

    def adopt(self, previous: PostHistory, j: int) -> None:
        """The state after group j equals the old history's: take the old history's rest as it is."""
        old_index, old_n = previous.at_group[j]
        new_index, new_n = self.at_group[-1]
        if old_index >= 0:
            old_current, current = previous.stretches[old_index], self.stretches[new_index]
            current.support.extend(old_current.support[old_n:])
            current.holder, current.weak, current.counts = old_current.holder, old_current.weak, dict(old_current.counts)
        self.stretches.extend(previous.stretches[old_index + 1 :])
        offset = new_index - old_index
        for (index, n), snap, day in zip(previous.at_group[j + 1 :], previous.snaps[j + 1 :], previous.days[j + 1 :]):
            self.at_group.append((index + offset, n - old_n + new_n if index == old_index >= 0 else n))
            self.snaps.append(snap)
            self.days.append(day)

    def feed(self, group: list[Claim]) -> None:
        if len(group) == 1 and FAST:
            self._feed_one(group[0])
            return
        stretches = self.stretches
        day = group[0].day
        current = stretches[-1] if stretches else None
        positives, left, reinforced = [], [], False
        for c in group:
            if c.type in HOLDER_TYPES:
                if c.actor is not None:
                    positives.append(c)
            elif c.type == "withdrew":
                if c.actor:
                    left.append(c)
            elif c.type == "reinforced":
                reinforced = True
        holder_left = corrected = False
        if left and current is not None:  # (most days nobody withdraws)
            holder_left = any(current.agrees(c.actor) for c in left)
            corrected = (current.holder is not None and current.weak
                         and any(c.side is not None and not current.agrees(c.actor) for c in left))
        elif left:  # no holder reported yet: the post's state, by assumption, may leave it
            holder_left = any(compatible(c.actor, self.state_holder) for c in left)
        blocked = holder_left or corrected
        if positives:
            if FAST and all(c.actor == positives[0].actor for c in positives):  # one camp: what _winner decides then
                camp = positives
                continues = current is not None and current.holder is not None and not blocked and current.agrees(camp[0].actor)
            else:
                by_actor: dict[str, list[Claim]] = {}
                for c in positives:
                    by_actor.setdefault(c.actor, []).append(c)
                actor_camps = camps_of(by_actor)
                if len(actor_camps) == len(by_actor):  # one actor per camp, in the same order
                    camps = list(by_actor.values())
                else:
                    camps = [[c for c in positives if c.actor in camp] for camp in actor_camps]
                camp, continues = _winner(camps, actor_camps, current, blocked)
            if camp is None:
                stretches.append(Stretch(day, None, list(positives), why="disputed"))
            elif continues:
                current.add(camp)
                current.weak = current.weak and all(c.side is None for c in camp)
            else:
                why = "corrected" if corrected else "captured"
                fresh = Stretch(day, None, [], all(c.side is None for c in camp), why)
                fresh.add(camp)
                stretches.append(fresh)
        elif blocked:
            stretches.append(Stretch(day, None, left, why="withdrew"))
        if reinforced:
            current = stretches[-1] if stretches else None
            if current is not None and current.holder is not None:
                current.support.extend(c for c in group if c.type == "reinforced" and current.agrees(c.actor))
        self._record(day)

    def _feed_one(self, c: Claim) -> None:
        """`feed` for a day with one claim (most days): the same rules without building camps."""
        stretches = self.stretches
        current = stretches[-1] if stretches else None
        if c.type in HOLDER_TYPES and c.actor is not None:
            if current is not None and current.holder is not None and current.agrees(c.actor):
                current.add([c])
                current.weak = current.weak and c.side is None
            else:  # = Stretch(c.day, None, [], c.side is None, "captured").add([c])
                stretches.append(Stretch(c.day, c.actor, [c], c.side is None, "captured", {c.actor: 1}))
        elif c.type == "withdrew" and c.actor and current is not None:
            if current.agrees(c.actor) or (current.holder is not None and current.weak and c.side is not None):
                stretches.append(Stretch(c.day, None, [c], why="withdrew"))
        elif c.type == "withdrew" and c.actor and compatible(c.actor, self.state_holder):  # the assumed holder left
            stretches.append(Stretch(c.day, None, [c], why="withdrew"))
        elif c.type == "reinforced" and current is not None and current.holder is not None and current.agrees(c.actor):
            current.support.append(c)
        self._record(c.day)

    def _record(self, day: date) -> None:
        stretches = self.stretches
        self.days.append(day)
        if not stretches:
            self.at_group.append((-1, 0))
            self.snaps.append((None, True, ()))
            return
        current = stretches[-1]
        counts = current.counts
        self.at_group.append((len(stretches) - 1, len(current.support)))
        self.snaps.append((current.holder, current.weak, tuple(sorted(counts.items()) if len(counts) > 1 else counts.items())))


FAST = True  # the one-claim shortcut; tests compare it with the general path


def resolve(post: str, claims: list[Claim], previous: PostHistory | None = None, from_day: date | None = None,
            until: date | None = None) -> PostHistory:
    """The post's history.

    With `previous` and `from_day`: resumed from that day (the claims before it unchanged).
    With `until` too (the last changed day): once past it, as soon as the state matches the
    old history's on the same day, the old history's rest is taken over as it is.
    """
    resolver = _Resolver(previous, from_day, post)
    resumed = previous is not None and from_day is not None
    start = bisect_left(claims, from_day, key=lambda c: c.day) if resumed else 0
    for group in _groups(claims[start:]):
        resolver.feed(group)
        day = group[0].day
        if resumed and until is not None and day > until:
            j = bisect_left(previous.days, day)
            if j < len(previous.days) and previous.days[j] == day and resolver.state() == (
                previous.at_group[j][0] >= 0, *previous.snaps[j]
            ):
                resolver.adopt(previous, j)
                break
    holder_claims = [c for c in claims if c.type in HOLDER_TYPES and c.actor is not None]  # Claim.names_holder
    return PostHistory(post, claims, resolver.stretches, resolver.days, resolver.at_group, holder_claims,
                       [c.day for c in holder_claims], [c.day for c in claims],
                       [c for c in claims if c.type in OPEN_TYPES], resolver.snaps)
