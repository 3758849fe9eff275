"""Which events to show: a filter value and the pure rule that applies it.

The store answers the same question from its indexes; `matches` is the reference it
must agree with (tests compare the two).
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date

# The actor, crossing, date and source wording are spans of the sentence, so searching it covers them.
SEARCHED_FIELDS = ("sentence", "note", "outlet")


def _ids(value) -> frozenset:
    if not value:
        return frozenset()
    if isinstance(value, str):
        return frozenset([value])
    return frozenset(value)


def _iso(value) -> str | None:
    if value is None or value == "":
        return None
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


@dataclass(frozen=True)
class EventFilter:
    """Empty fields do not restrict; all restrictions combine with AND."""

    crossings: frozenset = frozenset()
    sides: frozenset = frozenset()
    factions: frozenset = frozenset()
    types: frozenset = frozenset()
    text: str = ""
    date_from: str | None = None
    date_to: str | None = None
    article_id: str | None = None
    event_ids: frozenset = frozenset()  # only these events: what a status row's holder rests on
    evidence_of: tuple = ()  # (crossing, side) whose status row `event_ids` are the evidence of: says so, restricts nothing

    def __post_init__(self):
        for name in ("crossings", "sides", "factions", "types", "event_ids"):
            object.__setattr__(self, name, _ids(getattr(self, name)))
        object.__setattr__(self, "text", (self.text or "").strip())
        object.__setattr__(self, "date_from", _iso(self.date_from))
        object.__setattr__(self, "date_to", _iso(self.date_to))

    @property
    def is_empty(self) -> bool:
        return self == EventFilter()


def event_day(event: dict) -> str | None:
    """The day an event counts for: its own date, else its article's publication date."""
    return event.get("date") or event.get("published") or None


def _plain_map() -> dict[str, str]:
    """Typographic quotes and dashes to plain ones ("Maliki's" finds "Maliki’s"), accented Latin
    letters to their base letters ("ceylanpinar" finds "Ceylanpınar"), combining marks dropped."""
    plain = {"\u2018": "'", "\u2019": "'", "\u201b": "'", "\u2032": "'", "\u201c": '"', "\u201d": '"',
             "\u201e": '"', "\u2033": '"', "\u2013": "-", "\u2014": "-", "\u2212": "-", "\u00a0": " ", "\u0131": "i"}
    plain.update({chr(code): "" for code in range(0x300, 0x370)})
    for code in range(0xC0, 0x250):
        base = "".join(c for c in unicodedata.normalize("NFKD", chr(code)) if not unicodedata.combining(c))
        if base and base != chr(code):
            plain.setdefault(chr(code), base)
    return plain


_PLAIN = _plain_map()
_NON_ASCII = re.compile(r"[^\x00-\x7f]")


def _plain(match: re.Match) -> str:
    return _PLAIN.get(match.group(), match.group())


# The usual ones, by str.replace: much faster than a per-character substitution.
_COMMON = (("\u2019", "'"), ("\u2018", "'"), ("\u201c", '"'), ("\u201d", '"'), ("\u2013", "-"), ("\u2014", "-"))


def fold(text: str) -> str:
    """What free-text search compares: case, accents, typographic quotes and dashes folded away."""
    text = text.casefold()
    if text.isascii():
        return text
    for typographic, plain in _COMMON:
        if typographic in text:
            text = text.replace(typographic, plain)
    return text if text.isascii() else _NON_ASCII.sub(_plain, text)


def text_needle(flt: EventFilter) -> str:
    return fold(flt.text)


def text_matches(event: dict, needle: str) -> bool:
    """The folded needle is inside the folded sentence, note or outlet's name."""
    return any(needle in fold(str(event.get(name) or "")) for name in SEARCHED_FIELDS)


def matches(event: dict, flt: EventFilter | None) -> bool:
    if flt is None:
        return True
    if flt.crossings and event.get("crossing") not in flt.crossings:
        return False
    if flt.sides and event.get("side") not in flt.sides:
        return False
    if flt.factions and event.get("actor") not in flt.factions:
        return False
    if flt.types and event.get("type") not in flt.types:
        return False
    if flt.article_id and event.get("article_id") != flt.article_id:
        return False
    if flt.event_ids and event.get("id") not in flt.event_ids:
        return False
    if flt.date_from or flt.date_to:
        day = event_day(event)
        if day is None or (flt.date_from and day < flt.date_from) or (flt.date_to and day > flt.date_to):
            return False
    if flt.text and not text_matches(event, text_needle(flt)):
        return False
    return True
