"""Bring an older store up to the current schema, leaving the old files in place.

Schema 0 was one TinyDB file (`crosswatch.json`, TinyDB's defaults) holding articles
with their text and events with the analyst's note inside each event. Schema 1 splits
them: corpus and text shards, and notes as journal entries.
"""
from __future__ import annotations

from pathlib import Path

from .corpus import Corpus, shard_of
from .errors import StoreError
from .journal import Journal
from .schema import LEGACY_FILE, SCHEMA_VERSION, read_meta, write_meta
from .storages import ADVICE, AtomicJSONStorage
from .. import ids


def migrate_if_needed(folder: Path, readonly: bool) -> None:
    meta = read_meta(folder)
    if meta["schema"] == SCHEMA_VERSION:
        return
    if readonly:
        raise StoreError(f"{folder}: schema {meta['schema']} needs upgrading, which another process prevents; close it and retry")
    for version in range(meta["schema"], SCHEMA_VERSION):
        MIGRATIONS[version](Path(folder))


def migrate_0_to_1(folder: Path) -> None:
    legacy = folder / LEGACY_FILE
    data = AtomicJSONStorage(legacy, readonly=True).read() or {}
    by_path: dict[str, list[dict]] = {}
    for event in data.get("events", {}).values():
        by_path.setdefault(str(event.get("article")), []).append(event)
    shards: dict[str, tuple[list, list, dict]] = {}
    notes = []
    for old in data.get("articles", {}).values():
        text = old.get("text")
        if not isinstance(text, str):
            raise StoreError(f"{legacy}: an article has no text; {ADVICE}")
        text_hash = ids.content_hash(text)
        article_id = ids.article_id(text_hash)
        olds = by_path.get(str(old.get("path")), [])
        events = [{k: v for k, v in e.items() if k not in ("note", "analyst", "article")} for e in olds]
        for event, event_id in zip(events, ids.event_ids(article_id, events)):
            event["id"] = event_id
        for old_event, event in zip(olds, events):
            if old_event.get("note"):
                notes.append((article_id, event, old_event["note"], old_event.get("analyst") or "schema-0 store"))
        meta = {
            "id": article_id, "name": old.get("name") or Path(str(old.get("path"))).name, "path": old.get("path"),
            "title": old.get("title"), "source": old.get("source"), "published": old.get("published"),
            "url": old.get("url"), "hash": text_hash, "n_events": len(events), "ingested_at": None, "extractor": "schema-0",
        }
        articles, shard_events, texts = shards.setdefault(shard_of(article_id), ([], {}, {}))
        articles.append(meta)
        shard_events[article_id] = events
        texts[article_id] = text
    corpus = Corpus(folder, readonly=False)
    for shard, (articles, events, texts) in sorted(shards.items()):
        corpus.write_shard(shard, articles, events, texts)
    journal = Journal(folder, readonly=False)
    noted = {entry["event"] for entries in journal.overlay.entries.values() for entry in entries}
    for article_id, event, note, analyst in notes:
        if event["id"] not in noted:  # a migration cut short and rerun adds no second copy
            journal.append({"kind": "note", "event": event["id"], "value": note, "prev": None, "analyst": analyst,
                            "article": article_id, "sentence": event.get("sentence")})
    journal.close()
    write_meta(folder, migrated_from=0, seeded=True)


MIGRATIONS = {0: migrate_0_to_1}
