"""Who a sentence's claim comes from, and whether it is hedged.

Sources: ", a colonel and a captain in the border guards said", "two officials ... said it",
"according to X", "X was quoted as saying", "Quoting X, ...", "As X notes, ...". A pronoun
source ("they said") stands for the previous sentence's source. The attribution's own span
is returned too: names and dates inside it are not the event's actor or date.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from store.extract.triggers import lexicon

_SAY = r"(?:said|says|say|told(?: +[A-Z][\w.]*(?: +[A-Z][\w.]*){0,3})?|added|reported|stated|confirmed|claimed(?! +responsibility)|announced|noted|insisted|explained|declared|warned|acknowledged)"
_TRAILING = re.compile(
    r"(?:^|[,\u2014\u2013;]|[,.!?]?[\u201d\"]) *(?P<src>[^,;:\u201c\u201d\"\u2014\u2013()]{2,110}?) +" + _SAY
    + r"(?P<tail>(?: +[\w.]+){0,6}?)(?= *(?:[,.;:\u2014\u2013]|$))"
)
_LEADING = re.compile(
    r"^(?:(?:But|And|However|Meanwhile|Yet|Still|Now),? +)?(?P<src>[^,;:\u201c\u201d\"()]{2,110}?) +" + _SAY
    + r"(?: +(?:on +)?\w+day)?(?: +that)?(?= +[\w\u201c\"])"
)
_INVERTED = re.compile(
    r"(?:[,\u201d\"]) *(?:said|says|added|according +to) +(?P<src>(?:[A-Z]|the +|an? +)[^,.;:\u201c\u201d\"()]{1,80}?)(?=[,.;]|$| +(?:on|in|at|late|early)\b)"
)
_ACCORDING = re.compile(r"\b[Aa]ccording to (?P<src>[^,.;:\u201c\u201d\"]{2,110}?)(?=[,.;:]|$| +(?:the|a|an|[A-Z]\w+ +(?:has|have|had|was|were|is|are))\b)")
_QUOTED = re.compile(r"^(?P<src>.{2,160}?),? +(?:was|were|has been|had been)(?: +\w+){0,2}? +quoted\b.{0,80}? as saying,?")
_QUOTING = re.compile(r"^Quoting (?P<src>[^,]{2,90}),")
_AS_NOTES = re.compile(r"^As (?P<src>[^,]{2,70}?) (?:notes|noted|said|says|reported|reports|put it),")
_PRONOUNS = {"they", "he", "she", "it", "we", "i"}
_MAX_WORDS = 14


@dataclass
class Attribution:
    source: str | None
    spans: list          # (start, end) offsets in the sentence covered by attribution clauses
    hedged: bool


def _clean_source(src: str) -> str | None:
    src = " ".join(src.split()).strip(" ,.;:\u2014\u2013-")
    if not src or len(src.split()) > _MAX_WORDS:
        return None
    return src


def attribute(sentence: str, folded: str, previous_source: str | None) -> Attribution:
    """The attribution of one sentence (`folded` is its folded copy)."""
    spans: list[tuple[int, int]] = []
    sources: list[tuple[int, str]] = []
    hedged = bool(lexicon().hedge.search(folded))
    if not lexicon().saying.search(folded) and "ccording" not in folded and "quot" not in folded:
        return Attribution(None, [], hedged)
    for regex, cue in ((_QUOTED, "quoted"), (_QUOTING, "Quoting"), (_AS_NOTES, "As ")):
        m = regex.search(sentence) if cue in sentence else None
        if m and (src := _clean_source(m.group("src"))):
            sources.append((m.start(), src))
            spans.append((m.start(), m.end()))
    for m in (_ACCORDING.finditer(sentence) if "ccording to" in sentence else ()):
        if src := _clean_source(m.group("src")):
            sources.append((m.start(), src))
            spans.append((m.start(), m.end()))
    if not spans:
        m = _LEADING.search(sentence)
        if m and (src := _clean_source(m.group("src"))) and _plausible_source(m.group("src")):
            sources.append((m.start("src"), src))
            spans.append((m.start(), m.end()))
    for m in _INVERTED.finditer(sentence):
        # ", said IS fighters had shelled the gate": a clause follows "said", not the one who said it
        if (src := _clean_source(m.group("src"))) and _plausible_source("x " + m.group("src")) \
                and not any(s <= m.start() < e for s, e in spans):
            sources.append((m.start("src"), src))
            spans.append((m.start(), m.end()))
    for m in _TRAILING.finditer(sentence):
        if any(s <= m.start("src") < e for s, e in spans):
            continue
        if (src := _clean_source(m.group("src"))) and _plausible_source(m.group("src")):
            sources.append((m.start("src"), src))
            spans.append((m.start(), m.end()))
    source = None
    if sources:
        source = sorted(sources)[0][1]
        if source.lower() in _PRONOUNS and previous_source:
            source = previous_source
    return Attribution(source, sorted(spans), hedged)


def _plausible_source(src: str) -> bool:
    """A noun phrase, not a clause: no finite verb of its own ("the militants took ...")."""
    words = src.lower().split()
    verbs = {"took", "seized", "captured", "has", "have", "had", "is", "are", "was", "were", "controls", "holds", "withdrew",
             "attacked", "closed", "reopened", "retook", "overran", "means", "meaning"}
    return not any(w in verbs for w in words[1:]) and words[-1] not in ("to", "that", "who", "which")
