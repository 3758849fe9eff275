"""Stable ids: an article keeps the id of its first content; an event keeps its id across re-extraction.

An event id hashes what an analyst would call "the same event": the article, the
sentence's words, the event type and the crossing. Offsets, run order and the actor
(which an improved extractor may correct) are left out, so notes stay attached.
"""
from __future__ import annotations

import hashlib
from collections import defaultdict


def content_hash(text: str) -> str:
    """Hash of the decoded text, so one report saved in two encodings is one duplicate."""
    normalised = text.replace("\r\n", "\n").replace("\r", "\n")
    return hashlib.sha256(normalised.encode("utf-8")).hexdigest()


def article_id(text_hash: str) -> str:
    return text_hash[:12]


def _words(sentence: str) -> str:
    return " ".join(sentence.split()).casefold()


def base_event_id(article: str, event: dict) -> str:
    key = "\x1f".join((article, _words(event.get("sentence") or ""), event.get("type") or "", event.get("crossing") or ""))
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:16]


def event_ids(article: str, events: list[dict]) -> list[str]:
    """One id per event; repeats of the same key get `-2`, `-3`... in text order."""
    order = sorted(range(len(events)), key=lambda i: (events[i].get("start") or 0, events[i].get("end") or 0, i))
    seen: dict[str, int] = defaultdict(int)
    ids = [""] * len(events)
    for i in order:
        base = base_event_id(article, events[i])
        seen[base] += 1
        ids[i] = base if seen[base] == 1 else f"{base}-{seen[base]}"
    return ids
