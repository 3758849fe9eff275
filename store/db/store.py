"""The store: a folder of TinyDB files, served from memory with indexes, written crash-safely.

Articles and events change only on ingest; they are read once on open. Notes and
decisions change all the time; each is one appended, fsynced journal line.
"""
from __future__ import annotations

import gc
import threading
from collections import deque
from itertools import repeat
from operator import itemgetter
from pathlib import Path

from filelock import FileLock, Timeout

from ..config import analyst_name
from ..filters import EventFilter
from ..paths import bundled_articles, resolve_store_dir
from .corpus import Corpus, TextCache, bad_events, shard_of
from .errors import StoreError, StoreLocked
from .indexes import EventIndex, sort_key
from .journal import CORRECTABLE, DECISIONS, Journal
from .migrate import migrate_if_needed
from .records import ArticleRecord, apply_overlay, article_fields, raw_fields, raw_value
from .schema import has_store, read_meta, write_meta

LOCK_FILE = ".lock"


def one_writer(method):
    """Saves from two threads (the app and an ingest worker) go one after the other."""

    def run(self, *args, **kwargs):
        with self._write_lock:
            return method(self, *args, **kwargs)

    run.__name__, run.__doc__ = method.__name__, method.__doc__
    return run


class Store:
    def __init__(self, folder: Path, readonly: bool, lock: FileLock | None, readonly_reason: str | None):
        self.folder = folder
        self.readonly = readonly
        self.readonly_reason = readonly_reason
        self._lock = lock
        self._write_lock = threading.RLock()
        self.analyst = analyst_name()
        self.meta = read_meta(folder)
        self._corpus = Corpus(folder, readonly)
        self._texts = TextCache(self._corpus)
        # 100,000 new dicts would set off full garbage collections over and over while
        # loading, and every later full collection would walk them all again. They hold
        # no reference cycles, so they are loaded with the collector off and then moved
        # out of its sight (gc.freeze) until close.
        collecting = gc.isenabled()
        gc.disable()
        try:
            articles, groups = self._corpus.load()
            self._journal = Journal(folder, readonly)
            self._articles = {aid: ArticleRecord(doc, self._texts.text) for aid, doc in articles.items()}
            self._events: dict[str, dict] = {}
            self._index = EventIndex(self._events, order=self._serve_all(groups))
            gc.freeze()
        finally:
            if collecting:
                gc.enable()
        self._warming: threading.Thread | None = None
        self._warm()

    def _warm(self) -> None:
        self._warming = threading.Thread(target=self._index.warm, name="crosswatch-index", daemon=True)
        self._warming.start()

    def wait_ready(self, timeout: float | None = None) -> bool:
        """Wait for the background index build (filters are correct before it ends, only slower)."""
        if self._warming is not None:
            self._warming.join(timeout)
        return self._warming is None or not self._warming.is_alive()

    def _serve_all(self, groups) -> list[dict]:
        """Join each event to its article, overlay the analyst's work, and sort: the hot loop of open.

        Each article's events are stored in text order, so putting the articles in order
        and then stably sorting by day alone gives (day, article, start): one string key
        per event, which Python sorts several times faster than tuples.
        """
        joined = []
        for path, article_id, extractor, events in groups:
            fields = {**article_fields(self._articles.get(article_id)), "article_id": article_id, "extractor": extractor}
            joined.append((fields["article"], path, fields, events))
        joined.sort(key=itemgetter(0))
        served: list[dict] = []
        for _, path, fields, events in joined:
            try:
                deque(map(dict.update, events, repeat(fields, len(events))), 0)
            except TypeError:  # an event that is not an object
                raise bad_events(path) from None
            served += events
        try:
            self._events.update(zip(map(itemgetter("id"), served), served))
        except (KeyError, TypeError):
            raise bad_events(next(path for _, path, _, events in joined if any("id" not in e for e in events))) from None
        if not all(type(event_id) is str for event_id in self._events):
            raise bad_events(next(path for _, path, _, events in joined if any(type(e["id"]) is not str for e in events)))
        overlay = self._journal.overlay
        for event_id in set(overlay.notes) | set(overlay.decisions):
            event = self._events.get(event_id)
            if event is not None:
                apply_overlay(event, overlay.note(event_id), overlay.decision(event_id))
        try:
            days = [event["date"] or event["published"] or "\uffff" for event in served]
            return [served[i] for i in sorted(range(len(served)), key=days.__getitem__)]
        except (KeyError, TypeError):  # a hand-edited store with odd values: the careful key
            return sorted(served, key=sort_key)

    # -- opening and closing -------------------------------------------------------------

    @classmethod
    def open(cls, path, readonly: bool = False) -> "Store":
        """Open (or create, when the folder holds none) the store at `path`.

        When another process holds the store's lock it opens read-only: `readonly` is
        True and `readonly_reason` says why; writing methods raise `StoreLocked`.
        """
        folder = Path(path).expanduser()
        if folder.exists() and not folder.is_dir():
            raise StoreError(f"{folder}: not a folder; a store is a folder (choose another with --store)")
        lock, reason = None, "opened read-only on request" if readonly else None
        if not readonly:
            try:
                folder.mkdir(parents=True, exist_ok=True)
            except OSError as err:
                raise StoreError(f"{folder}: cannot create the store folder ({err.strerror})") from None
            lock = FileLock(folder / LOCK_FILE, timeout=0, thread_local=False)
            try:
                lock.acquire()
            except Timeout:
                lock, readonly = None, True
                reason = "another Crosswatch process has this store open; read-only here"
            except OSError as err:
                raise StoreError(f"{folder / LOCK_FILE}: cannot lock the store ({err.strerror})") from None
        try:
            if not has_store(folder):
                if readonly:
                    raise StoreError(f"{folder}: no Crosswatch store here (store.json missing)")
                write_meta(folder, seeded=False)
            else:
                migrate_if_needed(folder, readonly)
            return cls(folder, readonly, lock, reason)
        except BaseException:
            if lock is not None:
                lock.release()
            raise

    @classmethod
    def open_or_build(cls, path=None, progress=None) -> "Store":
        """The app's first run: open the store, building it from the bundled reports if it is new."""
        folder = resolve_store_dir(path)
        fresh = not has_store(folder)
        store = cls.open(folder)
        if not store.readonly and (fresh or store.meta.get("seeded") is False):
            store.ingest([bundled_articles()], progress=progress)
            store.meta = write_meta(folder, seeded=True)
        return store

    def close(self) -> None:
        gc.unfreeze()
        self._journal.close()
        if self._lock is not None:
            self._lock.release()
            self._lock = None

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def _check_writable(self, action: str) -> None:
        if self.readonly:
            raise StoreLocked(f"cannot {action}: {self.folder} is read-only ({self.readonly_reason})")

    # -- articles --------------------------------------------------------------------------

    def articles(self) -> list[dict]:
        """Article metadata sorted by publication date then name; `text` loads on first access."""
        with self._index.lock:  # an ingest on a worker thread may be adding articles
            records = list(self._articles.values())
        return sorted(records, key=lambda a: (a.get("published") or "9999", a.get("name") or ""))

    def article(self, article_id: str) -> dict:
        record = self._articles[article_id]
        return {**record, "text": self.article_text(article_id)}

    def article_text(self, article_id: str) -> str:
        return self._texts.text(article_id)

    def article_by_path(self, path: str) -> dict | None:
        return next((a for a in self._articles.values() if a.get("path") == path), None)

    def article_by_hash(self, text_hash: str) -> dict | None:
        return next((a for a in self._articles.values() if a.get("hash") == text_hash), None)

    # -- events ------------------------------------------------------------------------------

    def events(self, flt: EventFilter | None = None) -> list[dict]:
        """The corrected view, sorted by (date or published, article, start).

        The dicts are the store's own, kept current by later saves: read them, do not modify them.
        """
        return self._index.query(flt)

    def event(self, event_id: str) -> dict:
        return self._events[event_id]

    def count(self) -> int:
        return len(self._events)

    def values(self, field: str) -> dict:
        """Events per value of `crossing`, `side`, `actor`, `type` or `article_id`."""
        return self._index.values(field)

    # -- notes and decisions -----------------------------------------------------------------

    def _known(self, event_id: str) -> dict | None:
        event = self._events.get(event_id)
        if event is None and event_id not in self._journal.overlay.entries:
            raise KeyError(f"no event {event_id!r} in {self.folder}")
        return event

    def _append(self, entry: dict) -> dict:
        try:
            return self._journal.append({"analyst": self.analyst, **entry})
        except OSError as err:
            raise StoreError(
                f"could not save to {self._journal.path}: {err.strerror or err}; nothing was changed, "
                "earlier notes are safe (free some disk space and save again)"
            ) from None

    def _context(self, event: dict | None) -> dict:
        return {"article": event["article_id"], "sentence": event["sentence"]} if event else {}

    @one_writer
    def save_note(self, event_id: str, text: str | None) -> dict | None:
        """Durable when this returns. An empty note removes the note (the history keeps it)."""
        self._check_writable("save the note")
        event = self._known(event_id)
        value = text if text else None
        previous = self._journal.overlay.note(event_id)
        if value == previous:
            return None
        entry = self._append({"kind": "note", "event": event_id, "value": value, "prev": previous, **self._context(event)})
        self._refresh(event_id)
        return entry

    @one_writer
    def decide(self, event_id: str, decision: str | None, corrections: dict | None = None) -> dict | None:
        """Accept or reject an event, and/or correct fields; `corrections=None` keeps the earlier ones."""
        self._check_writable("record the decision")
        if decision not in DECISIONS:
            raise ValueError(f"decision must be one of {DECISIONS}, not {decision!r}")
        unknown = set(corrections or ()) - set(CORRECTABLE)
        if unknown:
            raise ValueError(f"cannot correct {sorted(unknown)}; correctable fields: {', '.join(CORRECTABLE)}")
        event = self._known(event_id)
        previous = self._journal.overlay.decision(event_id)
        if corrections is None:
            kept = dict(previous.get("corrections") or {})
        else:
            kept = {k: v for k, v in corrections.items() if event is None or raw_value(event, k) != v}
        value = {"decision": decision, "corrections": kept}
        if value == previous:
            return None
        entry = self._append({"kind": "decision", "event": event_id, "value": value, "prev": previous, **self._context(event)})
        self._refresh(event_id)
        return entry

    @one_writer
    def undo(self) -> dict | None:
        """Revert the last note change or decision not yet undone; None when there is none."""
        self._check_writable("undo")
        stack = self._journal.overlay.undoable
        if not stack:
            return None
        target = stack[-1]
        entry = self._append(
            {
                "kind": "undo", "of": target["kind"], "undoes": target["seq"], "event": target["event"],
                "value": target["prev"], "prev": target["value"],
            }
        )
        self._refresh(target["event"])
        return entry

    def history(self, event_id: str) -> list[dict]:
        return [dict(entry) for entry in self._journal.overlay.entries.get(event_id, [])]

    def orphaned_notes(self) -> list[dict]:
        """Notes (and decisions) whose event is gone after re-extraction: kept, never dropped."""
        overlay = self._journal.overlay
        orphans = []
        for event_id in sorted(set(overlay.notes) | set(overlay.decisions)):
            if event_id in self._events:
                continue
            seen = overlay.last_seen.get(event_id, {})
            last = overlay.entries[event_id][-1]
            article = self._articles.get(seen.get("article_id") or "")
            orphans.append(
                {
                    "event_id": event_id, "note": overlay.note(event_id),
                    "decision": overlay.decision(event_id).get("decision"),
                    "article_id": seen.get("article_id"), "article": article.get("name") if article else None,
                    "sentence": seen.get("sentence"), "at": last["at"], "analyst": last["analyst"],
                }
            )
        return orphans

    def _refresh(self, event_id: str) -> None:
        event = self._events.get(event_id)
        if event is None:
            return
        with self._index.lock:  # the index thread must not read the event half-changed
            before = self._index.before_change(event)
            overlay = self._journal.overlay
            apply_overlay(event, overlay.note(event_id), overlay.decision(event_id))
            self._index.after_change(event, before)

    # -- ingest ----------------------------------------------------------------------------------

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
