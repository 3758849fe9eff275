"""Articles and events on disk: 16 TinyDB shard files by article id, texts kept apart.

Events and article metadata (`corpus/<x>.json`) are read whole on open; article texts
(`texts/<x>.json`) only when an article is shown. An ingest rewrites just the shards
it touched, each atomically. The `events` table holds one document per article
(`article_id`, `extractor`, `events`: a list), since one extraction makes them all;
the `digests` table one per article (`article`, `digest` of its stored text).

A shard's texts and records are two files, so replacing both is made one step
(issue 13): the new records go to `corpus/<x>.pending.json` first, then the texts
are replaced, then the pending file is renamed over the records, which commits. A
kill leaves at most a pending file; the next open (`settle`) compares its digests
with the texts on disk: the texts it was written with are there, so it is renamed
into place (finished); otherwise it is dropped (undone). Either way every article's
events lie on its text. A read-only open decides the same in memory, touching nothing.
"""
from __future__ import annotations

import hashlib
import os
import re
from collections import OrderedDict
from pathlib import Path

from .atomic import fsync_dir
from .errors import StoreError
from .storages import ADVICE, AtomicJSONStorage

SHARDS = "0123456789abcdef"
TEMPORARY = re.compile(r"^\.[0-9a-f](?:\.pending)?\.json\.(\d+)\.tmp$")  # atomic_write's, by the writer's pid
ARTICLE_FIELDS = ("id", "name", "path", "title", "source", "published", "url", "hash", "n_events", "ingested_at", "extractor",
                  "inferred")  # inferred: which of title, source, published were read from the text (no front matter)
EVENT_FIELDS = (
    "id", "type", "actor", "actor_text", "crossing", "side", "crossing_text",
    "date", "date_text", "hedged", "source", "sentence", "start", "end",
)
# a candidate's marks (store.counted), stored only on candidates: events keep their shape, and a
# store written before candidates opens unchanged (no schema change)
CANDIDATE_FIELDS = ("candidate", "missing", "confidence")


def stored_event(event: dict) -> dict:
    """What is written for one event: its fields, and a candidate's marks when it is one."""
    raw = {k: event.get(k) for k in EVENT_FIELDS}
    if event.get("candidate"):
        raw.update({k: event.get(k) for k in CANDIDATE_FIELDS})
    return raw


def shard_of(article_id: str) -> str:
    head = article_id[:1].lower()
    return head if head in SHARDS else "0"


def _refuse_doc(path: Path, table: str, doc: dict, needed: tuple) -> StoreError:
    missing = [name for name in needed if not isinstance(doc.get(name), str)]
    return StoreError(f"{path}: a document in {table!r} lacks {', '.join(missing)}; {ADVICE}")


def in_text_order(events: list[dict]) -> list[dict]:
    """Stored in text order, so the store can sort by day alone when it opens."""
    return sorted(events, key=lambda e: (e.get("start") or 0, e.get("end") or 0))


def text_digest(text: str) -> str:
    """A short fingerprint of a stored text, to tell which texts a shard's records were written with."""
    return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=8).hexdigest()


def bad_events(path: Path) -> StoreError:
    return StoreError(f"{path}: a document in 'events' is not an article's list of events; {ADVICE}")


class Corpus:
    def __init__(self, folder: Path, readonly: bool):
        self.folder = Path(folder)
        self.readonly = readonly
        self.pending: dict[str, dict] | None = None  # shard -> records to read instead (read-only, a cut write finished in memory)
        self.settled: list[str] = []  # one line per cut write finished or undone by `settle`

    def corpus_path(self, shard: str) -> Path:
        return self.folder / "corpus" / f"{shard}.json"

    def pending_path(self, shard: str) -> Path:
        return self.folder / "corpus" / f"{shard}.pending.json"

    def texts_path(self, shard: str) -> Path:
        return self.folder / "texts" / f"{shard}.json"

    def load(self) -> tuple[dict[str, dict], list[tuple[Path, str, str, list[dict]]]]:
        """All article metadata by id, and each article's events as (shard path, article_id, extractor, events).

        A shard that does not parse, or holds documents of the wrong shape, is refused
        (the events themselves are checked as they are served, to touch them only once).
        """
        articles: dict[str, dict] = {}
        groups: list[tuple[Path, str, str, list[dict]]] = []
        if self.pending is None:
            self.settle()
        for shard in SHARDS:
            path = self.corpus_path(shard)
            data = self.pending.get(shard) or AtomicJSONStorage(path, readonly=True).read() or {}
            docs = list(data.get("articles", {}).values())
            loaded = {doc.get("id"): doc for doc in docs}
            if len(loaded) != len(docs) or not all(type(key) is str for key in loaded):
                bad = next((doc for doc in docs if type(doc.get("id")) is not str), None)
                if bad is None:
                    raise StoreError(f"{path}: two articles share an id; {ADVICE}")
                raise _refuse_doc(path, "articles", bad, ("id",))
            odd = next((doc for doc in docs if any(not isinstance(doc.get(k) or "", str) for k in ("published", "path", "name", "source", "title"))), None)
            if odd is not None:
                raise StoreError(f"{path}: article {odd['id']} has a field of the wrong type; {ADVICE}")
            articles.update(loaded)
            for doc in data.get("events", {}).values():
                events = doc.get("events")
                if not (type(doc.get("article_id")) is str and type(events) is list):
                    raise bad_events(path)
                groups.append((path, doc["article_id"], doc.get("extractor"), events))
        return articles, groups

    def load_texts(self, shard: str) -> dict[str, str]:
        path = self.texts_path(shard)
        data = AtomicJSONStorage(path, readonly=True).read() or {}
        texts = {}
        for doc in data.get("texts", {}).values():
            if not (isinstance(doc.get("article"), str) and isinstance(doc.get("text"), str)):
                raise _refuse_doc(path, "texts", doc, ("article", "text"))
            texts[doc["article"]] = doc["text"]
        return texts

    # -- writing: records pending, texts, commit (see the module docstring) --------------

    def write_shard(self, shard: str, articles: list[dict], events: dict[str, list[dict]], texts: dict[str, str]) -> None:
        """Replace the shard's texts and records as one step: a kill anywhere leaves the old or the new, never a mix.

        `events` maps each article id to its raw events (the extractor's fields and `id`).
        On an error (disk full) before the commit both files stay as they were.
        """
        for sub in ("corpus", "texts"):
            (self.folder / sub).mkdir(parents=True, exist_ok=True)
        pending = self.pending_path(shard)
        AtomicJSONStorage(pending).write(records_doc(articles, events, texts))
        try:
            AtomicJSONStorage(self.texts_path(shard)).write(
                {"texts": {str(i): {"article": aid, "text": text} for i, (aid, text) in enumerate(sorted(texts.items()), 1)}}
            )
        except BaseException:
            _drop(pending)  # the texts were not replaced: the records on disk still match them
            raise
        self._commit(shard)

    def _commit(self, shard: str) -> None:
        """The one rename that makes a shard's new records (and so its new texts) the store's."""
        os.replace(self.pending_path(shard), self.corpus_path(shard))
        fsync_dir(self.corpus_path(shard).parent)

    # -- opening after a kill: finish or undo a cut write -----------------------------------

    def settle(self) -> list[str]:
        """Finish (texts replaced) or undo (texts not replaced) each write a kill cut short; one line each.

        Read-only, nothing is touched: the records that match the texts are read instead.
        """
        self.pending = {}
        self.settled = []
        for shard in SHARDS:
            if os.path.lexists(self.pending_path(shard)):
                self._settle_shard(shard)
        if not self.readonly:
            self._sweep_temporaries()
        return self.settled

    def _sweep_temporaries(self) -> None:
        """Remove the temporary files of writers that died before their rename (never committed, never
        acknowledged): left there, every kill would leave a shard-sized file behind."""
        for sub in ("corpus", "texts"):
            try:
                names = os.listdir(self.folder / sub)
            except OSError:
                continue
            for name in names:
                found = TEMPORARY.match(name)
                if found and not _alive(int(found.group(1))):
                    _drop(self.folder / sub / name)

    def _settle_shard(self, shard: str) -> None:
        path = self.pending_path(shard)
        data = AtomicJSONStorage(path, readonly=True).read() or {}  # written whole (atomically): damage is refused
        try:
            finished = self._texts_match(shard, data)
        except StoreError:  # the texts are unreadable: nothing can be decided; the records on disk are served
            return
        if self.readonly:
            if finished:
                self.pending[shard] = data
            return
        if finished:
            self._commit(shard)
            self.settled.append(f"{self.corpus_path(shard)}: an update cut short was finished (its texts were written)")
        else:
            _drop(path)
            self.settled.append(f"{self.corpus_path(shard)}: an update cut short was undone (its texts were not written)")

    def _texts_match(self, shard: str, data: dict) -> bool:
        """Whether the texts on disk are those the pending records were written with (their digests)."""
        digests = {doc.get("article"): doc.get("digest") for doc in data.get("digests", {}).values()}
        texts = self.load_texts(shard)
        return bool(digests) and set(digests) == set(texts) and all(
            text_digest(text) == digests[aid] for aid, text in texts.items()
        )


def records_doc(articles: list[dict], events: dict[str, list[dict]], texts: dict[str, str]) -> dict:
    """A shard's records file: articles, their events in text order, and their texts' digests."""
    return {
        "articles": {str(i): {k: a.get(k) for k in ARTICLE_FIELDS} for i, a in enumerate(articles, 1)},
        "events": {
            str(i): {
                "article_id": a["id"], "extractor": a.get("extractor"),
                "events": [stored_event(e) for e in in_text_order(events.get(a["id"], []))],
            }
            for i, a in enumerate(articles, 1)
        },
        "digests": {str(i): {"article": aid, "digest": text_digest(text)} for i, (aid, text) in enumerate(sorted(texts.items()), 1)},
    }


def _alive(pid: int) -> bool:
    """Whether a process of that id runs (this one counts: its own writes may be under way)."""
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # someone else's process: alive
        return True
    return True


def _drop(path: Path) -> None:
    try:
        path.unlink()
    except OSError:
        pass


class TextCache:
    """Article texts, a few shards at a time: texts are read only when an article is shown."""

    def __init__(self, corpus: Corpus, shards_kept: int = 4):
        self.corpus = corpus
        self.shards_kept = shards_kept
        self._shards: OrderedDict[str, dict[str, str]] = OrderedDict()
        self.loads = 0  # shards read so far: what was checked against the texts before may be stale

    def shard(self, shard: str) -> dict[str, str]:
        texts = self._shards.get(shard)
        if texts is None:
            texts = self._shards[shard] = self.corpus.load_texts(shard)
            self.loads += 1
            while len(self._shards) > self.shards_kept:
                self._shards.popitem(last=False)
        self._shards.move_to_end(shard)
        return texts

    def text(self, article_id: str) -> str:
        return self.shard(shard_of(article_id)).get(article_id, "")

    def forget(self, shard: str) -> None:
        self._shards.pop(shard, None)
