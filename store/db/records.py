"""How a stored event becomes the served one: the article's fields joined, the analyst's overlay applied.

Served events are the stored dicts themselves, extended in place (one dict per event
keeps 100,000 events well inside the memory budget). `raw_fields` recovers exactly
what the extractor produced, for writing back to disk.
"""
from __future__ import annotations

from .corpus import CANDIDATE_FIELDS, EVENT_FIELDS
from .journal import CORRECTABLE


class ArticleRecord(dict):
    """Article metadata; `text` is read from its shard only when someone asks for it."""

    __slots__ = ("_load_text",)

    def __init__(self, fields: dict, load_text):
        super().__init__(fields)
        self._load_text = load_text

    def __missing__(self, key):
        if key == "text":
            return self._load_text(self["id"])
        raise KeyError(key)

    def get(self, key, default=None):
        if key == "text" and not super().__contains__("text"):
            return self._load_text(self["id"])
        return super().get(key, default)


def raw_value(event: dict, field: str):
    extracted = event.get("extracted") or {}
    return extracted[field] if field in extracted else event.get(field)


def raw_fields(event: dict) -> dict:
    raw = {field: raw_value(event, field) for field in EVENT_FIELDS}
    if event.get("candidate"):
        raw.update({field: event.get(field) for field in CANDIDATE_FIELDS})
    return raw


def article_fields(article: dict | None) -> dict:
    """What every served event takes from its article, plus an empty overlay."""
    article = article or {}
    return {
        "article": article.get("path") or article.get("name") or "", "published": article.get("published"),
        "outlet": article.get("source"), "note": None, "decision": None,
        # shared by the article's events until a correction gives one its own (never mutated in place)
        "corrected": {}, "extracted": {},
    }


def apply_overlay(event: dict, note: str | None, decision: dict) -> None:
    """Put the note, decision and corrections on the event; earlier corrections are undone first."""
    for field, value in (event.get("extracted") or {}).items():
        event[field] = value
    corrections = {
        field: value
        for field, value in (decision.get("corrections") or {}).items()
        if field in CORRECTABLE and event.get(field) != value
    }
    event["extracted"] = {field: event.get(field) for field in corrections}
    event.update(corrections)
    event["corrected"] = corrections
    event["note"] = note
    event["decision"] = decision.get("decision")
