"""Letters and colours for holders on the timeline (data/faction_marks.json), and tick glyphs."""
from __future__ import annotations

import json
from functools import lru_cache

from store.paths import bundled_data

TICKS = {  # event type -> (glyph, legend), most important first when two share a column
    "captured": ("▲", "capture claimed"),
    "withdrew": ("▽", "withdrawal"),
    "attacked": ("✕", "attack"),
    "holds": ("●", "holds (claim)"),
    "closed": ("C", "closed"),
    "reopened": ("O", "reopened"),
    "reinforced": ("+", "reinforced"),
}
NOBODY = ("-", "#444444", "nobody / holder unknown")
NO_REPORTS = ("·", "", "no reports yet")
CONTESTED_FILL = "?"


@lru_cache(maxsize=1)
def _marks() -> dict:
    try:
        return json.loads((bundled_data() / "faction_marks.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def holder_mark(faction: str) -> tuple[str, str]:
    """(letter, background colour) for a faction id."""
    known = _marks().get("factions", {}).get(faction)
    if known:
        return known["letter"], known["colour"]
    spare = _marks().get("spare_colours") or ["#777777"]
    letter = next((ch for ch in faction if ch.isalnum()), "?").upper()  # never a control or markup character
    return letter, spare[sum(map(ord, faction)) % len(spare)]


def tick_rank(kind: str) -> int:
    return list(TICKS).index(kind) if kind in TICKS else len(TICKS)
