"""Free-text search over 100,000 sentences without reading them all on every keystroke.

A plain scan (`needle in line` for each) costs 10-20 ms at 100,000 events on this
machine. The word index (`wordindex.py`, built on the index thread after open) narrows
that to the sentences that can hold the needle, which are then checked with the real
rule, so it never changes a result. A needle with no word characters, or only very
common ones, is looked for by the scan; the store also narrows from the last search
when the new needle extends it (typing).
"""
from __future__ import annotations

from array import array
from bisect import bisect_left
from itertools import compress, repeat
from operator import contains

from ..filters import fold
from .wordindex import WordIndex

# The word index must narrow to a quarter of the lines (or of the last search's hits) to beat scanning them.
SCAN_SHARE = 4
SEPARATOR = "\x00"  # between a sentence and its outlet's name in one searched line


def searched_lines(order: list[dict]) -> tuple[list[str], array]:
    """Per event, its folded sentence and outlet's name in one string (one `in` checks both;
    a needle without the separator cannot match across it), and where each sentence ends."""
    outlets: dict[object, str] = {}
    lines, ends = [], array("i")
    for event in order:
        sentence = fold(str(event.get("sentence") or ""))
        outlet = event.get("outlet")
        folded = outlets.get(outlet)
        if folded is None:
            folded = outlets[outlet] = fold(str(outlet or ""))
        lines.append(f"{sentence}{SEPARATOR}{folded}")
        ends.append(len(sentence))
    return lines, ends


class TextIndex:
    """Searched lines and notes by position; `hits` is `store.filters.text_matches` over them."""

    def __init__(self, order: list[dict], loaded=None):
        # Walked in sorted order even when `loaded` could say where the events lie: the
        # lines are then laid out in memory in the order every search reads them, which
        # makes a scan nearly twice as fast as over lines made in load order.
        self.lines, self.ends = searched_lines(order)
        self.words: WordIndex | None = None  # built later on the index thread; searches scan until then

    def build_words(self, pause: float = 0.0) -> WordIndex:
        return WordIndex(self.lines, pause)

    def line_hits(self, needle: str, candidates=None) -> list[int]:
        """Positions (among the ascending candidates) whose sentence or outlet holds the needle."""
        lines = self.lines
        if SEPARATOR in needle:  # never typed; may not span the separator, so check each part
            ends = self.ends
            within = range(len(lines)) if candidates is None else candidates
            return [i for i in within if lines[i].find(needle, 0, ends[i]) >= 0 or needle in lines[i][ends[i] + 1:]]
        if candidates is None:
            return list(compress(range(len(lines)), map(contains, lines, repeat(needle))))
        return list(compress(candidates, map(contains, map(lines.__getitem__, candidates), repeat(needle))))

    def hits(self, needle: str, notes: dict[int, str], candidates=None) -> list[int]:
        """Ascending positions whose sentence, note or outlet holds the needle.

        `candidates` (ascending) must hold every position whose sentence or outlet does;
        the word index is asked for a narrower set when it has one.
        """
        if candidates is not None and len(candidates) * 2 > len(self.lines):
            candidates = None  # scanning every line beats picking most of them one by one
        if self.words is not None:
            limit = (len(self.lines) if candidates is None else len(candidates)) // SCAN_SHARE
            narrower = self.words.candidates(needle, limit)
            if narrower is not None:
                candidates = narrower
        return with_notes(self.line_hits(needle, candidates), needle, notes)

    def hits_within(self, needle: str, notes: dict[int, str], within: list[int]) -> list[int]:
        """The same rule, checked only at the given positions (a few, when other filters narrowed first)."""
        return with_notes(self.line_hits(needle, within), needle, {i: notes[i] for i in within if i in notes})


def with_notes(found: list[int], needle: str, notes: dict[int, str]) -> list[int]:
    """Add the positions whose note holds the needle, keeping the list ascending."""
    extra = sorted(i for i, note in notes.items() if needle in note)
    if len(extra) > 64:
        return sorted(set(found).union(extra))
    for i in extra:  # a few: inserting is a memmove each, cheaper than sorting 100,000 again
        at = bisect_left(found, i)
        if at == len(found) or found[at] != i:
            found.insert(at, i)
    return found
