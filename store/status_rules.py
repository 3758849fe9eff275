"""The status engine's tunable rules, read once from `data/status_rules.json`."""
from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache

from .paths import bundled_data


@dataclass(frozen=True)
class StatusRules:
    contest_window_days: int
    incident_window_days: int
    syndication_window_days: int
    generic_actors: dict[str, frozenset[str]]
    wire_agencies: frozenset[str]
    relative_spans: dict[str, int]


@lru_cache(maxsize=1)
def status_rules() -> StatusRules:
    raw = json.loads((bundled_data() / "status_rules.json").read_text(encoding="utf-8"))
    return StatusRules(
        contest_window_days=int(raw.get("contest_window_days", 7)),
        incident_window_days=int(raw.get("incident_window_days", 7)),
        syndication_window_days=int(raw.get("syndication_window_days", 7)),
        generic_actors={k: frozenset(v) for k, v in raw.get("generic_actors", {}).items()},
        wire_agencies=frozenset(a.lower() for a in raw.get("wire_agencies", [])),
        relative_spans={k.lower(): int(v) for k, v in raw.get("relative_spans", {}).items()},
    )
