"""Independent sources: syndicated copies of one story, and one outlet's articles, count once.

Two articles are copies of one story when most of the word 5-grams of the opening of
one (its first 200 words, the lede, where wire copy is reprinted verbatim) occur in the
other. The lede, not the whole text, because reprints trail different site furniture:
on the bundled reports the AFP pair (003, 004) share 80% of a lede, two different Long
War Journal stories (000, 001) that reuse a background paragraph share 15%.

An outlet's name is reduced to the outlet that wrote the story: "The Peninsula (AFP)"
is AFP (a wire agency in brackets), "Long War Journal (reposted by MESOP)" is Long War
Journal. An article's independent source is then its outlet, or for a copy its original's outlet.
"""
from __future__ import annotations

import re
import zlib
from datetime import date

from .status_rules import status_rules

SHINGLE = 5
LEDE_WORDS = 200
COPY_THRESHOLD = 0.5
_WORD = re.compile(r"\w+")
_BRACKET = re.compile(r"^(.*?)\s*\(([^()]*)\)\s*$")


def shingles(words: list[str], k: int = SHINGLE) -> set[tuple[str, ...]]:
    return set(zip(*(words[i:] for i in range(k))))


def words_of(text: str) -> list[str]:
    return _WORD.findall((text or "").lower())


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


SAMPLE = 8  # keep one 5-gram hash in 8 (by value) for a quick estimate before the exact count
PREFILTER = 0.35


def _sample(hashes: set[int]) -> set[int]:
    return {h for h in hashes if h % SAMPLE == 0}


class _Fingerprints:
    """Lede and full-text 5-gram hashes per article (exact, and sampled), kept while the article is in the window."""

    def __init__(self, texts: dict[str, str]):
        self.texts = texts
        self.cache: dict[str, tuple[set[int], set[int], set[int], set[int]]] = {}
        self.words: dict[str, int] = {}

    def of(self, aid: str) -> tuple[set[int], set[int], set[int], set[int]]:
        got = self.cache.get(aid)
        if got is None:
            words = self._ids(words_of(self.texts.get(aid) or ""))
            full = list(map(hash, zip(*(words[i:] for i in range(SHINGLE)))))
            lede, every = set(full[: max(0, LEDE_WORDS - SHINGLE + 1)]), set(full)
            got = (lede, every, _sample(lede), _sample(every))
            self.cache[aid] = got
        return got

    def _ids(self, words: list[str]) -> list[int]:
        """A stable number per word: hashes of int tuples, unlike of str, are the same in every run."""
        known = self.words
        for word in set(words).difference(known):
            known[word] = zlib.crc32(word.encode("utf-8"))
        return list(map(known.__getitem__, words))

    def forget(self, keep: set[str]) -> None:
        for aid in [a for a in self.cache if a not in keep]:
            del self.cache[aid]


def _share(lede: set[int], full: set[int], lede_s: set[int], full_s: set[int]) -> float:
    """Share of the lede's 5-grams in the other text: estimated from samples, counted exactly when close."""
    if not lede:
        return 0.0
    if len(lede_s) >= 8 and len(lede_s & full_s) / len(lede_s) < PREFILTER:
        return 0.0
    return len(lede & full) / len(lede)


def _overlap(a, b) -> float:
    return max(_share(a[0], b[1], a[2], b[3]), _share(b[0], a[1], b[2], a[3]))


def syndication(articles: list[dict], window_days: int | None = None) -> dict[str, str | None]:
    """article id -> id of the earliest-published article it copies (None for an original).

    Copies are looked for among articles published within `syndication_window_days` of each
    other (wire copy is reprinted within days; this keeps a 10,000-article store fast) and
    among articles without a publication date.
    """
    window = status_rules().syndication_window_days if window_days is None else window_days
    order = sorted(articles, key=lambda a: (a.get("published") or "9999", a["id"]))
    # texts read in id order: a store keeps them in shards by id, so each shard is read once
    prints = _Fingerprints({a["id"]: a.get("text") or "" for a in sorted(articles, key=lambda a: a["id"])})
    original: dict[str, str | None] = {}
    recent: list[tuple[date | None, str]] = []
    for art in order:
        aid, day = art["id"], _day(art.get("published"))
        recent = [(d, r) for d, r in recent if d is None or day is None or (day - d).days <= window]
        prints.forget({r for _, r in recent} | {aid})
        original[aid] = None
        mine = prints.of(aid)
        for _, earlier in recent:
            if original[earlier] is None and _overlap(mine, prints.of(earlier)) >= COPY_THRESHOLD:
                original[aid] = earlier
                break
        recent.append((day, aid))
    return original


def _day(value) -> date | None:
    try:
        return date.fromisoformat(str(value)[:10]) if value else None
    except ValueError:
        return None


def source_groups(articles: list[dict], copies: dict[str, str | None] | None = None) -> dict[str, str]:
    """article id -> independent source: the outlet that wrote the story (a copy: its original's).

    Copies are not chained into outlets: one AFP story reprinted by Arab Today puts that
    article under AFP, not every Arab Today article.
    """
    copies = syndication(articles) if copies is None else copies
    by_id = {a["id"]: a for a in articles}

    def key(article_id: str) -> str:
        article = by_id[copies.get(article_id) or article_id]
        return outlet_key(article.get("source") or article.get("outlet")) or f"article:{article['id']}"

    return {a["id"]: key(a["id"]) for a in articles}
