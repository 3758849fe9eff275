"""What the extractor knows about an article while reading it, sentence by sentence.

All mentions (crossings, towns, groups, trigger words) are found once over the whole text;
`ArticleState.within` hands each sentence its share. The topic and the recent crossings let
later sentences resolve "the crossing", "it" and "the two crossings".
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property

from store.extract.counted import COUNTED
from store.extract.factions import dominant_country
from store.extract.fold import word_starts
from store.extract.gazetteer import crossing_countries
from store.extract.triggers import lexicon

_IT = re.compile(r"it(?![a-z])")
_WORD = re.compile(r"[a-z0-9]+")


@dataclass
class Ref:
    """A crossing reference in a sentence, resolved to a crossing id."""
    start: int
    end: int
    crossing: str
    side: str | None
    kind: str
    list_id: int | None = None
    shown: tuple | None = None   # the words to show as crossing_text when they are not the reference itself
    named_post: str | None = None  # the country of the post whose name was used (a named mention)


@dataclass
class ArticleState:
    text: str
    folded: str
    published: date | None
    mentions: list
    towns: list
    actors: list
    triggers: list
    topic: Ref | None = None
    topic_sentence: int = -10
    previous_crossings: list = field(default_factory=list)
    previous_list: list = field(default_factory=list)
    previous_source: str | None = None
    seen_crossings: set = field(default_factory=set)   # crossings named so far: one alone is never ambiguous
    last_org: str | None = None
    authorities: dict = field(default_factory=dict)   # crossing -> who was last named closing or reopening it
    sentence_index: int = 0
    dominant: dict = field(default_factory=dict)
    country_counts: dict = field(default_factory=dict)
    counted: list = field(default_factory=list)   # the crossings "the three crossings between Iraq and Syria" last stood for

    def __post_init__(self):
        lex = lexicon()
        self.anaphors = [(m.start(), m.end()) for m in word_starts(lex.anaphor, self.folded)]
        self.pairs = [(m.start(), m.end()) for m in word_starts(lex.pair, self.folded)]
        self.counts = [(m.start(), m.end(), m) for m in COUNTED.finditer(self.folded)]  # "the three crossings ..."
        self.ordinals = [(m.start(), m.end(), m.group()) for m in word_starts(lex.ordinal, self.folded)]
        self.its = [m.start() for m in word_starts(_IT, self.folded)]
        self._mention_starts = [m.start for m in self.mentions]
        self._actor_starts = [a.start for a in self.actors]
        self._trigger_starts = [t.start for t in self.triggers]
        self._town_starts = [t.start for t in self.towns]

    def within(self, kind: str, start: int, end: int) -> list:
        items, starts = {
            "mentions": (self.mentions, self._mention_starts),
            "actors": (self.actors, self._actor_starts),
            "triggers": (self.triggers, self._trigger_starts),
            "towns": (self.towns, self._town_starts),
        }[kind]
        return items[bisect.bisect_left(starts, start):bisect.bisect_left(starts, end)]

    @cached_property
    def only_crossing(self) -> str | None:
        """The one crossing the article names (or whose town it names), if it names only one."""
        crossings = self.named_crossings or {t.crossing for t in self.towns}
        return next(iter(crossings)) if len(crossings) == 1 else None

    @cached_property
    def named_crossings(self) -> set[str]:
        """Every crossing the article names as a crossing."""
        return {m.crossing for m in self.mentions}

    @cached_property
    def main_crossing(self) -> str | None:
        """The crossing the article names most often, if one leads (the article's subject)."""
        counts: dict[str, int] = {}
        for m in self.mentions:
            counts[m.crossing] = counts.get(m.crossing, 0) + 1
        ranked = sorted(counts.values(), reverse=True)
        if not ranked or (len(ranked) > 1 and ranked[0] == ranked[1]):
            return None
        return max(counts, key=counts.get)

    @cached_property
    def lead_crossing(self) -> str | None:
        """The crossing the article names first, if it is named within its first 1,500 characters."""
        first = self.mentions[0] if self.mentions else None
        return first.crossing if first is not None and first.start < 1500 else None

    def country_for(self, crossing: str, side: str | None) -> str | None:
        countries = crossing_countries(crossing)
        if side in countries:
            return side
        if crossing not in self.dominant:
            self.dominant[crossing] = dominant_country(self.text, countries, self.country_counts)
        return self.dominant[crossing]


def words_between(folded: str, start: int, end: int) -> int:
    return len(_WORD.findall(folded[start:end])) if end > start else 0


def between(items: list, s: int, e: int) -> list:
    """Items (tuples starting with a start offset, sorted) that start inside [s, e)."""
    return items[bisect.bisect_left(items, (s,)):bisect.bisect_left(items, (e,))]


def inside(spans, start: int, end: int, offset: int) -> bool:
    return any(offset + a <= start and end <= offset + b for a, b in spans)
