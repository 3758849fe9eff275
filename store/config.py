"""Who the analyst is: the user config, else CROSSWATCH_ANALYST, else the login name."""
from __future__ import annotations

import getpass
import json
import os

from .paths import user_config_dir


def config_path():
    return user_config_dir() / "config.json"


def load_config() -> dict:
    """The user's config.json, or {} when it is missing or unreadable (never fatal)."""
    try:
        data = json.loads(config_path().read_text(encoding="utf-8"))
    except (OSError, ValueError, RecursionError):  # deeply nested JSON raises RecursionError
        return {}
    return data if isinstance(data, dict) else {}


def analyst_name() -> str:
    name = load_config().get("analyst")
    if isinstance(name, str) and name.strip():
        return name.strip()
    name = os.environ.get("CROSSWATCH_ANALYST", "").strip()
    if name:
        return name
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "analyst"
