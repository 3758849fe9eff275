"""Independent sources: syndicated copies of one story, and one outlet's articles, count once.

Two articles are copies of one story when most of the word 5-grams of the opening of
one (its first 200 words, the lede, where wire copy is reprinted verbatim) occur in the
other. The lede, not the whole text, because reprints trail different site furniture:
on the bundled reports the AFP pair (003, 004) share 80% of a lede, two different Long
War Journal stories (000, 001) that reuse a background paragraph share 15%. The 5-grams
come from store.shingles; a sample of them (one in 8) tells most pairs apart, and the
share is counted exactly only when the sample comes within PREFILTER of it. The samples and
the exact verdicts depend on the texts alone, so a store keeps them (store.print_book).

An outlet's name is reduced to the outlet that wrote the story: "The Peninsula (AFP)"
is AFP (a wire agency in brackets), "Long War Journal (reposted by MESOP)" is Long War
Journal. An article's independent source is then its outlet, or for a copy its original's outlet.
"""
from __future__ import annotations

import hashlib
import marshal
import re
from datetime import date
from functools import lru_cache

from .print_book import PrintBook
from .shingles import Shingles
from .status_rules import status_rules

COPY_THRESHOLD = 0.5
_BRACKET = re.compile(r"^(.*?)\s*\(([^()]*)\)\s*$")


def outlet_key(outlet: str | None) -> str | None:
    """The outlet that wrote the story, lower case; None when unknown."""
    if not outlet or not isinstance(outlet, str):
        return _outlet_key(outlet, status_rules().wire_agencies)
    # 10,000 articles name a few dozen outlets: each worked out once
    return _outlet_key_of_text(outlet, status_rules().wire_agencies)


@lru_cache(maxsize=4096)
def _outlet_key_of_text(outlet: str, wire_agencies: frozenset) -> str | None:
    return _outlet_key(outlet, wire_agencies)


def _outlet_key(outlet: str | None, wire_agencies: frozenset) -> str | None:
    if not outlet or not outlet.strip():
        return None
    name = " ".join(outlet.split())
    match = _BRACKET.match(name)
    if match:
        base, inner = match.group(1).strip(), match.group(2).strip()
        if inner.lower().startswith(("reposted by", "via", "republished by")):
            name = base
        elif inner.lower() in wire_agencies:
            name = inner
        else:
            name = base or inner
    return name.lower()


PREFILTER = 0.35  # a sampled share below this: not a copy, without counting exactly
MIN_SAMPLE = 8  # fewer sampled 5-grams in a lede: counted exactly
RULES = (COPY_THRESHOLD, PREFILTER, MIN_SAMPLE)  # what a kept verdict depends on besides the two texts


class _Prints:
    """Each article's 5-grams (store.shingles), kept while the article is in the window."""

    def __init__(self, texts: dict[str, str], articles: dict[str, dict]):
        self.texts = texts  # read ahead, in id order; any other text is asked of its article
        self.articles = articles
        self.numbers: dict[bytes, int] = {}
        self.cache: dict[str, Shingles] = {}

    def of(self, aid: str) -> Shingles:
        got = self.cache.get(aid)
        if got is None:
            if aid not in self.texts:
                self._read_all()
            got = self.cache[aid] = Shingles(self.texts[aid], self.numbers)
        return got

    def _read_all(self) -> None:
        """The first text not read ahead: all the others now, in id order (a store reads each shard once,
        not a shard for every article asked for in date order)."""
        for aid in sorted(self.articles):
            if aid not in self.texts:
                self.texts[aid] = self.articles[aid].get("text") or ""

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


@lru_cache(maxsize=None)
def _needed(lede_sampled: int) -> int:
    """Fewest sampled lede 5-grams found in the other for the estimate not to rule a pair out.

    `found / lede_sampled < PREFILTER` is `found < _needed(lede_sampled)`, float for float;
    0 for a lede too short to estimate (never ruled out).
    """
    if lede_sampled < MIN_SAMPLE:
        return 0
    return next(k for k in range(lede_sampled + 1) if k / lede_sampled >= PREFILTER)


def syndication(articles: list[dict], window_days: int | None = None,
                book: PrintBook | None = None) -> dict[str, str | None]:
    """article id -> id of the earliest-published article it copies (None for an original).

    Copies are looked for among articles published within `syndication_window_days` of each
    other (wire copy is reprinted within days; this keeps a 10,000-article store fast) and
    among articles without a publication date. Each pair is first compared by samples
    (`Print`s); only the few they cannot rule out are counted exactly, from the texts.
    `book` (store.print_book, a store's articles only: their `hash` names their text) gives
    the prints and exact verdicts already known, and learns the others; texts are read only
    for what it lacks.
    """
    window = status_rules().syndication_window_days if window_days is None else window_days
    known = book is not None
    book = PrintBook() if book is None else book
    hashes = {a["id"]: a.get("hash") if known else None for a in articles}
    digest = _digest(articles, hashes, window) if known else None
    answer = book.answer_for(digest)
    if answer is not None and answer.keys() == hashes.keys() and all(v is None or v in hashes for v in answer.values()):
        return answer  # (a kept answer is derived data: one that does not fit these articles is not used)
    order = sorted(articles, key=lambda a: (a.get("published") or "9999", a["id"]))
    # texts read in id order: a store keeps them in shards by id, so each shard is read once
    texts = {a["id"]: a.get("text") or "" for a in sorted(articles, key=lambda a: a["id"])
             if book.print_of(hashes[a["id"]]) is None}
    full = _Prints(texts, {a["id"]: a for a in articles})
    original: dict[str, str | None] = {}
    recent: list[tuple[date | None, str]] = []
    # the originals among `recent`, as (day, hash, lede sample, sample, _needed of its lede sample, id)
    originals: list[tuple] = []
    for art in order:
        aid, day = art["id"], _day(art.get("published"))
        # dated articles come in date order: when the oldest is in the window, all are
        oldest = next((d for d, _ in recent if d is not None), None)
        if day is not None and oldest is not None and (day - oldest).days > window:
            recent = [(d, r) for d, r in recent if d is None or (day - d).days <= window]
            originals = [o for o in originals if o[0] is None or (day - o[0]).days <= window]
            full.forget({r for _, r in recent})
        mine_hash = hashes[aid]
        mine = book.print_of(mine_hash)
        if mine is None:
            mine = full.of(aid).to_print()
            book.learn_print(mine_hash, mine)
        mine_lede, mine_all, mine_needs = mine.lede_sample, mine.sample, _needed(len(mine.lede_sample))
        found = None
        for _, other_hash, other_lede, other_all, other_needs, earlier in originals:
            # most pairs: both quick estimates say no (what _share would find first, without two calls)
            if len(mine_lede & other_all) < mine_needs and len(other_lede & mine_all) < other_needs:
                continue
            copy = book.verdict(mine_hash, other_hash)
            if copy is None:
                copy = is_copy(full.of(aid), full.of(earlier))
                book.learn_verdict(mine_hash, other_hash, copy)
            if copy:
                found = earlier
                break
        original[aid] = found
        if found is None:
            originals.append((day, mine_hash, mine_lede, mine_all, mine_needs, aid))
        recent.append((day, aid))
    book.learn_answer(digest, original)
    return original


def _digest(articles: list[dict], hashes: dict[str, str | None], window: int) -> bytes | None:
    """What an answer depends on: each article's id, publication and text (by hash); None when a text has no hash."""
    if None in hashes.values() or "" in hashes.values():
        return None
    try:
        key = marshal.dumps((window, sorted((a["id"], a.get("published"), hashes[a["id"]]) for a in articles)))
    except (ValueError, TypeError):  # a publication that is not a plain value: no answer kept
        return None
    return hashlib.sha256(key).digest()


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
