"""The ingest's side of the store: new and changed articles written shard by shard."""
from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

from .analyst import one_writer
from .corpus import shard_of
from .errors import StoreError
from .records import ArticleRecord, apply_overlay, article_fields, raw_fields


WRITERS = 4  # shard files written at once


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

        Only the shards these articles live in are rewritten, each atomically, several
        at once (most of a write is waiting on fsync). The journal is not touched, so
        every note and decision survives; those whose event vanished become orphans.
        A shard that cannot be written keeps its previous version, on disk and here.
        """
        self._check_writable("ingest")
        if not updates:
            return
        plans = self._plan_shards(updates)
        with ThreadPoolExecutor(max_workers=min(WRITERS, len(plans))) as pool:
            failures = list(pool.map(self._write_plan, plans))
        self._take_in([update for plan, failure in zip(plans, failures) if failure is None for update in plan[1]])
        failed = [failure for failure in failures if failure]
        if failed:
            more = f" (and {len(failed) - 1} more shards)" if len(failed) > 1 else ""
            raise StoreError(failed[0] + more)

    def _plan_shards(self, updates: list) -> list[tuple]:
        """(shard, its updates, all its articles, their raw events, their texts) for each touched shard."""
        by_shard: dict[str, list] = {}
        for update in updates:
            by_shard.setdefault(shard_of(update[0]["id"]), []).append(update)
        replaced = {meta["id"] for meta, _, _ in updates}
        kept = {aid: dict(a) for aid, a in self._articles.items() if shard_of(aid) in by_shard and aid not in replaced}
        kept_events: dict[str, list[dict]] = {}
        for event in self._events.values():
            if event["article_id"] in kept:
                kept_events.setdefault(event["article_id"], []).append(raw_fields(event))
        plans = []
        for shard, shard_updates in sorted(by_shard.items()):
            articles = [a for aid, a in kept.items() if shard_of(aid) == shard]
            events = {a["id"]: kept_events.get(a["id"], []) for a in articles}
            texts = dict(self._texts.shard(shard))
            for meta, new_events, text in shard_updates:
                articles.append(meta)
                events[meta["id"]] = new_events
                texts[meta["id"]] = text
            plans.append((shard, shard_updates, articles, events, texts))
        return plans

    def _write_plan(self, plan: tuple) -> str | None:
        """Runs on a writer thread: None when written, else the one-line reason."""
        shard, _, articles, events, texts = plan
        try:
            self._corpus.write_shard(shard, articles, events, texts)
        except OSError as err:
            return f"could not write {self._corpus.corpus_path(shard)}: {err.strerror or err}; the previous version is kept"
        return None

    def _take_in(self, updates: list) -> None:
        """Serve what was written: the articles' old events out, the new ones in, overlays on."""
        if not updates:
            return
        replaced = {meta["id"] for meta, _, _ in updates}
        for shard in {shard_of(article_id) for article_id in replaced}:
            self._texts.forget(shard)
        self._checked.clear()  # a shard's texts were read again: every answer about them may change
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
        self.snapshot_current = False
        self._warm()
