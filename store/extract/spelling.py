"""Transliterations the gazetteer does not list: "Yaribiyah", "Turaibil", "Kasab", "Jousseh".

Arabic, Kurdish and Turkish place names reach English in many spellings that differ in
vowels, doubled letters, the article (al-, el-, ar-, none) and a few consonants (q/k/c, p/f,
kh/k, sh/s). `skeleton` keeps what the spellings share: the first letter and the consonants
after it, with those differences folded away. A capitalised word or run of words whose
skeleton is a listed name's is that post's name, spelled otherwise. Such a match is weaker
than a listed name, so it counts only beside a crossing word, as a town name does.
Skeletons shorter than three letters, or shared by two crossings, are never used.
"""
from __future__ import annotations

import bisect
import re
from functools import lru_cache

_WORD = re.compile(r"\S+")

ARTICLES = frozenset("al el ar ash".split())
_SAME = str.maketrans({"q": "k", "c": "k", "p": "f", "v": "f", "x": "k", "'": "", "`": ""})
_H_AFTER = re.compile(r"(?<=[bcdfgjklmnpqrstvwxz])h|h$")
_INNER_VOWELS = re.compile(r"(?<=.)[aeiouy]")
_DOUBLES = re.compile(r"(.)\1+")
_CAPITALISED = re.compile(r"(?<![\w'\u2019-])[A-Z\u00c0-\u00de\u0130\u015e\u00c7][\w'\u2019]*(?:[ -][A-Z\u00c0-\u00de\u0130\u015e\u00c7][\w'\u2019]*|[ -](?:al|el|ar|as|at|ad|an|ash)-?(?=[A-Z]))*")
MIN_LETTERS = 3


@lru_cache(maxsize=1 << 16)
def skeleton(folded_name: str) -> str:
    """The spelling-independent core of a folded name ("al yarubiyah" -> "yrb")."""
    words = [w for w in re.split(r"[^a-z']+", folded_name) if w and w not in ARTICLES]
    letters = "".join(words).translate(_SAME)
    letters = _H_AFTER.sub("", letters)
    letters = _INNER_VOWELS.sub("", letters)
    return _DOUBLES.sub(r"\1", letters)


def skeleton_table(names: dict[str, tuple]) -> dict[str, tuple]:
    """Skeleton -> posts, for the folded names of `names` (folded name -> posts), keeping only
    skeletons long enough and belonging to one crossing."""
    table: dict[str, set] = {}
    for name, posts in names.items():
        key = skeleton(name)
        if len(key) >= MIN_LETTERS:
            table.setdefault(key, set()).update(posts)
    return {key: tuple(posts) for key, posts in table.items() if len({p.crossing for p in posts}) == 1}


def variant_hits(text: str, folded: str, table: dict, taken: list[tuple[int, int]],
                 memo: dict | None = None, known: frozenset = frozenset()) -> list[tuple[int, int, tuple]]:
    """(start, end, posts) for capitalised words in `text` spelling a post's name another way,
    outside the spans already `taken` by listed names. `memo` (kept by the caller with `table`)
    holds each capitalised run's windows: a name recurs through an article and across a batch.
    Words in `known` (countries, provinces) are never part of a variant: "Syria-Iraq" is not "Suruc"."""
    if not table:
        return []
    memo = {} if memo is None else memo
    taken = sorted(taken)
    starts = [a for a, _ in taken]

    def free(start: int, end: int) -> bool:
        i = bisect.bisect_left(starts, end)  # spans starting before `end`; only the last can reach `start`
        return i == 0 or taken[i - 1][1] <= start

    hits = []
    for m in _CAPITALISED.finditer(text):
        run = m.group()
        if run not in memo:
            memo[run] = _run_hits(run, folded[m.start():m.end()], table, known)
        for a, b, key in memo[run]:
            start, end = m.start() + a, m.start() + b
            if free(start, end):
                hits.append((start, end, table[key]))
    return hits


def _run_hits(run: str, folded_run: str, table: dict, known: frozenset) -> tuple[tuple[int, int, str], ...]:
    """Windows of up to three words of one capitalised run whose skeleton is in `table`, longest first."""
    words = list(_WORD.finditer(run))
    out = []
    i = 0
    while i < len(words):
        step = 1
        for j in range(min(len(words), i + 3), i, -1):
            a, b = words[i].start(), words[j - 1].end()
            while b > a and not folded_run[b - 1].isalnum():
                b -= 1
            key = skeleton(folded_run[a:b])
            if len(key) <= MIN_LETTERS and any(_is_name_word(folded_run[w.start():w.end()], known)
                                                for w in words[:i] + words[j:]):
                continue  # three consonants inside a longer name ("Brigadier Selim Idris") match too much
            if key in table and not known.intersection(re.split(r"[^a-z]+", folded_run[a:b])):
                out.append((a, b, key))
                step = j - i
                break
        i += step
    return tuple(out)


def _is_name_word(folded_word: str, known: frozenset) -> bool:
    """A word of a capitalised run that makes it another name (not "The", "al-", "Syria's", "Border")."""
    words = [w for w in re.split(r"[^a-z]+", folded_word) if w]
    return any(w not in ARTICLES and w not in known and w not in _PLAIN for w in words)


_PLAIN = frozenset("the a s border crossing gate post point checkpoint terminal".split())
