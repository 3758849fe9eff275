"""Extraction: a pure function from an article's raw text to its cleaned text and events.

Public interface (the rest of Crosswatch depends only on this):

    extract_article(raw: str, published: str | date | None = None) -> Extraction
    EXTRACTOR_VERSION: str

`Extraction.text` is the cleaned article text the article pane shows; every event's
`start`/`end` index into it. `Extraction.meta` holds title, source, published (ISO date
or None), url. `Extraction.events` are dicts with the fields of EVENTS.md except
`article`, which the caller adds.
"""
from __future__ import annotations

from dataclasses import dataclass, field

EXTRACTOR_VERSION = "0.0-skeleton"


@dataclass
class Extraction:
    text: str
    meta: dict
    events: list[dict] = field(default_factory=list)


def extract_article(raw: str, published=None) -> Extraction:  # replaced by the real engine
    return Extraction(text=raw, meta={"title": None, "source": None, "published": published, "url": None}, events=[])
