"""The store: a folder of TinyDB files, served from memory with indexes, written crash-safely.

Articles and events change only on ingest; they are read once on open. Notes and
decisions change all the time; each is one appended, fsynced journal line.
"""
from __future__ import annotations

import errno
import gc
import subprocess
import sys
import threading
from pathlib import Path

from filelock import FileLock, Timeout

from ..config import analyst_name
from ..filters import EventFilter
from ..paths import bundled_articles, resolve_store_dir
from .analyst import AnalystWork
from .corpus import Corpus, TextCache
from .errors import StoreError, StoreLocked
from .indexes import EventIndex
from .journal import Journal
from .migrate import migrate_if_needed
from .records import ArticleRecord
from .schema import read_meta, store_state, write_meta
from .serve import serve_all, serve_snapshot
from .snapshot import SNAPSHOT_MIN_EVENTS, read_snapshot, write_snapshot
from .textcheck import TextChecks
from .writes import CorpusWrites

LOCK_FILE = ".lock"
LOCK_TAKEN = "another Crosswatch process has this store open; read-only here"


def _unwritable(folder: Path, err: OSError) -> str:
    """Why a store whose lock cannot be taken opens read-only: a read-only file system or a folder
    we may not write reads as well as any; anything else (a folder where `.lock` should be) is refused."""
    if err.errno == errno.EROFS:
        return f"{folder} is on a read-only file system"
    if err.errno in (errno.EACCES, errno.EPERM):
        return f"no permission to write in {folder}"
    raise StoreError(f"{folder / LOCK_FILE}: cannot lock the store ({err.strerror})") from None


class Store(AnalystWork, CorpusWrites, TextChecks):
    """See ARCHITECTURE.md, "The store". Notes and decisions: `AnalystWork`; ingest writes: `CorpusWrites`;
    whether an article's events may be lit on its stored text: `TextChecks`."""

    def __init__(self, folder: Path, readonly: bool, lock: FileLock | None, readonly_reason: str | None):
        self.folder = folder
        self.readonly = readonly
        self.readonly_reason = readonly_reason
        self._lock = lock
        self._write_lock = threading.RLock()
        self.analyst = analyst_name()
        self.meta = read_meta(folder)
        self._corpus = Corpus(folder, readonly)
        self.recovered = self._corpus.settle()  # writes a kill cut short: finished or undone, one line each
        self._texts = TextCache(self._corpus)
        self._checked: dict[str, tuple[int, bool, str | None]] = {}  # article id -> (texts.loads, readable, problem)
        # 100,000 new dicts would set off full garbage collections over and over while
        # loading, and every later full collection would walk them all again. They hold
        # no reference cycles, so they are loaded with the collector off and then moved
        # out of its sight (gc.freeze) until close.
        collecting = gc.isenabled()
        gc.disable()
        try:
            self._journal = Journal(folder, readonly)
            self._events: dict[str, dict] = {}
            snapshot = None if self._corpus.pending else read_snapshot(folder)  # a cut write read in memory: from the shards
            self.from_snapshot = snapshot is not None
            if snapshot is not None:
                docs, events, ids, by_article = snapshot
                self._articles = {doc["id"]: ArticleRecord(doc, self._texts.text) for doc in docs}
                order, by_article, loaded = serve_snapshot(events, ids, by_article, self._journal.overlay, self._events)
            else:
                articles, groups = self._corpus.load()
                self._articles = {aid: ArticleRecord(doc, self._texts.text) for aid, doc in articles.items()}
                order, by_article, loaded = serve_all(self._articles, self._journal.overlay, groups, self._events)
            self._index = EventIndex(self._events, order=order, article_positions=by_article, loaded=loaded)
            gc.freeze()
        finally:
            if collecting:
                gc.enable()
        self.snapshot_current = self.from_snapshot  # no need to write one again in this session
        self._snapshot_writer: subprocess.Popen | None = None
        self._warming: threading.Thread | None = None
        if self.WARM_ON_OPEN:
            self._warm()

    WARM_ON_OPEN = True  # the browser's subclass turns this off and calls warm() after its first paint

    def warm(self) -> None:
        """Start the background index build now, unless it has started already."""
        if self._warming is None:
            self._warm()

    def _warm(self) -> None:
        self._warming = threading.Thread(target=self._index.warm, name="crosswatch-index", daemon=True)
        self._warming.start()

    def wait_ready(self, timeout: float | None = None) -> bool:
        """Wait for the background index build (filters are correct before it ends, only slower)."""
        if self._warming is not None:
            self._warming.join(timeout)
        return self._warming is None or not self._warming.is_alive()

    def keep_snapshot(self, wait: bool = False) -> None:
        """Bring the snapshot (`snapshot.py`) up to date, when this store is big enough to gain from one.

        `wait` writes it here and now (the command line, which exits next); otherwise a
        child process writes it, so the browser's interpreter is not held for the second
        it takes. The child writes nothing if the shards change while it reads them.
        """
        if self.readonly or self.snapshot_current or self.count() < SNAPSHOT_MIN_EVENTS:
            return
        if wait:
            try:
                self.snapshot_current = write_snapshot(self.folder)
            except (OSError, StoreError):  # only a speed-up is lost: the shards open as before
                pass
            return
        if self._snapshot_writer is None or self._snapshot_writer.poll() is not None:
            self._snapshot_writer = subprocess.Popen(
                [sys.executable, "-m", "store.db.snapshot_writer", str(self.folder)],
                stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            )
            self.snapshot_current = True

    # -- opening and closing -------------------------------------------------------------

    @classmethod
    def open(cls, path, readonly: bool = False) -> "Store":
        """Open (or create, when the folder holds none) the store at `path`.

        When another process holds the store's lock it opens read-only: `readonly` is
        True and `readonly_reason` says why; writing methods raise `StoreLocked`.
        """
        folder = Path(path).expanduser()
        state = store_state(folder)  # a store.json replaced by something else, or lost: refused here
        if readonly and state == "new":
            raise StoreError(f"{folder}: no Crosswatch store here (store.json missing)")
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
                reason = LOCK_TAKEN
            except OSError as err:
                lock, readonly, reason = None, True, _unwritable(folder, err)
        try:
            if store_state(folder) == "new":  # again under the lock: only an empty folder gets a store.json
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
        """The app's first run: on a missing or empty folder, build a store from the bundled reports.

        Only a new (missing or empty) folder is built; an existing store opens as it is (its
        analyst's reports are never joined by the demo ones), and a folder that holds files but
        no store.json is refused (`store_state`). A build cut short resumes on the next run.
        """
        folder = resolve_store_dir(path)
        fresh = store_state(folder) == "new"
        store = cls.open(folder)
        try:
            if not store.readonly and (fresh or (store.meta.get("seeding") and store.meta.get("seeded") is False)):
                store.meta = write_meta(folder, seeding=True)
                store.ingest([bundled_articles()], progress=progress)
                store.meta = write_meta(folder, seeded=True, seeding=False)
        except BaseException:
            store.close()
            raise
        return store

    def close(self) -> None:
        """After any write under way (an ingest or re-read thread) has finished: the lock outlives it."""
        with self._write_lock:
            gc.unfreeze()
            self._journal.close()
            if self._lock is not None:
                self._lock.release()
                self._lock = None

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    @property
    def lock_taken(self) -> bool:
        """Read-only because another process writes it (not a read-only disk, nor a request)."""
        return self.readonly_reason == LOCK_TAKEN

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

    def positions(self) -> dict[str, int]:
        """Event id -> place in `events()`'s order: the index thread's map, made now if it has not been yet."""
        return self._index.positions()

    def count(self) -> int:
        return len(self._events)

    def values(self, field: str) -> dict:
        """Events per value of `crossing`, `side`, `actor`, `type` or `article_id`."""
        return self._index.values(field)
