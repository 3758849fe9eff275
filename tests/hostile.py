"""Shared helpers for the hostile-input tests: fixture paths and what "safe" means on screen."""
from __future__ import annotations

from datetime import date
from pathlib import Path

from hypothesis import strategies as st

HOSTILE = Path(__file__).resolve().parent / "data" / "hostile"

MARKUP = ("[bold red]", "[link=file:///etc/passwd]", "[@click=app.quit]")
# Code points that must never reach a terminal: C0 (bar tab/newline), DEL, C1, bidi overrides.
FORBIDDEN = {chr(c) for c in range(32) if chr(c) not in "\t\n"} | {chr(c) for c in range(0x7F, 0xA0)}
FORBIDDEN |= {chr(c) for c in range(0x202A, 0x202F)} | {chr(c) for c in range(0x2066, 0x206A)}
FORBIDDEN |= {chr(c) for c in range(0xD800, 0xE000)}  # lone surrogates: no terminal encoding can write them


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


# Fragments that steer hypothesis towards text the extractor actually works on.
WORDS = [
    "Sunni Arab militants", "Islamic State", "the Iraqi army", "YPG", "Peshmerga", "rebels",
    "seized", "captured", "withdrew from", "attacked", "controls", "closed", "reopened", "did not capture",
    "reportedly", "according to officials", "was captured by", "fell to", "while",
    "the Al Waleed border post", "the Al-Qaim crossing", "Rabia", "Albu Kamal", "the crossing", "it",
    "the two crossings", "Trebil", "Bab al-Hawa", "the town of Al Qaim",
    "on Sunday", "yesterday", "today", "June 22, 2014", "Nov. 25", "last week", "Feb. 30", "on Monday",
    "U.S.", "Lt. Gen.", "officers said", ".", ",", "!", "?", "\n", "\n\n", '"', "“", "”", " ",
    "---\n", "title: x\n", "published: 2014-06-24\n", "published: not a date\n", "source: [bold]AFP[/]\n",
    "[bold red]", "[/]", "\x1b[2J", "\x1b]52;c;AAAA\x07", "\x00", "\u202e", "\r\n", "\r", "\t", "\xa0",
    "June 24, 2014 - 5:02:35 am", "May 25th, 2015", "Send your comments", "All rights reserved",
]
newsish = st.lists(st.sampled_from(WORDS), max_size=80).map(" ".join)
any_text = st.one_of(st.text(max_size=400), newsish, st.lists(st.one_of(st.sampled_from(WORDS), st.text(max_size=6)), max_size=60).map("".join))
days = st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31))
