"""Helpers for the store tests (no tests here): a small stand-in extractor and store builders.

The stand-in finds "<crossing> ... <verb>" sentences with a regex, so store tests do
not depend on how good the real extractor is today; tests that exercise the real one
say so.
"""
from __future__ import annotations

import re
from pathlib import Path

from store.extract import Extraction

CROSSINGS = {"al waleed": "al-waleed", "al qaim": "al-qaim", "rabia": "rabia", "albu kamal": "al-qaim", "trebil": "trebil", "tanf": "al-waleed"}
VERBS = {"seized": "captured", "took": "captured", "retaken": "captured", "held": "holds", "controls": "holds", "withdrew": "withdrew", "closed": "closed", "attack": "attacked"}
ACTORS = {"militants": "militants", "islamic state": "islamic-state", "isis": "islamic-state", "army": "iraq-gov", "forces": "iraq-gov"}
SENTENCE = re.compile(r"[^.!?\n]+[.!?]?")


def front_matter(raw: str) -> tuple[dict, str]:
    meta = {"title": None, "source": None, "published": None, "url": None}
    if raw.startswith("---\n") and "\n---\n" in raw[4:]:
        head, body = raw[4:].split("\n---\n", 1)
        for line in head.splitlines():
            key, _, value = line.partition(":")
            if key.strip() in meta:
                meta[key.strip()] = value.strip() or None
        return meta, body
    return meta, raw


def fake_extract(raw: str, published=None) -> Extraction:
    meta, text = front_matter(raw)
    events = []
    for match in SENTENCE.finditer(text):
        sentence = match.group().strip()
        low = sentence.lower()
        crossing = next((cid for name, cid in CROSSINGS.items() if name in low), None)
        verb = next((t for word, t in VERBS.items() if word in low), None)
        if not crossing or not verb:
            continue
        start = match.start() + match.group().index(sentence)
        actor_text = next((name for name in ACTORS if name in low), None)
        events.append({
            "type": verb, "actor": ACTORS.get(actor_text), "actor_text": actor_text, "crossing": crossing, "side": None,
            "crossing_text": crossing, "date": meta["published"], "date_text": None, "hedged": "said" in low,
            "source": None, "sentence": sentence, "start": start, "end": start + len(sentence),
        })
    return Extraction(text=text, meta=meta, events=events)


def use_fake_extractor(monkeypatch) -> None:
    import store.ingest

    monkeypatch.setattr(store.ingest, "extract_article", fake_extract)


def write_article(folder: Path, name: str, body: str, published: str = "2014-06-24", title: str = "Report") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(f"---\ntitle: {title}\nsource: Test Wire\npublished: {published}\n---\n{body}\n", encoding="utf-8")
    return path
