"""The store's schema version, kept in `store.json`, and the check made on every open."""
from __future__ import annotations

from pathlib import Path

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
