"""Independent sources: syndicated copies of one story, and one outlet's articles, count once.

Two articles are copies of one story when most of the word 5-grams of the opening of
one (its first 200 words, the lede, where wire copy is reprinted verbatim) occur in the
other. The lede, not the whole text, because reprints trail different site furniture:
on the bundled reports the AFP pair (003, 004) share 80% of a lede, two different Long
War Journal stories (000, 001) that reuse a background paragraph share 15%. The 5-grams
come from store.shingles; a sample of them (one in 8) tells most pairs apart, and the
share is counted exactly only when the sample comes within PREFILTER of it.

An outlet's name is reduced to the outlet that wrote the story: "The Peninsula (AFP)"
is AFP (a wire agency in brackets), "Long War Journal (reposted by MESOP)" is Long War
Journal. An article's independent source is then its outlet, or for a copy its original's outlet.
"""
from __future__ import annotations

import re
from datetime import date

from .shingles import Shingles
from .status_rules import status_rules

COPY_THRESHOLD = 0.5
_BRACKET = re.compile(r"^(.*?)\s*\(([^()]*)\)\s*$")


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


PREFILTER = 0.35  # a sampled share below this: not a copy, without counting exactly
MIN_SAMPLE = 8  # fewer sampled 5-grams in a lede: counted exactly


class _Prints:
    """Each article's 5-grams (store.shingles), kept while the article is in the window."""

    def __init__(self, texts: dict[str, str]):
        self.texts = texts
        self.numbers: dict[bytes, int] = {}
        self.cache: dict[str, Shingles] = {}

    def of(self, aid: str) -> Shingles:
        got = self.cache.get(aid)
        if got is None:
            got = self.cache[aid] = Shingles(self.texts.get(aid) or "", self.numbers)
        return got

    def forget(self, keep: set[str]) -> None:
        for aid in [a for a in self.cache if a not in keep]:
            del self.cache[aid]


def _share(a: Shingles, b: Shingles) -> float:
    """Share of a's lede 5-grams that occur in b: estimated from the samples, counted exactly when close."""
    if not a.hashes:  # fewer than five words
        return 0.0
    sample = a.lede_sample
    if len(sample) >= MIN_SAMPLE and len(sample & b.sample) / len(sample) < PREFILTER:
        return 0.0
    return len(a.lede & b.every) / len(a.lede)


def is_copy(a: Shingles, b: Shingles) -> bool:
    """One article's lede is mostly found in the other (either way round)."""
    return _share(a, b) >= COPY_THRESHOLD or _share(b, a) >= COPY_THRESHOLD


def syndication(articles: list[dict], window_days: int | None = None) -> dict[str, str | None]:
    """article id -> id of the earliest-published article it copies (None for an original).

    Copies are looked for among articles published within `syndication_window_days` of each
    other (wire copy is reprinted within days; this keeps a 10,000-article store fast) and
    among articles without a publication date.
    """
    window = status_rules().syndication_window_days if window_days is None else window_days
    order = sorted(articles, key=lambda a: (a.get("published") or "9999", a["id"]))
    # texts read in id order: a store keeps them in shards by id, so each shard is read once
    prints = _Prints({a["id"]: a.get("text") or "" for a in sorted(articles, key=lambda a: a["id"])})
    original: dict[str, str | None] = {}
    recent: list[tuple[date | None, str]] = []
    for art in order:
        aid, day = art["id"], _day(art.get("published"))
        # dated articles come in date order: when the oldest is in the window, all are
        oldest = next((d for d, _ in recent if d is not None), None)
        if day is not None and oldest is not None and (day - oldest).days > window:
            recent = [(d, r) for d, r in recent if d is None or (day - d).days <= window]
            prints.forget({r for _, r in recent})
        original[aid] = None
        mine = prints.of(aid)
        mine_lede, mine_all = mine.lede_sample, mine.sample
        for _, earlier in recent:
            if original[earlier] is not None:
                continue
            other = prints.of(earlier)
            # most pairs: both quick estimates say no (what _share would find first, without two calls)
            other_lede = other.lede_sample
            if (len(mine_lede) >= MIN_SAMPLE and len(mine_lede & other.sample) / len(mine_lede) < PREFILTER
                    and len(other_lede) >= MIN_SAMPLE and len(other_lede & mine_all) / len(other_lede) < PREFILTER):
                continue
            if is_copy(mine, other):
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
