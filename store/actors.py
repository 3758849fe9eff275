"""When two reports name the same holder: a generic label ("militants") agrees with the groups it may stand for,
and allies (data/holding.json: a state's army and the militias it leads, a coalition and its partners)
agree with each other: they hold a post together, one camp, not a contest (store.holding)."""
from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache

from .holding import allied, allies_of, has_allies
from .status_rules import status_rules


def is_generic(actor: str) -> bool:
    return actor in status_rules().generic_actors


@lru_cache(maxsize=4096)
def compatible(a: str | None, b: str | None) -> bool:
    """Same faction, allies, or a generic label and a group it may stand for (two generics agree only if equal)."""
    if a is None or b is None:
        return False
    if a == b:
        return True
    generic = status_rules().generic_actors
    return b in generic.get(a, ()) or a in generic.get(b, ()) or allied(a, b)


@lru_cache(maxsize=1024)
def agreeing(actor: str | None) -> frozenset:
    """Every actor `compatible` with this one (itself included)."""
    if actor is None:
        return frozenset({None})
    generic = status_rules().generic_actors
    return frozenset({actor, *generic.get(actor, ()), *(g for g, members in generic.items() if actor in members),
                      *allies_of(actor)})


def fits_camp(actor: str, camp: Iterable[str]) -> bool:
    return all(compatible(actor, member) for member in camp)


def camps_of(actors: Iterable[str]) -> list[set[str]]:
    """Split actors into camps whose members all agree with each other (first fit, in the order given)."""
    actors = list(dict.fromkeys(actors))  # a repeated actor goes where it went the first time
    generic, allied_ones = status_rules().generic_actors, has_allies()
    if not any(actor in generic or actor in allied_ones for actor in actors):  # only equal actors agree
        return [{actor} for actor in actors]
    camps: list[set[str]] = []
    for actor in actors:
        for camp in camps:
            if fits_camp(actor, camp):
                camp.add(actor)
                break
        else:
            camps.append({actor})
    return camps


def most_specific(actors: Iterable[str]) -> str | None:
    """The name to show for a camp: a named group over a generic label, the most reported first."""
    counts: dict[str, int] = {}
    for actor in actors:
        counts[actor] = counts.get(actor, 0) + 1
    return most_specific_of(counts)


def most_specific_of(counts: dict[str, int]) -> str | None:
    if len(counts) < 2:
        return next(iter(counts), None)
    return min(counts, key=lambda a: (is_generic(a), -counts[a], a))
