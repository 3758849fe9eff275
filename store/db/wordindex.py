"""The word index behind free-text search: which sentences hold each word.

Inside a needle, a word between two non-word characters is a whole word of the
sentence; the first one may end a longer word and the last one may begin one. The
rarest of them gives the candidate sentences, which `TextIndex` then checks with the
real rule, so this index only ever saves work and never changes a result.
"""
from __future__ import annotations

import re
import time
from array import array
from bisect import bisect_left
from collections import defaultdict

WORD = re.compile(r"\w+")
CHUNK = 2000  # lines between pauses: about 10 ms of work here


class WordIndex:
    """Word -> ascending positions of the sentences that hold it, and the sorted vocabulary."""

    def __init__(self, lines: list[str], pause: float = 0.0):
        """`pause`: seconds to sleep after each chunk of lines. Built on a thread beside the
        browser, a second of pure Python would take half the UI thread's turns with the GIL;
        short sleeps hand those turns back, for a slightly longer build."""
        postings: dict[str, list[int]] = defaultdict(list)
        findall = WORD.findall
        for first in range(0, len(lines), CHUNK):
            for i, line in enumerate(lines[first: first + CHUNK], first):
                for word in set(findall(line)):
                    postings[word].append(i)
            if pause:
                time.sleep(pause)
        self.postings = {word: array("i", positions) for word, positions in postings.items()}
        self.vocabulary = sorted(self.postings)
        self._joined = "\n".join(self.vocabulary)

    def exact(self, token: str) -> list[str]:
        return [token] if token in self.postings else []

    def starting(self, token: str) -> list[str]:
        low = bisect_left(self.vocabulary, token)
        high = bisect_left(self.vocabulary, token[:-1] + chr(min(ord(token[-1]) + 1, 0x10FFFF)))
        return self.vocabulary[low:high]

    def containing(self, token: str, ending: bool, limit: int) -> list[str] | None:
        """Words holding the token (or ending with it), by a find over the joined vocabulary;
        None as soon as their sentences pass `limit` (a common fragment: scanning is cheaper)."""
        joined, postings, found, at, size = self._joined, self.postings, [], 0, 0
        while True:
            hit = joined.find(token, at)
            if hit < 0:
                return found
            start = joined.rfind("\n", 0, hit) + 1
            end = joined.find("\n", hit)
            end = len(joined) if end < 0 else end
            word = joined[start:end]
            if not ending or word.endswith(token):
                found.append(word)
                size += len(postings[word])
                if size >= limit:
                    return None
            at = end + 1

    def words_for(self, needle: str, limit: int):
        """For each word of the needle, the vocabulary words it can be part of (None: too many)."""
        for match in WORD.finditer(needle):
            token, opens, closes = match.group(), match.start() > 0, match.end() < len(needle)
            if opens and closes:
                yield self.exact(token)
            elif opens:
                yield self.starting(token)
            else:
                yield self.containing(token, closes, limit)

    def candidates(self, needle: str, limit: int) -> list[int] | None:
        """Ascending positions that may hold the needle; None when the index cannot narrow below `limit`."""
        best, best_size = None, limit
        for words in self.words_for(needle, limit):
            if words is None:
                continue
            size = sum(len(self.postings[word]) for word in words)
            if size < best_size:
                best, best_size = words, size
        if best is None:
            return None
        if len(best) == 1:
            return list(self.postings[best[0]])
        return sorted(set().union(*(self.postings[word] for word in best)))
