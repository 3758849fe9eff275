"""What a post's history is made of: stretches of one holder, the resolved history, and open/closed.

Built by store.holders (the rules); read by store.status and store.status_timeline.
"""
from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field
from datetime import date

from .actors import compatible, most_specific, most_specific_of
from .claims import OPEN_TYPES, Claim


@dataclass(slots=True)
class Stretch:
    start: date
    holder: str | None  # the camp's lead actor; None: unheld or unknown
    support: list[Claim] = field(default_factory=list)
    weak: bool = True  # every holder claim so far named no side
    why: str = "captured"  # captured | withdrew | disputed | corrected
    counts: dict[str, int] = field(default_factory=dict)  # holder claims per actor, to name the holder

    def agrees(self, actor: str | None) -> bool:
        return compatible(actor, self.holder)

    def add(self, camp: list[Claim]) -> None:
        self.support.extend(camp)
        counts = self.counts
        for c in camp:
            counts[c.actor] = counts.get(c.actor, 0) + 1
        self.holder = most_specific_of(counts)


@dataclass
class PostHistory:
    post: str
    claims: list[Claim]
    stretches: list[Stretch]
    days: list[date]  # day of each resolved group, ascending
    at_group: list[tuple[int, int]]  # after each group: (stretch index or -1, support length)
    holder_claims: list[Claim] = field(default_factory=list)  # claims naming a holder, by day
    holder_days: list[date] = field(default_factory=list)
    claim_days: list[date] = field(default_factory=list)  # day of every claim, ascending
    door_claims: list[Claim] = field(default_factory=list)  # closed / reopened
    snaps: list[tuple] = field(default_factory=list)  # (holder, weak, counts) of the stretch in force after each group

    def state(self, as_of: date) -> tuple[Stretch | None, str | None, list[Claim]]:
        """The stretch in force at the end of `as_of`, its holder then, and the claims supporting it by then.

        The holder is named from the claims so far: a stretch that later reports name
        more precisely ("militants", then "islamic-state") keeps its earlier name here.
        """
        i = bisect_right(self.days, as_of) - 1
        if i < 0:
            return None, None, []
        index, n = self.at_group[i]
        if index < 0:
            return None, None, []
        stretch = self.stretches[index]
        support = stretch.support[:n]
        holder = most_specific(c.actor for c in support if c.names_holder) if stretch.holder else None
        return stretch, holder, support


def open_state(claims: list[Claim], as_of: date) -> tuple[str, list[Claim]]:
    """open | closed | unknown, from the latest `closed` / `reopened` up to `as_of` (kept apart from the holder)."""
    latest = [c for c in claims if c.type in OPEN_TYPES and c.day <= as_of]
    if not latest:
        return "unknown", []
    last_key = latest[-1].key
    last = [c for c in latest if c.key == last_key]
    kinds = {c.type for c in last}
    if kinds == {"closed"}:
        return "closed", last
    if kinds == {"reopened"}:
        return "open", last
    return "unknown", last
