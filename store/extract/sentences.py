"""Sentences with character offsets into the cleaned text (`text[start:end] == sentence`).

syntok does the splitting; around it: a line break ends a sentence unless the line merely
wraps, a byline or dateline ("BY X | May 25th, 2015 | Outlet –") is its own sentence, and a
split after a title abbreviation ("Lt. Gen. Qassem Atta") is undone.
"""
from __future__ import annotations

import re

from syntok import segmenter
from syntok.tokenizer import Tokenizer

_TOKENIZER = Tokenizer()
_TITLES = frozenset(
    "lt gen col maj brig capt cpt sgt cpl pvt adm cmdr mr mrs ms dr prof gov sen rep rev st no jr sr gens lt.gen".split()
)
_WRAP_WORDS = frozenset(
    "the a an of to in on at by for from with and or but as that which who than its their his her into over under near".split()
)
_BYLINE = re.compile(
    r"^(?:(?:BY|By)\s[^\n]{0,140}?\s[\u2013\u2014-]+\s"
    r"|[A-Z][A-Za-z .'-]{1,40},?\s+(?:[A-Z][a-z]{2,8}\.?\s+\d{1,2},?\s+(?:\d{4}\s+)?)?\((?:[A-Za-z .]{2,30})\)\s*[\u2013\u2014-]+\s)",
    re.MULTILINE,
)


def _line_ends_sentence(line: str, next_line: str) -> bool:
    """Whether a single line break between these lines ends a sentence (it does unless it wraps)."""
    stripped = line.rstrip()
    if not stripped or not next_line.strip():
        return True
    if stripped[-1] in ".!?:\u201d\"')]":
        return True
    last_word = stripped.rsplit(None, 1)[-1].lower()
    first = next_line.lstrip()[:1]
    return not (first.islower() or first.isdigit() or last_word in _WRAP_WORDS or stripped[-1] in ",;-")


def _segments(text: str):
    """(start, end) spans that no sentence crosses: paragraphs and lines that do not wrap."""
    start = 0
    pos = 0
    while True:
        nl = text.find("\n", pos)
        if nl < 0:
            break
        next_end = text.find("\n", nl + 1)
        next_line = text[nl + 1: next_end if next_end >= 0 else len(text)]
        if _line_ends_sentence(text[pos:nl], next_line):
            if text[start:nl].strip():
                yield start, nl
            start = nl + 1
        pos = nl + 1
    if text[start:].strip():
        yield start, len(text)


def _split_segment(text: str, start: int, end: int) -> list[tuple[int, int]]:
    segment = text[start:end]
    starts = []
    for sentence in segmenter.split(_TOKENIZER.tokenize(segment)):
        if sentence:
            starts.append(sentence[0].offset - len(sentence[0].spacing) if not starts else sentence[0].offset)
    if not starts:
        return []
    starts[0] = len(segment) - len(segment.lstrip())
    bounds = []
    for i, s in enumerate(starts):
        e = starts[i + 1] if i + 1 < len(starts) else len(segment)
        piece = segment[s:e]
        e = s + len(piece.rstrip())
        if e > s:
            bounds.append((start + s, start + e))
    return bounds


def _merge_titles(text: str, bounds: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for s, e in bounds:
        if merged:
            ps, pe = merged[-1]
            last = text[ps:pe].rsplit(None, 1)[-1].rstrip(".").lower() if text[ps:pe].strip() else ""
            if text[pe - 1:pe] == "." and last in _TITLES and "\n" not in text[pe:s]:
                merged[-1] = (ps, e)
                continue
        merged.append((s, e))
    return merged


def split_sentences(text: str, keep=None):
    """Sentence spans of `text`, in order, lazily.

    `keep(start, end)`, asked once per paragraph-or-line segment as the spans are consumed,
    may veto a segment that cannot hold an event, saving the cost of splitting it.
    """
    for seg_start, seg_end in _segments(text):
        if keep is not None and not keep(seg_start, seg_end):
            continue
        byline = _BYLINE.match(text, seg_start, seg_end)
        if byline and byline.end() < seg_end:
            yield seg_start, seg_start + len(byline.group().rstrip(" -\u2013\u2014"))
            seg_start = byline.end()
        yield from _merge_titles(text, _split_segment(text, seg_start, seg_end))
