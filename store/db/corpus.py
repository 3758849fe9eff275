"""Articles and events on disk: 16 TinyDB shard files by article id, texts kept apart.

Events and article metadata (`corpus/<x>.json`) are read whole on open; article texts
(`texts/<x>.json`) only when an article is shown. An ingest rewrites just the shards
it touched, each atomically. The `events` table holds one document per article
(`article_id`, `extractor`, `events`: a list), since one extraction makes them all.
"""
from __future__ import annotations

from collections import OrderedDict
from pathlib import Path

from .errors import StoreError
from .storages import ADVICE, AtomicJSONStorage

SHARDS = "0123456789abcdef"
ARTICLE_FIELDS = ("id", "name", "path", "title", "source", "published", "url", "hash", "n_events", "ingested_at", "extractor")
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


def bad_events(path: Path) -> StoreError:
    return StoreError(f"{path}: a document in 'events' is not an article's list of events; {ADVICE}")


class Corpus:
    def __init__(self, folder: Path, readonly: bool):
        self.folder = Path(folder)
        self.readonly = readonly

    def corpus_path(self, shard: str) -> Path:
        return self.folder / "corpus" / f"{shard}.json"

    def texts_path(self, shard: str) -> Path:
        return self.folder / "texts" / f"{shard}.json"

    def load(self) -> tuple[dict[str, dict], list[tuple[Path, str, str, list[dict]]]]:
        """All article metadata by id, and each article's events as (shard path, article_id, extractor, events).

        A shard that does not parse, or holds documents of the wrong shape, is refused
        (the events themselves are checked as they are served, to touch them only once).
        """
        articles: dict[str, dict] = {}
        groups: list[tuple[Path, str, str, list[dict]]] = []
        for shard in SHARDS:
            path = self.corpus_path(shard)
            data = AtomicJSONStorage(path, readonly=True).read() or {}
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

    def write_shard(self, shard: str, articles: list[dict], events: dict[str, list[dict]], texts: dict[str, str]) -> None:
        """Texts first, then metadata and events: a reader never sees an article without its text.

        `events` maps each article id to its raw events (the extractor's fields and `id`).
        """
        for sub in ("corpus", "texts"):
            (self.folder / sub).mkdir(parents=True, exist_ok=True)
        AtomicJSONStorage(self.texts_path(shard)).write(
            {"texts": {str(i): {"article": aid, "text": text} for i, (aid, text) in enumerate(sorted(texts.items()), 1)}}
        )
        AtomicJSONStorage(self.corpus_path(shard)).write(
            {
                "articles": {str(i): {k: a.get(k) for k in ARTICLE_FIELDS} for i, a in enumerate(articles, 1)},
                "events": {
                    str(i): {
                        "article_id": a["id"], "extractor": a.get("extractor"),
                        "events": [stored_event(e) for e in in_text_order(events.get(a["id"], []))],
                    }
                    for i, a in enumerate(articles, 1)
                },
            }
        )


class TextCache:
    """Article texts, a few shards at a time: texts are read only when an article is shown."""

    def __init__(self, corpus: Corpus, shards_kept: int = 4):
        self.corpus = corpus
        self.shards_kept = shards_kept
        self._shards: OrderedDict[str, dict[str, str]] = OrderedDict()

    def shard(self, shard: str) -> dict[str, str]:
        texts = self._shards.get(shard)
        if texts is None:
            texts = self._shards[shard] = self.corpus.load_texts(shard)
            while len(self._shards) > self.shards_kept:
                self._shards.popitem(last=False)
        self._shards.move_to_end(shard)
        return texts

    def text(self, article_id: str) -> str:
        return self.shard(shard_of(article_id)).get(article_id, "")

    def forget(self, shard: str) -> None:
        self._shards.pop(shard, None)
