"""Every key of the browser has a binding id; `keymap.json` in the user config folder remaps them.

The file maps ids to keys, for example `{"accept": "A", "filter.text": "slash,ctrl+f"}`.
Textual applies it to every binding with that id (`App.set_keymap`). Default keys never
need Ctrl+J, Ctrl+S or Ctrl+O: tmux and many terminals take those.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

from textual.binding import Binding

from store.paths import user_config_dir
from store.regular import read_regular

KEYMAP_FILE = "keymap.json"
FORBIDDEN_DEFAULTS = frozenset({"ctrl+j", "ctrl+s", "ctrl+o"})


@dataclass(frozen=True)
class Key:
    id: str
    keys: str  # Textual key names, comma-separated
    action: str
    description: str
    show: bool = True
    priority: bool = False

    def binding(self) -> Binding:
        return Binding(self.keys, self.action, self.description, show=self.show, id=self.id, priority=self.priority)


QUIT_KEYS = "q"
APP_KEYS = (
    Key("quit", QUIT_KEYS, "quit", "Quit"),
    Key("help", "question_mark,f1", "help", "Help"),
    Key("palette", "ctrl+p", "command_palette", "Palette", show=False, priority=True),
)

MAIN_KEYS = (
    Key("focus.next", "tab", "app.focus_next", "Next pane", show=False),
    Key("focus.previous", "shift+tab", "app.focus_previous", "Previous pane", show=False),
    Key("filter.text", "slash", "filter_text", "Search"),
    Key("filter.crossings", "c", "pick('crossings')", "Crossings"),
    Key("filter.factions", "f", "pick('factions')", "Factions"),
    Key("filter.types", "t", "pick('types')", "Types"),
    Key("filter.dates", "d", "pick_dates", "Dates", show=False),
    Key("back", "escape", "back", "Back/clear", show=False),
    Key("filters", "i", "show_filters", "Every active filter", show=False),
    Key("note", "n", "note", "Note"),
    Key("accept", "a", "decide('accepted')", "Accept"),
    Key("reject", "x", "decide('rejected')", "Reject"),
    Key("complete", "e", "complete", "Complete candidate", show=False),
    Key("undo", "u", "undo", "Undo"),
    Key("copy", "y", "copy_citation", "Copy"),
    Key("review", "r", "review", "Review"),
    Key("maximize", "z", "toggle_maximize", "Maximise"),
    Key("asof.previous", "left_square_bracket", "as_of(-1)", "As-of ◀", show=False),
    Key("asof.next", "right_square_bracket", "as_of(1)", "As-of ▶", show=False),
    Key("timeline", "l", "timeline", "Timeline", show=False),
    Key("map", "m", "map", "Map of the crossings", show=False),
    Key("group", "g", "group", "Group by incident", show=False),
)

REVIEW_KEYS = (
    Key("review.accept", "a", "decide('accepted')", "Accept"),
    Key("review.reject", "x", "decide('rejected')", "Reject"),
    Key("review.complete", "e", "complete", "Complete"),
    Key("review.skip", "space", "skip", "Skip"),
    Key("review.previous", "p", "previous", "Previous"),
    Key("review.note", "n", "note", "Note"),
    Key("review.undo", "u", "undo", "Undo"),
    Key("review.leave", "escape,r", "leave", "Leave review"),
)

ALL_KEYS = APP_KEYS + MAIN_KEYS + REVIEW_KEYS
KNOWN_IDS = frozenset(k.id for k in ALL_KEYS) | frozenset(
    f"table.{name}" for name in ("up", "down", "page_up", "page_down", "first", "last", "open")
) | frozenset(f"article.{name}" for name in ("up", "down", "page_up", "page_down"))


def shown_key(app, binding_id: str) -> str:
    """The first key bound to `binding_id` after the user's keymap, as the footer writes it ("i", "^f")."""
    default = next((key.keys for key in ALL_KEYS if key.id == binding_id), "")
    first = (getattr(app, "user_keymap", {}).get(binding_id) or default).split(",")[0]
    return app.get_key_display(Binding(first, "")) if first else "?"


class KeymapError(Exception):
    """The keymap file cannot be used; `str(err)` is one line for the user."""


def keymap_path() -> Path:
    return user_config_dir() / KEYMAP_FILE


# A key as Textual names it ("a", "ctrl+p", "question_mark", "f2", "shift+tab"), or one printable
# character. Nothing else reaches the footer: an escape sequence or a control character is refused.
KEY_NAME = re.compile(r"(?:[a-z]+\+)*(?:[a-z0-9_]+|[^\W_]|[!-/:-@\[-`{-~])", re.IGNORECASE)


def _key_problem(key: str) -> str | None:
    if len(key) == 1:
        return None if key.isprintable() and not key.isspace() else "is not a printable key"
    return None if KEY_NAME.fullmatch(key) and key.isascii() else "is not a key name (such as a, A, ctrl+p, f2, question_mark)"


def _shown(text: str) -> str:
    """A value from the file in a message: its escapes as escapes, never as bytes."""
    return ascii(text) if len(text) <= 40 else ascii(text[:37]) + "..."


def load_keymap(path: Path | None = None) -> dict[str, str]:
    """The user's remappings ({} when there is no file). Raises KeymapError on a bad file."""
    path = path or keymap_path()
    try:
        raw = json.loads(read_regular(path).decode("utf-8"))  # a FIFO here is refused, never waited on
    except FileNotFoundError:
        return {}
    except OSError as err:
        raise KeymapError(f"{path}: cannot read it ({err.strerror or err})") from None
    except (UnicodeDecodeError, json.JSONDecodeError) as err:
        raise KeymapError(f"{path}: not a readable JSON keymap ({err})") from None
    except RecursionError:  # json gives up on deep nesting this way, not with a ValueError
        raise KeymapError(f"{path}: not a readable JSON keymap (nested too deeply)") from None
    if not isinstance(raw, dict):
        raise KeymapError(f"{path}: expected an object mapping binding ids to keys")
    keymap: dict[str, str] = {}
    for binding_id, keys in raw.items():
        if binding_id not in KNOWN_IDS:
            raise KeymapError(f"{path}: unknown binding id {_shown(binding_id)}")
        if isinstance(keys, list) and all(isinstance(k, str) for k in keys):
            keys = ",".join(keys)
        if not isinstance(keys, str) or not keys.strip():
            raise KeymapError(f"{path}: keys for {binding_id!r} must be a non-empty string or list of strings")
        keys = keys.replace(" ", "")
        for key in keys.split(","):
            problem = _key_problem(key)
            if problem:
                raise KeymapError(f"{path}: {_shown(key)} for {binding_id!r} {problem}")
        keymap[binding_id] = keys
    quit_keys = set(keymap.get("quit", QUIT_KEYS).split(","))
    bound = {key.id: key.keys for key in ALL_KEYS} | keymap  # every binding's keys once remapped
    for binding_id, keys in bound.items():
        taken = sorted(key for key in keys.split(",") if key in quit_keys and binding_id != "quit")
        if taken:
            raise KeymapError(f"{path}: {_shown(taken[0])} is the key of both quit and {binding_id!r}, which would "
                              "leave no way to quit there (choose another key)")
    return keymap
