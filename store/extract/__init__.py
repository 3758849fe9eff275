"""Extraction: a pure function from an article's raw text to its cleaned text and events.

Public interface (the rest of Crosswatch depends only on this):

    extract_article(raw: str, published: str | date | None = None) -> Extraction
    EXTRACTOR_VERSION: str

`Extraction.text` is the cleaned article text the article pane shows; every event's
`start`/`end` index into it. `Extraction.meta` holds title, source, published (ISO date
or None), url, and `capped` (True when the article reached MAX_EVENTS and the rest was not read). `Extraction.events` are dicts with the fields of EVENTS.md except
`article`, which the caller adds. `Extraction.candidates` are what the rules could not
resolve fully (type and crossing known, actor unknown): the same fields with `actor` null,
`candidate: true`, `missing` (the fields an analyst must fill) and `confidence` (0-1). They are
kept apart from the events, for the analyst's review queue.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from store.extract.pipeline import extract

EXTRACTOR_VERSION = "1.8"


@dataclass
class Extraction:
    text: str
    meta: dict
    events: list[dict] = field(default_factory=list)
    candidates: list[dict] = field(default_factory=list)


def extract_article(raw: str, published=None) -> Extraction:
    """Clean `raw`, read its front matter, and extract its events.

    `published` (ISO string or date) overrides the file's own publication date.
    """
    text, meta, events, candidates = extract(raw, published)
    return Extraction(text=text, meta=meta, events=events, candidates=candidates)
