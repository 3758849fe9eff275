"""Where Crosswatch finds its bundled data and keeps its store."""
from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP_NAME = "crosswatch"


def bundled_data() -> Path:
    """The `data/` folder: inside the wheel (`store/_data`) or beside the source tree."""
    here = Path(__file__).resolve().parent
    for candidate in (here / "_data", here.parent / "data"):
        if (candidate / "gazetteer.json").is_file():
            return candidate
    raise FileNotFoundError(f"bundled data not found under {here / '_data'} or {here.parent / 'data'}")


def bundled_articles() -> Path:
    return bundled_data() / "articles"


def default_store_dir() -> Path:
    """`--store` wins over `CROSSWATCH_STORE`, which wins over the user data folder."""
    env = os.environ.get("CROSSWATCH_STORE")
    if env:
        return Path(env).expanduser()
    return Path(platformdirs.user_data_dir(APP_NAME)) / "store"


def resolve_store_dir(cli_value: str | os.PathLike | None) -> Path:
    return Path(cli_value).expanduser() if cli_value else default_store_dir()


def user_config_dir() -> Path:
    """Holds `config.json` (analyst name) and `keymap.json`."""
    env = os.environ.get("CROSSWATCH_CONFIG")
    if env:
        return Path(env).expanduser()
    return Path(platformdirs.user_config_dir(APP_NAME))
