"""A same-length, matching-friendly copy of text, and fast literal-alternation regexes.

Names and trigger words are matched on `fold(text)`: lower case, accents stripped,
apostrophes, hyphens, dashes and line breaks turned into spaces. Every character maps to
exactly one character, so a match's offsets are valid in the original text too.
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_SPACE_LIKE = "\"\u201c\u201d\u201e-\u2010\u2011\u2012\u2013\u2014\u2015\u2212'\u2018\u2019\u201b\u02bc\u02bb`\u00b4\n\t/"


@lru_cache(maxsize=1)
def _table() -> dict[int, str]:
    table: dict[int, str] = {}
    for code in range(0xC0, 0x250):
        ch = chr(code)
        base = unicodedata.normalize("NFKD", ch)[0].lower()
        if base.isascii() and base.isalpha():
            table[code] = base
    table.update({ord("\u0131"): "i", ord("\u00df"): "s", ord("\u00e6"): "a", ord("\u00f8"): "o", ord("\u0142"): "l"})
    for ch in _SPACE_LIKE:
        table[ord(ch)] = " "
    return table


_ASCII_SEPARATORS = re.compile(r"[-'`/\n\t\"]")
_NON_ASCII = re.compile(r"[^\x00-\x7f]")


def fold(text: str) -> str:
    """Lower-case, accent-free, separator-free copy of `text` with the same length."""
    folded = text.lower()
    if len(folded) != len(text):  # a few characters (e.g. 'İ') grow when lower-cased
        return "".join(ch.translate(_table()).lower()[:1] or " " for ch in text)
    folded = _ASCII_SEPARATORS.sub(" ", folded)
    if not folded.isascii():
        table = _table()
        folded = _NON_ASCII.sub(lambda m: table.get(ord(m.group()), m.group()), folded)
    return folded


def fold_name(name: str) -> str:
    """A data-file name in the form `fold` gives text, with runs of spaces collapsed."""
    return " ".join(fold(name).split())


def literal_regex(words, flexible_spaces: bool = True) -> str:
    """One regex alternation for many literal strings, shaped as a trie so it fails fast.

    Longer strings win over their prefixes ("took control of" over "took").
    """
    trie: dict = {}
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict) -> str:
        ends = "" in node
        branches = []
        for ch in sorted(k for k in node if k):
            piece = r" +" if (ch == " " and flexible_spaces) else re.escape(ch)
            branches.append(piece + emit(node[ch]))
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if ends else body

    return emit(trie)


def word_regex(words, flags: int = 0) -> re.Pattern:
    """Compiled matcher for whole-word occurrences of any of `words` (already folded)."""
    return re.compile(r"(?<![a-z0-9])" + literal_regex(sorted(set(words))) + r"(?![a-z0-9])", flags)


def prefix_regex(words) -> re.Pattern:
    """Like `word_regex` but without the leading boundary check, so the regex engine can jump
    straight to a shared first letter ("the crossing", "the post"); use with `word_starts`."""
    return re.compile(literal_regex(sorted(set(words))) + r"(?![a-z0-9])")


def word_starts(regex: re.Pattern, folded: str):
    """Matches of `regex` that begin a word."""
    return [m for m in regex.finditer(folded) if not (m.start() and folded[m.start() - 1].isalnum())]

