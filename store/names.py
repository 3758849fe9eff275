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


def faction_name(faction: str | None) -> str:
    return faction_names().get(faction, faction) if faction else "nobody known"


ASSUMED = "assumed"  # the word after a holder no report names: the post's own state's, by default


def holder_text(post: dict, names: bool = True) -> str | None:
    """A status row's holder as shown: allies joined ("Iraqi government forces + Popular Mobilization
    Forces"; ids with `names=False`), "(assumed)" after a state's own post no report gives anyone."""
    holders = post.get("holders") or ([post["holder"]] if post.get("holder") else [])
    if not holders:
        return None
    text = " + ".join(faction_name(h) if names else h for h in holders)
    return f"{text} ({ASSUMED})" if post.get("assumed") else text
