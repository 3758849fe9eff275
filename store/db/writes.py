"""The ingest's side of the store: new and changed articles written shard by shard."""
from __future__ import annotations

from .analyst import one_writer
from .corpus import shard_of
from .errors import StoreError
from .records import ArticleRecord, apply_overlay, article_fields, raw_fields


class CorpusWrites:
    """Mixed into `Store`; rewrites only the shards an ingest touches, each atomically."""

    def ingest(self, paths, progress=None):
        """Read, extract and store files, folders or globs; returns an `IngestSummary`."""
        from ..ingest import ingest_paths

        self._check_writable("ingest")
        return ingest_paths(self, paths, progress=progress)

    @one_writer
    def replace_articles(self, updates: list[tuple[dict, list[dict], str]]) -> None:
        """Store new or changed articles: (metadata, raw events, cleaned text) each.

        Only the shards these articles live in are rewritten, each atomically. The
        journal is not touched, so every note and decision survives; those whose event
        vanished become orphans.
        """
        self._check_writable("ingest")
        if not updates:
            return
        by_shard: dict[str, list] = {}
        for update in updates:
            by_shard.setdefault(shard_of(update[0]["id"]), []).append(update)
        for shard, shard_updates in sorted(by_shard.items()):
            self._write_shard(shard, shard_updates)

    def _write_shard(self, shard: str, updates: list) -> None:
        replaced = {meta["id"] for meta, _, _ in updates}
        articles = [dict(a) for aid, a in self._articles.items() if shard_of(aid) == shard and aid not in replaced]
        kept = {a["id"] for a in articles}
        events: dict[str, list[dict]] = {}
        for event in self._events.values():
            if event["article_id"] in kept:
                events.setdefault(event["article_id"], []).append(raw_fields(event))
        texts = dict(self._texts.shard(shard))
        for meta, new_events, text in updates:
            articles.append(meta)
            events[meta["id"]] = new_events
            texts[meta["id"]] = text
        try:
            self._corpus.write_shard(shard, articles, events, texts)
        except OSError as err:
            raise StoreError(f"could not write {self._corpus.corpus_path(shard)}: {err.strerror or err}; the previous version is kept") from None
        self._texts.forget(shard)
        overlay = self._journal.overlay
        with self._index.lock:
            for event_id in [eid for eid, e in self._events.items() if e["article_id"] in replaced]:
                del self._events[event_id]
            for meta, new_events, _ in updates:
                self._articles[meta["id"]] = ArticleRecord(meta, self._texts.text)
                fields = {**article_fields(meta), "article_id": meta["id"], "extractor": meta.get("extractor")}
                for raw in new_events:
                    event = {**raw, **fields}
                    apply_overlay(event, overlay.note(event["id"]), overlay.decision(event["id"]))
                    self._events[event["id"]] = event
            self._index.invalidate()
        self._warm()
