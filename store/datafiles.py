"""Load the data files (gazetteer, factions, triggers, ...) once per process, for every reader.

The bundled files live in `data/` (or `store/_data` in a wheel). A user may extend them by
dropping a file of the same name in the config folder (`CROSSWATCH_CONFIG`): its list entries
are added to the bundled ones. A user file that cannot be used (not JSON, not a regular file,
or not shaped like the bundled one: a list where the bundled file has an object, an entry
lacking a field every bundled entry has, text where a number is due) is ignored as a whole:
the bundled data is used, and `override_problems()` gives one line naming the file and the
problem (the command line prints them, the browser shows them).
"""
from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

from store.paths import bundled_data, user_config_dir
from store.regular import read_regular

_PROBLEMS: dict[str, str] = {}  # user file path -> the one line about it


def _merge(base, extra):
    if isinstance(base, dict) and isinstance(extra, dict):
        merged = dict(base)
        for key, value in extra.items():
            merged[key] = _merge(base[key], value) if key in base else value
        return merged
    if isinstance(base, list) and isinstance(extra, list):
        return base + extra
    return extra


def _kind(value) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "an object"
    return type(value).__name__


def _at(where: str) -> str:
    return where or "the file"


def shape_problem(base, extra, where: str = "") -> str | None:
    """Why `extra` cannot be merged into `base` (the bundled data), or None.

    Values under a key the bundled data has must be of the same kind; a list's new entries
    must be of the kind of the bundled entries, and objects among them must have every field
    all bundled entries have, each of the kind it has there.
    """
    if base is None:
        return None
    if _kind(base) != _kind(extra):
        return f"{_at(where)} is {_kind(extra)}; the bundled file has {_kind(base)} there"
    if isinstance(base, dict):
        kinds = {_kind(value) for value in base.values()}
        same = next(iter(base.values())) if len(base) > 1 and len(kinds) == 1 else None  # a map of like values
        for key, value in extra.items():
            model = base[key] if key in base else same
            problem = shape_problem(model, value, f"{where}.{key}" if where else str(key))
            if problem:
                return problem
        return None
    if isinstance(base, list) and base:
        kinds = {_kind(item) for item in base}
        for number, item in enumerate(extra, 1):
            here = f"{_at(where)}[{number}]"
            if _kind(item) not in kinds:
                return f"{here} is {_kind(item)}; the bundled entries are {' or '.join(sorted(kinds))}"
            if isinstance(item, dict):
                problem = _entry_problem([b for b in base if isinstance(b, dict)], item, here)
                if problem:
                    return problem
    return None


# Fields the readers index directly (entry["id"]): a new entry lacking one that every bundled
# entry of its list has would stop them. Other fields are read with a default and may be left out.
KEY_FIELDS = frozenset({"id", "type", "role", "words", "regex", "posts", "country"})


def _entry_problem(bundled: list[dict], item: dict, where: str) -> str | None:
    required = KEY_FIELDS.intersection(*(set(entry) for entry in bundled)) if bundled else set()
    missing = sorted(required - set(item))
    if missing:
        return f"{where} lacks {', '.join(missing)}, which every bundled entry has"
    for key, value in item.items():
        examples = [entry[key] for entry in bundled if key in entry and entry[key] is not None]
        if not examples or value is None and key not in required:
            continue
        problem = shape_problem(examples[0], value, f"{where}.{key}")
        if problem and all(shape_problem(example, value, f"{where}.{key}") for example in examples[1:]):
            return problem
    return None


@lru_cache(maxsize=None)
def _load(name: str, config_dir: str) -> dict:
    with open(bundled_data() / name, encoding="utf-8") as fh:
        data = json.load(fh)
    user_file = Path(config_dir) / name
    try:
        raw = read_regular(user_file)  # a FIFO or a device here is refused, never waited on
    except FileNotFoundError:
        return data
    except OSError as err:
        return _refused(user_file, f"cannot read it ({err.strerror or err})", data)
    try:
        extra = json.loads(raw.decode("utf-8"))
    except (ValueError, RecursionError) as err:  # RecursionError: JSON nested too deeply to parse
        return _refused(user_file, f"not valid JSON ({str(err)[:80] if not isinstance(err, RecursionError) else 'nested too deeply'})", data)
    problem = shape_problem(data, extra)
    if problem:
        return _refused(user_file, problem, data)
    return _merge(data, extra)


def _refused(user_file: Path, problem: str, bundled):
    _PROBLEMS[str(user_file)] = f"{user_file}: {problem}; ignored, the bundled {user_file.name} is used"
    return bundled


def load(name: str) -> dict:
    return _load(name, str(user_config_dir()))


def override_problems() -> list[str]:
    """One line per data file in the config folder that was (or would be) ignored, loading each
    that is there so the answer is complete."""
    config_dir = user_config_dir()
    try:
        names = sorted(path.name for path in bundled_data().glob("*.json"))
    except OSError:
        return []
    for name in names:
        if (config_dir / name).exists() or (config_dir / name).is_symlink():
            _load(name, str(config_dir))
    prefix = str(config_dir)
    return [line for path, line in sorted(_PROBLEMS.items()) if str(Path(path).parent) == prefix]
