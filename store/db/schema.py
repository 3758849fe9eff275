"""The store's schema version, kept in `store.json`, and the check made on every open."""
from __future__ import annotations

import os
import stat
from pathlib import Path

from ..regular import kind_of
from .errors import StoreError
from .journal import now_iso
from .storages import ADVICE, AtomicJSONStorage

SCHEMA_VERSION = 1
META_FILE = "store.json"
LEGACY_FILE = "crosswatch.json"  # schema 0: one TinyDB file with notes inside the events


def meta_path(folder: Path) -> Path:
    return Path(folder) / META_FILE


def has_store(folder: Path) -> bool:
    return meta_path(folder).is_file() or (Path(folder) / LEGACY_FILE).is_file()


# What a first run may find in a folder and still call it empty: the lock it took itself, and
# the temporary file of a store.json write cut short (an atomic write: never a torn store.json).
def _leftover(name: str) -> bool:
    return name == ".lock" or (name.startswith(f".{META_FILE}.") and name.endswith(".tmp"))


def _check_store_file(path: Path) -> bool:
    """True when `path` is a regular file (or a link to one), False when there is nothing there.

    Anything else in its place (a folder, a FIFO, a device, a symbolic link that leads
    nowhere or loops) is refused in one line and never replaced.
    """
    try:
        link = os.lstat(path)
    except FileNotFoundError:
        return False
    except OSError as err:
        raise StoreError(f"{path}: cannot look at it ({err.strerror}); {ADVICE}") from None
    try:
        mode = os.stat(path).st_mode if stat.S_ISLNK(link.st_mode) else link.st_mode
    except OSError as err:
        raise StoreError(f"{path}: a symbolic link that leads nowhere ({err.strerror}), not a store file; {ADVICE}") from None
    if not stat.S_ISREG(mode):
        raise StoreError(f"{path}: {kind_of(mode)}, not a store file; {ADVICE}")
    return True


def store_state(folder: Path) -> str:
    """"store" (a store file is there), "new" (no folder, or an empty one: a first run may build
    a store in it) or a StoreError: a store file replaced by something else, or a folder holding
    other files but no store.json (a store that lost it, or not a store at all). Only "new"
    folders are ever given a store.json."""
    folder = Path(folder)
    if not folder.exists():
        return "new"
    if not folder.is_dir():
        raise StoreError(f"{folder}: not a folder; a store is a folder (choose another with --store)")
    if _check_store_file(meta_path(folder)) or _check_store_file(folder / LEGACY_FILE):
        return "store"
    try:
        found = sorted(name for name in os.listdir(folder) if not _leftover(name))
    except OSError as err:
        raise StoreError(f"{folder}: cannot list the folder ({err.strerror})") from None
    if not found:
        return "new"
    shown = ", ".join(found[:4]) + (f" and {len(found) - 4} more" if len(found) > 4 else "")
    raise StoreError(
        f"{meta_path(folder)}: missing, but the folder is not empty ({shown}): a store that lost its "
        "store.json, or not a store; nothing was changed (restore store.json from a backup, or choose "
        "an empty folder with --store)"
    )


def read_meta(folder: Path) -> dict:
    """The meta document; schema 0 when only the legacy file is there."""
    path = meta_path(folder)
    if not path.is_file():
        return {"schema": 0}
    data = AtomicJSONStorage(path, readonly=True).read() or {}
    docs = list(data.get("meta", {}).values())
    if len(docs) != 1 or not isinstance(docs[0].get("schema"), int):
        raise StoreError(f"{path}: no schema version in it (not a Crosswatch store?); {ADVICE}")
    meta = docs[0]
    if meta["schema"] > SCHEMA_VERSION:
        raise StoreError(
            f"{path}: written by a newer Crosswatch (schema {meta['schema']}, this one reads up to "
            f"{SCHEMA_VERSION}); upgrade crosswatch or open another store with --store. The file was left untouched"
        )
    return meta


def write_meta(folder: Path, **fields) -> dict:
    """One small whole-file atomic write, in TinyDB's layout (table `meta`, document 1)."""
    path = meta_path(folder)
    old = read_meta(folder) if path.is_file() else {}
    meta = {"app": "crosswatch", "created": old.get("created") or now_iso(), **old, **fields, "schema": SCHEMA_VERSION}
    AtomicJSONStorage(path).write({"meta": {"1": meta}})
    return meta
