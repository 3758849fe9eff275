"""A real on-disk store of the five bundled reports with hand-labelled events (tests/data/status_reports.json).

It lets the status tests run on the real reports and the real Store while the
extractor is still being built; test_status_bundled also runs the real pipeline.
"""
from __future__ import annotations

import json
import re
from pathlib import Path

from store import ids
from store.db import Store

HERE = Path(__file__).resolve().parent
ARTICLES = HERE.parent / "data" / "articles"
FIELDS = ("type", "actor", "crossing", "side", "date", "snippet", "source", "hedged", "date_text")


def _front_matter(raw: str) -> tuple[dict, str]:
    _, front, body = raw.split("---", 2)
    meta = dict(line.split(": ", 1) for line in front.strip().splitlines())
    return meta, body.lstrip("\n")


def _sentence_around(text: str, start: int, end: int) -> tuple[int, int]:
    """Widen [start, end) to the sentence: back to the previous full stop or line break, on to the next."""
    stops = list(re.finditer(r"[.!?][\"”’]?\s+|\n", text[:start]))
    left = stops[-1].end() if stops else 0
    match = re.compile(r"[.!?][\"”’]?(?=\s|$)|\n").search(text, end)
    right = match.end() if match and match.group() != "\n" else (match.start() if match else len(text))
    return left, right


def labelled_articles() -> list[tuple[dict, list[dict], str]]:
    labels = json.loads((HERE / "data" / "status_reports.json").read_text(encoding="utf-8"))["articles"]
    out = []
    for path in sorted(ARTICLES.glob("*.txt")):
        meta, text = _front_matter(path.read_text(encoding="utf-8"))
        text_hash = ids.content_hash(text)
        article_id = ids.article_id(text_hash)
        events = []
        for row in labels[path.name[:3]]:
            label = dict(zip(FIELDS, row))
            words = label.pop("snippet").split()
            found = re.search(r"\s+".join(re.escape(w) for w in words), text)  # the reports hold non-breaking spaces
            assert found, f"snippet not found in {path.name}: {row}"
            start, end = _sentence_around(text, found.start(), found.end())
            label.setdefault("date_text", None)
            label.update(sentence=text[start:end], start=start, end=end, actor_text=None, crossing_text=None,
                         extractor="hand")
            events.append(label)
        for event, event_id in zip(events, ids.event_ids(article_id, events)):
            event.update(id=event_id, article_id=article_id)
        article = {
            "id": article_id, "name": path.name, "path": str(path), "title": meta.get("title"), "source": meta.get("source"),
            "published": meta.get("published"), "url": None, "hash": text_hash, "n_events": len(events),
            "ingested_at": None, "extractor": "hand",
        }
        out.append((article, events, text))
    return out


def labelled_store(folder) -> Store:
    store = Store.open(folder)
    store.replace_articles(labelled_articles())
    return store
