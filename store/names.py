"""Display names for crossing, post and faction ids, from the gazetteer and factions list (with user additions)."""
from __future__ import annotations

from functools import lru_cache

from .datafiles import load as _load


@lru_cache(maxsize=1)
def crossing_names() -> dict[str, str]:
    return {c["id"]: c.get("name") or c["id"] for c in _load("gazetteer.json").get("crossings", []) if "id" in c}


@lru_cache(maxsize=1)
def post_names() -> dict[tuple[str, str], str]:
    out = {}
    for crossing in _load("gazetteer.json").get("crossings", []):
        for post in crossing.get("posts", []):
            side = post.get("country") or post.get("side")
            if side and post.get("name"):
                out[(crossing.get("id"), side)] = post["name"]
    return out


@lru_cache(maxsize=1)
def faction_names() -> dict[str, str]:
    return {f["id"]: f.get("name") or f["id"] for f in _load("factions.json").get("factions", []) if "id" in f}


def crossing_name(crossing: str) -> str:
    return crossing_names().get(crossing, crossing)


def post_name(crossing: str, side: str | None) -> str:
    return post_names().get((crossing, side), f"{crossing} ({side or 'side unknown'})")


@lru_cache(maxsize=1)
def _earlier_names() -> dict[str, list[tuple[str, str]]]:
    """Faction id -> [(until ISO date, name)], oldest first (factions.json 'names_before')."""
    out = {}
    for f in _load("factions.json").get("factions", []):
        steps = [(str(n.get("until")), str(n.get("name"))) for n in f.get("names_before") or [] if isinstance(n, dict) and n.get("until") and n.get("name")]
        if "id" in f and steps:
            out[f["id"]] = sorted(steps)
    return out


def faction_name(faction: str | None, on: str | None = None) -> str:
    """The faction's name, as it was on the ISO date `on` when given ("YPG" before the SDF existed)."""
    if not faction:
        return "nobody known"
    if on:
        for until, name in _earlier_names().get(faction, ()):
            if str(on)[:10] < until:
                return name
    return faction_names().get(faction, faction)


ASSUMED = "assumed"  # the word after a holder no report names: the post's own state's, by default


def holder_text(post: dict, names: bool = True, on: str | None = None) -> str | None:
    """A status row's holder as shown: allies joined ("Iraqi government forces + Popular Mobilization
    Forces"; ids with `names=False`), "(assumed)" after a state's own post no report gives anyone."""
    holders = post.get("holders") or ([post["holder"]] if post.get("holder") else [])
    if not holders:
        return None
    text = " + ".join(faction_name(h, on) if names else h for h in holders)
    return f"{text} ({ASSUMED})" if post.get("assumed") else text
