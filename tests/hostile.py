"""Shared helpers for the hostile-input tests: fixture paths and what "safe" means on screen."""
from __future__ import annotations

from pathlib import Path

import pytest

HOSTILE = Path(__file__).resolve().parent / "data" / "hostile"

MARKUP = ("[bold red]", "[link=file:///etc/passwd]", "[@click=app.quit]")
# Code points that must never reach a terminal: C0 (bar tab/newline), DEL, C1, bidi overrides.
FORBIDDEN = {chr(c) for c in range(32) if chr(c) not in "\t\n"} | {chr(c) for c in range(0x7F, 0xA0)}
FORBIDDEN |= {chr(c) for c in range(0x202A, 0x202F)} | {chr(c) for c in range(0x2066, 0x206A)}


def forbidden_in(text: str) -> list[str]:
    """The forbidden characters found in `text`, as readable escapes (empty when clean)."""
    return sorted({repr(ch) for ch in text if ch in FORBIDDEN})


def hostile(name: str) -> Path:
    path = HOSTILE / name
    assert path.is_file(), f"missing fixture {path}; run tests/data/hostile/generate.py"
    return path


def big_file(path: Path, megabytes: float, one_line: bool = False) -> Path:
    """A report padded to `megabytes` of real-looking text (one line if asked), written at test time."""
    sentence = (
        "Sunni Arab militants have seized the Al-Waleed border post between Iraq and Syria, "
        "officers said on Monday. "
    )
    repeat = int(megabytes * 1_000_000 / len(sentence)) + 1
    sep = "" if one_line else "\n"
    with path.open("w", encoding="utf-8") as handle:
        handle.write("---\ntitle: Big\npublished: 2014-06-23\n---\n")
        for _ in range(repeat):
            handle.write(sentence + sep)
    return path


def extractor_finds_events() -> bool:
    """False while `store.extract` is still the skeleton (no events on a bundled report)."""
    from store.extract import extract_article

    report = Path(__file__).resolve().parent.parent / "data" / "articles" / "004_13ff700055651627.txt"
    return bool(extract_article(report.read_text(encoding="utf-8")).events)


needs_extractor = pytest.mark.skipif(not extractor_finds_events(), reason="the extractor is not built yet")
