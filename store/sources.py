"""Independent sources: syndicated copies of one story, and one outlet's articles, count once.

Two articles are copies of one story when most of the word 5-grams of the opening of
one (its first 200 words, the lede, where wire copy is reprinted verbatim) occur in the
other. The lede, not the whole text, because reprints trail different site furniture:
on the bundled reports the AFP pair (003, 004) share 80% of a lede, two different Long
War Journal stories (000, 001) that reuse a background paragraph share 15%.

An outlet's name is reduced to the outlet that wrote the story: "The Peninsula (AFP)"
is AFP (a wire agency in brackets), "Long War Journal (reposted by MESOP)" is Long War
Journal. Articles are then joined into sources when they are copies or share an outlet.
"""
from __future__ import annotations

import re
from collections.abc import Iterable

from .status_rules import status_rules

SHINGLE = 5
LEDE_WORDS = 200
COPY_THRESHOLD = 0.5
_WORD = re.compile(r"\w+")
_BRACKET = re.compile(r"^(.*?)\s*\(([^()]*)\)\s*$")


def shingles(words: list[str], k: int = SHINGLE) -> set[tuple[str, ...]]:
    return {tuple(words[i : i + k]) for i in range(len(words) - k + 1)}


def words_of(text: str) -> list[str]:
    return _WORD.findall((text or "").lower())


def lede_overlap(lede_words: list[str], other: set[tuple[str, ...]]) -> float:
    """Share of the lede's 5-grams found anywhere in the other text."""
    lede = shingles(lede_words[:LEDE_WORDS])
    return len(lede & other) / len(lede) if lede else 0.0


def copies(a_text: str, b_text: str) -> bool:
    a, b = words_of(a_text), words_of(b_text)
    return max(lede_overlap(a, shingles(b)), lede_overlap(b, shingles(a))) >= COPY_THRESHOLD


def outlet_key(outlet: str | None) -> str | None:
    """The outlet that wrote the story, lower case; None when unknown."""
    if not outlet or not outlet.strip():
        return None
    name = " ".join(outlet.split())
    match = _BRACKET.match(name)
    if match:
        base, inner = match.group(1).strip(), match.group(2).strip()
        if inner.lower().startswith(("reposted by", "via", "republished by")):
            name = base
        elif inner.lower() in status_rules().wire_agencies:
            name = inner
        else:
            name = base or inner
    return name.lower()


class _Union:
    def __init__(self, items: Iterable[str]):
        self.parent = {item: item for item in items}

    def find(self, item: str) -> str:
        while self.parent[item] != item:
            self.parent[item] = self.parent[self.parent[item]]
            item = self.parent[item]
        return item

    def join(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def syndication(articles: list[dict]) -> dict[str, str | None]:
    """article id -> id of the earliest-published article it copies (None for an original)."""
    order = sorted(articles, key=lambda a: (a.get("published") or "9999", a["id"]))
    texts = {a["id"]: words_of(a.get("text") or "") for a in order}
    grams = {aid: shingles(ws) for aid, ws in texts.items()}
    original: dict[str, str | None] = {}
    for i, art in enumerate(order):
        aid = art["id"]
        original[aid] = None
        for earlier in order[:i]:
            eid = earlier["id"]
            if original[eid] is None and max(
                lede_overlap(texts[aid], grams[eid]), lede_overlap(texts[eid], grams[aid])
            ) >= COPY_THRESHOLD:
                original[aid] = eid
                break
    return original


def source_groups(articles: list[dict]) -> dict[str, str]:
    """article id -> independent source key (copies and same-outlet articles share one key)."""
    union = _Union(a["id"] for a in articles)
    for aid, orig in syndication(articles).items():
        if orig:
            union.join(aid, orig)
    by_outlet: dict[str, str] = {}
    for art in articles:
        key = outlet_key(art.get("source") or art.get("outlet"))
        if key is None:
            continue
        if key in by_outlet:
            union.join(art["id"], by_outlet[key])
        else:
            by_outlet[key] = art["id"]
    return {a["id"]: union.find(a["id"]) for a in articles}
