"""Load the data files (gazetteer, factions, triggers, ...) once per process, for every reader.

The bundled files live in `data/` (or `store/_data` in a wheel). A user may extend them by
dropping a file of the same name in the config folder (`CROSSWATCH_CONFIG`): its list entries
are added to the bundled ones.
"""
from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

from store.paths import bundled_data, user_config_dir


def _merge(base, extra):
    if isinstance(base, dict) and isinstance(extra, dict):
        merged = dict(base)
        for key, value in extra.items():
            merged[key] = _merge(base[key], value) if key in base else value
        return merged
    if isinstance(base, list) and isinstance(extra, list):
        return base + extra
    return extra


@lru_cache(maxsize=None)
def _load(name: str, config_dir: str) -> dict:
    with open(bundled_data() / name, encoding="utf-8") as fh:
        data = json.load(fh)
    user_file = Path(config_dir) / name
    if user_file.is_file():
        try:
            data = _merge(data, json.loads(user_file.read_text(encoding="utf-8")))
        except (OSError, ValueError, RecursionError):  # RecursionError: JSON nested too deeply to parse
            pass  # a broken user file must not stop Crosswatch; the bundled data still works
    return data


def load(name: str) -> dict:
    return _load(name, str(user_config_dir()))
