"""Sentences with character offsets into the cleaned text (`text[start:end] == sentence`).

A line break ends a sentence unless the line merely wraps; a byline or dateline ("BY X |
May 25th, 2015 | Outlet –") is its own sentence. Inside a paragraph a sentence ends at
. ! ? (and closing quotes) before a capital or digit, except after a title or month
abbreviation ("Lt. Gen.", "Nov. 25"), an initial ("John F. Kennedy") or a dotted acronym
("U.S. forces") that does not precede a sentence opener.

Why not syntok: it splits "Lt. Gen." apart and runs at a fraction of the 1 MB/s target on
this machine (bench/extract.py prints both); on the bundled reports the two agree on all
but glued text (tests/test_extract_sentences.py).
"""
from __future__ import annotations

import re

_ABBREVIATIONS = frozenset(
    "mr mrs ms dr prof gen lt col maj capt cpt sgt cpl pvt adm brig cmdr gov sen rep rev st sr jr hon pres amb gens lieut "
    "jan feb mar apr jun jul aug sep sept oct nov dec no nos vs inc ltd co corp approx est dept fig ft mt ave blvd".split()
)
_OPENERS = frozenset(
    "the a an he she it they we i in on at but and however this that these those there meanwhile his her their its "
    "officials according after before while when since some many one two three".split()
)
MAX_SENTENCE = 1500  # characters; news sentences are far shorter
_TERMINAL = re.compile(r"[.!?\u2026]+[\"'\u201d\u2019)\]]*(?=\s+[\"'\u201c\u2018(\[]?[A-Z0-9])")
_GLUED = re.compile(r"(?<=[a-z]{3}[.!?])[\"'\u201d\u2019]?(?=[A-Z][a-z]+[ ,])")
_LAST_TOKEN = re.compile(r"(\S+)$")
_DOTTED = re.compile(r"(?:[A-Za-z]\.)+[A-Za-z]")
_NEXT_WORD = re.compile(r"\s+[\"'\u201c\u2018(\[]?(\w+)")
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


def _is_boundary(segment: str, m: re.Match) -> bool:
    if segment[m.start()] != ".":
        return True
    token = _LAST_TOKEN.search(segment, max(0, m.start() - 60), m.start())
    word = token.group(1).lstrip("(\"'\u201c\u2018[") if token else ""
    if word.lower() in _ABBREVIATIONS or (len(word) == 1 and word.isupper()):
        return False
    if _DOTTED.fullmatch(word):  # "U.S. forces" goes on; "in the U.S. The ..." ends
        following = _NEXT_WORD.match(segment, m.end())
        return bool(following) and following.group(1).lower() in _OPENERS
    return True


_SPACE_RUN = re.compile(r"\s*")


def _skip_space(text: str, pos: int, end: int) -> int:
    """The first non-space position at or after `pos` (matched in place: no copy of the rest)."""
    return _SPACE_RUN.match(text, pos, end).end()


def _trim_end(text: str, start: int, end: int) -> int:
    """`end` moved back over trailing white space, never before `start`."""
    while end > start and text[end - 1].isspace():
        end -= 1
    return end


def _split_segment(text: str, start: int, end: int) -> list[tuple[int, int]]:
    segment = text[start:end]
    n = len(segment)
    starts = [_skip_space(segment, 0, n)]
    for m in _TERMINAL.finditer(segment):
        if _is_boundary(segment, m):
            starts.append(_skip_space(segment, m.end(), n))
    glued = [m.end() for m in _GLUED.finditer(segment)]  # scraped text: "a humanitarian tragedy.On Sunday, ..."
    if glued:
        starts = sorted(set(starts + glued))
    bounds = []
    for i, s in enumerate(starts):
        e = _trim_end(segment, s, starts[i + 1] if i + 1 < len(starts) else n)
        while e - s > MAX_SENTENCE:  # a run-on line (hostile or broken text): cut so work stays linear
            cut = segment.rfind(" ", s + MAX_SENTENCE // 2, s + MAX_SENTENCE)
            cut = cut if cut > s else s + MAX_SENTENCE
            piece_end = _trim_end(segment, s, cut)
            if piece_end > s:
                bounds.append((start + s, start + piece_end))
            s = _skip_space(segment, cut, e)
        if e > s:
            bounds.append((start + s, start + e))
    return bounds


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
        yield from _split_segment(text, seg_start, seg_end)
