"""The two posts (country codes) of each crossing, from the gazetteer (with user additions)."""
from __future__ import annotations

from functools import lru_cache

from .datafiles import load


def _sides_of(entry) -> list[str]:
    """Accepts the gazetteer shapes {"posts": {"iq": ...}} or {"posts": [{"side"|"country": "iq"}]}."""
    posts = entry.get("posts") if isinstance(entry, dict) else None
    if isinstance(posts, dict):
        return [str(k).lower() for k in posts]
    if isinstance(posts, list):
        sides = []
        for post in posts:
            if isinstance(post, dict):
                code = post.get("side") or post.get("country") or post.get("code")
                if code:
                    sides.append(str(code).lower())
        return sides
    return []


@lru_cache(maxsize=1)
def gazetteer_posts() -> dict[str, tuple[str, ...]]:
    raw = load("gazetteer.json")
    entries = raw.get("crossings", raw) if isinstance(raw, dict) else raw
    if isinstance(entries, dict):
        items = entries.items()
    elif isinstance(entries, list):
        items = ((e.get("id"), e) for e in entries if isinstance(e, dict))
    else:
        return {}
    return {str(cid): tuple(_sides_of(e)) for cid, e in items if cid and _sides_of(e)}


def posts_of(crossing: str, seen_sides=()) -> tuple[str, ...]:
    """The gazetteer's posts, plus any side a report names that the gazetteer lacks."""
    sides = list(gazetteer_posts().get(crossing, ()))
    for side in sorted(s for s in seen_sides if s):
        if side not in sides:
            sides.append(side)
    return tuple(sides)
