"""An invented report with one event and two candidates (a crossing and an event word, no actor), for the candidate tests."""
from __future__ import annotations

from pathlib import Path

REPORT = """---
title: Fighting at the border
source: Invented Wire
published: 2016-03-10
---
Islamic State fighters attacked the Al-Waleed crossing on March 1, 2016.

The Rabia crossing was captured on March 2, 2016.

The Tanf crossing was seized on March 4, 2016, after a day of fighting.
"""
RABIA = "The Rabia crossing was captured on March 2, 2016."
TANF = "The Tanf crossing was seized on March 4, 2016, after a day of fighting."


def write_report(folder: Path, name: str = "border.txt", extra: str = "") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(REPORT + extra, encoding="utf-8")
    return path


def by_sentence(events, sentence: str) -> dict:
    return next(e for e in events if e["sentence"] == sentence)
