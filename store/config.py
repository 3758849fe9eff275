"""Who the analyst is: the user config, else CROSSWATCH_ANALYST, else the login name."""
from __future__ import annotations

import getpass
import json
import os

from .paths import user_config_dir
from .regular import read_regular


def config_path():
    return user_config_dir() / "config.json"


def _read_config() -> tuple[dict, str | None]:
    """The user's config.json and, when it cannot be used, the one line saying why."""
    path = config_path()
    try:
        raw = read_regular(path)  # a FIFO or a device in its place is refused, never waited on
    except FileNotFoundError:
        return {}, None
    except OSError as err:
        return {}, f"{path}: cannot read it ({err.strerror or err}); ignored"
    try:
        data = json.loads(raw.decode("utf-8"))
    except (ValueError, RecursionError):  # deeply nested JSON raises RecursionError
        return {}, f"{path}: not valid JSON; ignored"
    if not isinstance(data, dict):
        return {}, f"{path}: expected an object such as {{\"analyst\": \"name\"}}; ignored"
    return data, None


def load_config() -> dict:
    """The user's config.json, or {} when it is missing or unusable (never fatal, never waits)."""
    return _read_config()[0]


def config_problem() -> str | None:
    """Why config.json is ignored (one line), or None when it is fine or absent."""
    return _read_config()[1]


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
