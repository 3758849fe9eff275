"""Articles and events on disk: 16 TinyDB shard files by article id, texts kept apart.

Events and article metadata (`corpus/<x>.json`) are read whole on open; article texts
(`texts/<x>.json`) only when an article is shown. An ingest rewrites just the shards
it touched, each atomically.
"""
from __future__ import annotations

from pathlib import Path

from .errors import StoreError
from .storages import ADVICE, AtomicJSONStorage

SHARDS = "0123456789abcdef"
ARTICLE_FIELDS = ("id", "name", "path", "title", "source", "published", "url", "hash", "n_events", "ingested_at", "extractor")
EVENT_FIELDS = (
    "id", "article_id", "type", "actor", "actor_text", "crossing", "side", "crossing_text",
    "date", "date_text", "hedged", "source", "sentence", "start", "end", "extractor",
)


def shard_of(article_id: str) -> str:
    head = article_id[:1].lower()
    return head if head in SHARDS else "0"


def _refuse_doc(path: Path, table: str, doc: dict, needed: tuple) -> StoreError:
    missing = [name for name in needed if not isinstance(doc.get(name), str)]
    return StoreError(f"{path}: a document in {table!r} lacks {', '.join(missing)}; {ADVICE}")


class Corpus:
    def __init__(self, folder: Path, readonly: bool):
        self.folder = Path(folder)
        self.readonly = readonly

    def corpus_path(self, shard: str) -> Path:
        return self.folder / "corpus" / f"{shard}.json"

    def texts_path(self, shard: str) -> Path:
        return self.folder / "texts" / f"{shard}.json"

    def load(self) -> tuple[dict[str, dict], dict[str, dict]]:
        """All article metadata and all events, keyed by id; a shard that does not parse is refused."""
        articles: dict[str, dict] = {}
        events: dict[str, dict] = {}
        for shard in SHARDS:
            path = self.corpus_path(shard)
            data = AtomicJSONStorage(path, readonly=True).read() or {}
            for doc in data.get("articles", {}).values():
                if not isinstance(doc.get("id"), str):
                    raise _refuse_doc(path, "articles", doc, ("id",))
                articles[doc["id"]] = doc
            for doc in data.get("events", {}).values():
                if not (isinstance(doc.get("id"), str) and isinstance(doc.get("article_id"), str)):
                    raise _refuse_doc(path, "events", doc, ("id", "article_id"))
                events[doc["id"]] = doc
        return articles, events

    def load_texts(self, shard: str) -> dict[str, str]:
        path = self.texts_path(shard)
        data = AtomicJSONStorage(path, readonly=True).read() or {}
        texts = {}
        for doc in data.get("texts", {}).values():
            if not (isinstance(doc.get("article"), str) and isinstance(doc.get("text"), str)):
                raise _refuse_doc(path, "texts", doc, ("article", "text"))
            texts[doc["article"]] = doc["text"]
        return texts

    def write_shard(self, shard: str, articles: list[dict], events: list[dict], texts: dict[str, str]) -> None:
        """Texts first, then metadata and events: a reader never sees an article without its text."""
        for sub in ("corpus", "texts"):
            (self.folder / sub).mkdir(parents=True, exist_ok=True)
        AtomicJSONStorage(self.texts_path(shard)).write(
            {"texts": {str(i): {"article": aid, "text": text} for i, (aid, text) in enumerate(sorted(texts.items()), 1)}}
        )
        AtomicJSONStorage(self.corpus_path(shard)).write(
            {
                "articles": {str(i): {k: a.get(k) for k in ARTICLE_FIELDS} for i, a in enumerate(articles, 1)},
                "events": {str(i): {k: e.get(k) for k in EVENT_FIELDS} for i, e in enumerate(events, 1)},
            }
        )
