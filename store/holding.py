"""Who can hold which post, and who holds posts together: the rules of `data/holding.json`.

A border post belongs to a country (its gazetteer side). Not every force can hold it: Iraqi
forces never held Al Tanf, the YPG never held Rabia's Iraqi post, nobody but Jordan held Al
Karameh. The status engine uses these rules three ways (issue 11):
- a report that names no side speaks only for the posts its actor can hold
  ("Iraqi forces retook Al Waleed" is the Iraqi post; "Islamic State captured Al Waleed"
  either), and one naming a side its actor cannot hold is read as naming no side
  (store.claims);
- a post no report gives to anyone is its state's, shown as assumed (store.status);
- allies (a state's army and the militias it leads, a coalition and its partners) agree:
  their reports make one holder, shown as both, never a contest (store.actors).

A faction the file does not list (a user's own) can hold any post.

    can_hold(actor, side) -> bool
    holdable(actor, posts) -> tuple        # the posts of `posts` the actor can hold
    state_of(side) -> faction id | None    # whose post it is by default
    allies_of(actor) -> frozenset          # the actor's allies (not itself)
"""
from __future__ import annotations

from functools import lru_cache

from .datafiles import load

ANY = "any"


@lru_cache(maxsize=1)
def _rules() -> tuple[dict[str, frozenset | str], dict[str, str], dict[str, frozenset]]:
    """(faction -> countries or ANY, country -> its state's faction, faction -> allies), read once."""
    raw = load("holding.json")
    holds: dict[str, frozenset | str] = {}
    states: dict[str, str] = {}
    for faction, entry in (raw.get("factions") or {}).items():
        if not isinstance(entry, dict):
            continue
        countries = entry.get("holds", ANY)
        holds[faction] = ANY if countries == ANY or not isinstance(countries, list) else frozenset(
            str(c).lower() for c in countries)
        if entry.get("state_of"):
            states[str(entry["state_of"]).lower()] = faction
    allies: dict[str, set[str]] = {}
    for alliance in raw.get("alliances") or ():
        members = [m for m in (alliance.get("members") or ()) if isinstance(m, str)] if isinstance(alliance, dict) else []
        for a in members:
            allies.setdefault(a, set()).update(m for m in members if m != a)
    return holds, states, {a: frozenset(b) for a, b in allies.items()}


@lru_cache(maxsize=4096)
def can_hold(actor: str | None, side: str | None) -> bool:
    """Whether `actor` can hold a post in country `side` (True when either is unknown)."""
    if actor is None or side is None:
        return True
    countries = _rules()[0].get(actor, ANY)
    return countries == ANY or side in countries


@lru_cache(maxsize=4096)
def holdable(actor: str | None, posts: tuple) -> tuple:
    """The posts of a crossing (`posts`, sides) that `actor` can hold, in order."""
    return tuple(p for p in posts if can_hold(actor, p))


@lru_cache(maxsize=1)
def restricted() -> dict[str, frozenset]:
    """faction -> the countries it can hold, for the factions that cannot hold any post (a dict look-up
    per claim: store.claims checks 100,000 claims with it)."""
    return {faction: countries for faction, countries in _rules()[0].items() if countries != ANY}


def state_of(side: str | None) -> str | None:
    """The state faction whose own post this is (iq -> iraq-gov), or None."""
    return _rules()[1].get(side) if side else None


def allies_of(actor: str | None) -> frozenset:
    return _rules()[2].get(actor, frozenset()) if actor else frozenset()


def allied(a: str | None, b: str | None) -> bool:
    return a is not None and b in allies_of(a)


@lru_cache(maxsize=1)
def has_allies() -> frozenset:
    """Every faction with an ally (lets store.actors skip alliance checks for the others)."""
    return frozenset(_rules()[2])


def clear_cache() -> None:
    """For tests that swap the data file."""
    for fn in (_rules, can_hold, holdable, has_allies, restricted):
        fn.cache_clear()
