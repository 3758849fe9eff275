"""Word 5-grams of an article, for telling whether one article copies another (store.sources).

Words are the text's `\\w+` runs in lower case, each numbered by its CRC-32 (stable from run
to run, unlike Python's string hashes); a 5-gram is the hash of its five numbers. `lede`
holds the 5-grams that start in the first 200 words, `every` all of them, and the two
samples keep the 5-grams whose hash is a multiple of 8, for a quick estimate first.
A `Print` is just those samples: what most comparisons need, small enough to keep
(store.print_book) so a status need not read and split every text again.

For speed the text is split into words as bytes (ASCII letters lowered, anything else a
space) when that gives the same words as `\\w+`: when no character outside ASCII is a word
character (curly quotes and dashes are not; Turkish or accented letters are). Otherwise
the words come from the regular expression.
"""
from __future__ import annotations

import re
import sys
import zlib
from array import array
from functools import lru_cache
from itertools import compress
from typing import NamedTuple

SHINGLE = 5
LEDE_WORDS = 200
LEDE_SHINGLES = LEDE_WORDS - SHINGLE + 1
SAMPLE = 8  # one 5-gram hash in 8 (by value) is sampled

_WORD = re.compile(r"\w+")
_ASCII = bytes(range(128))
_ASCII_WORD = [c < 128 and (chr(c).isalnum() or c == 0x5F) for c in range(256)]
# bytes -> words: ASCII word characters kept (capitals lowered), anything else a space
_WORD_BYTES = bytes((c | 0x20 if 65 <= c <= 90 else c) if _ASCII_WORD[c] else 0x20 for c in range(256))
# sampling by the low byte of each hash, as stored by array("q")
_LOW_BYTE = 0 if sys.byteorder == "little" else 7
_SAMPLED_LOW_BYTE = bytes(int(b % SAMPLE == 0) for b in range(256))


def words(text: str) -> list[bytes]:
    """The text's words (`\\w+` of the text in lower case) as UTF-8 bytes."""
    try:
        raw = text.encode("utf-8")
    except UnicodeEncodeError:  # a lone surrogate
        raw = None
    if raw is not None:
        other = raw.translate(None, _ASCII)
        if not other or not any(map(_word_character, set(other.decode("utf-8")))):
            return raw.translate(_WORD_BYTES).split()  # only ASCII letters make words
    return [w.encode("utf-8", "surrogatepass") for w in _WORD.findall(text.lower())]


@lru_cache(maxsize=4096)
def _word_character(c: str) -> bool:
    """A character outside ASCII that is, or in lower case contains, a word character."""
    return bool(_WORD.search(c) or _WORD.search(c.lower()))


class Print(NamedTuple):
    """An article's sampled 5-grams: all most comparisons need (the rest is asked of `Shingles`)."""

    words: bool  # at least one 5-gram (five words)
    lede_sample: frozenset[int]
    sample: frozenset[int]


class Shingles:
    """One article's 5-gram hashes: `lede`, `every` (made when first asked) and their samples."""

    __slots__ = ("hashes", "lede_sample", "sample", "_lede", "_every")

    def __init__(self, text: str, numbers: dict[bytes, int]):
        """`numbers`: word -> CRC-32, shared by all articles (and filled here)."""
        found = words(text)
        ids = list(map(numbers.get, found))
        if None in ids:  # words not seen before
            for word in set(found).difference(numbers):
                numbers[word] = zlib.crc32(word)
            ids = list(map(numbers.__getitem__, found))
        self.hashes = hashes = list(map(hash, zip(*(ids[i:] for i in range(SHINGLE)))))
        # {h for h in hashes if h % SAMPLE == 0}, without a Python step per hash
        sampled = array("q", hashes).tobytes()[_LOW_BYTE::8].translate(_SAMPLED_LOW_BYTE)
        self.sample = set(compress(hashes, sampled))
        self.lede_sample = self.sample.intersection(hashes[:LEDE_SHINGLES])
        self._lede: set[int] | None = None
        self._every: set[int] | None = None

    @property
    def lede(self) -> set[int]:
        if self._lede is None:
            self._lede = set(self.hashes[:LEDE_SHINGLES])
        return self._lede

    @property
    def every(self) -> set[int]:  # most articles are told apart by their samples alone
        if self._every is None:
            self._every = set(self.hashes)
        return self._every

    def to_print(self) -> Print:
        return Print(bool(self.hashes), frozenset(self.lede_sample), frozenset(self.sample))
