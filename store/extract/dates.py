"""Date expressions in a sentence, resolved against the publication date (EVENTS.md rules).

A full date is that day; a month-day is the latest such day on or before publication; a
weekday is the latest such weekday on or before publication; "yesterday" is the day before;
"today", "this morning", "now" are publication day; vague words ("last week", "days later")
give no day but keep their text. Without a publication date only full dates resolve.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from dateutil import parser as dateparser
from dateutil.relativedelta import FR, MO, SA, SU, TH, TU, WE, relativedelta

from store.extract.fold import fold

# Patterns run on `fold(text)` (lower case, hyphens as spaces); offsets are the text's.
_MONTH = (
    r"(?:jan(?:uary|\.)?|feb(?:ruary|\.)?|mar(?:ch|\.)?|apr(?:il|\.)?|may|june?|july?|aug(?:ust|\.)?"
    r"|sept?(?:ember|\.)?|oct(?:ober|\.)?|nov(?:ember|\.)?|dec(?:ember|\.)?)"
)
_DAY = r"(?:[12][0-9]|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_WEEKDAY = r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
_YEAR = r"(?:19|20)\d\d"
_PART = r"(?:\s+(?:morning|afternoon|evening|night))?"

# Order matters: the first alternative that matches at a position wins.
_EXPRESSIONS = [
    ("iso", rf"{_YEAR}[- ][01]\d[- ][0-3]\d\b"),
    ("full", rf"(?:{_WEEKDAY},?\s+)?{_MONTH}\s+{_DAY},?\s+{_YEAR}\b"),
    ("full", rf"(?:{_WEEKDAY},?\s+)?{_DAY}\s+(?:of\s+)?{_MONTH},?\s+{_YEAR}\b"),
    ("month_day", rf"{_MONTH}\s+{_DAY}\b(?![,.]?\s*\d)"),
    ("month_day", rf"{_DAY}\s+(?:of\s+)?{_MONTH}\b(?!,?\s*\d)"),
    ("vague", rf"(?:(?:early|late|mid|in|since|by|during)\s+)?(?:{_MONTH}\s+)?{_YEAR}\b"),
    ("vague", r"(?:(?:early|late|mid|in|since|by|during)\s+)?(?:january|february|march|april|june|july|august|september|october|november|december)\b"),
    ("weekday", rf"(?:(?:last|this|past|on|early|late)\s+)?{_WEEKDAY}{_PART}\b"),
    ("yesterday", r"(?:yesterday|the\s+day\s+before|last\s+night)\b"),
    ("today", r"(?:(?:early\s+|earlier\s+|late\s+)?(?:today|tonight|this\s+(?:morning|afternoon|evening))|now|currently|at\s+present)\b"),
    ("vague", r"(?:(?:in|over|during)\s+(?:the\s+)?(?:recent|past|last|coming)\s+(?:few\s+)?(?:days|weeks|months|years)"
              r"|recent\s+(?:days|weeks|months)"
              r"|(?:last|this|next|the\s+previous|the\s+following)\s+(?:week|month|year|weekend)"
              r"|(?:at|over|during)\s+the\s+weekend"
              r"|earlier\s+(?:this|in\s+the)\s+(?:week|month|year)"
              r"|(?:just\s+|only\s+)?(?:a\s+few\s+|a\s+couple\s+of\s+|several\s+|two\s+|three\s+|four\s+|five\s+|\d+\s+)?(?:days|weeks|months|years)\s+(?:later|earlier|ago|after|before|afterwards)"
              r"|(?:a|one)\s+(?:day|week|month|year)\s+(?:later|earlier|ago|after|before)"
              r"|the\s+(?:next|following|previous)\s+day"
              r"|overnight)\b"),
]
_DATE_REGEX = re.compile("|".join(f"(?P<{kind}{i}>{rx})" for i, (kind, rx) in enumerate(_EXPRESSIONS)))
_KINDS = {f"{kind}{i}": kind for i, (kind, _rx) in enumerate(_EXPRESSIONS)}
# Words every expression contains; the full pattern is tried only a few words before them.
_ANCHOR = re.compile(
    r"(?<![a-z0-9])(?:\d|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|monday|tuesday|wednesday|thursday|friday|saturday"
    r"|sunday|yesterday|today|tonight|this|now|currently|present|recent|last|days?|weeks?|months?|years?|weekend|overnight"
    r"|next|following|previous)"
)
_WORD_START = re.compile(r"(?<![a-z0-9])[a-z0-9]")
_WEEKDAYS = {"monday": MO, "tuesday": TU, "wednesday": WE, "thursday": TH, "friday": FR, "saturday": SA, "sunday": SU}


@dataclass
class DateExpr:
    start: int
    end: int
    text: str
    kind: str


def find_dates(text: str, start: int = 0, end: int | None = None) -> list[DateExpr]:
    """Date expressions in `text[start:end]`, with offsets into `text`."""
    end = len(text) if end is None else end
    folded = fold(text[start:end])
    found: list[DateExpr] = []
    covered = -1
    for anchor in _ANCHOR.finditer(folded):
        if anchor.start() < covered:
            continue
        lo = max(0, anchor.start() - 40)
        starts = [w.start() for w in _WORD_START.finditer(folded, lo, anchor.start())][-3:] + [anchor.start()]
        for pos in starts:
            if pos < covered:
                continue
            m = _DATE_REGEX.match(folded, pos)
            if not m or m.end() <= anchor.start():
                continue
            kind = _KINDS[m.lastgroup]
            words = text[start + m.start():start + m.end()]
            if kind == "month_day" and m.group().startswith("may") and not words.startswith("May"):
                break  # "may 5" in lower case is a verb before a number
            if kind == "iso" and not re.match(r"\d{4}-\d\d-\d\d", words):
                break
            found.append(DateExpr(start + m.start(), start + m.end(), words, kind))
            covered = m.end()
            break
    return found


def _parse_day(text: str, default: datetime) -> date | None:
    try:
        return dateparser.parse(text.replace(".", " "), default=default, fuzzy=True).date()
    except (ValueError, OverflowError):
        return None


def resolve_date(expr: DateExpr | str, published: date | None) -> date | None:
    """The calendar day an expression names, or None when it names none (or cannot say)."""
    try:
        return _resolve(expr, published)
    except (ValueError, OverflowError):  # a publication date at the calendar's edge
        return None


def _resolve(expr: DateExpr | str, published: date | None) -> date | None:
    if isinstance(expr, str):
        found = find_dates(expr)
        if not found:
            return None
        expr = found[0]
    words = expr.text.lower()
    if expr.kind in ("iso", "full"):
        return _parse_day(re.sub(r"(?i)\b" + _WEEKDAY + r",?", "", expr.text), datetime(2000, 1, 1))
    if published is None or expr.kind == "vague":
        return None
    if expr.kind == "month_day":
        day = _parse_day(expr.text, datetime(published.year, 1, 1))
        if day is None:
            return None
        if day > published:
            try:
                day = day.replace(year=day.year - 1)
            except ValueError:  # 29 February
                return None
        return day
    if expr.kind == "weekday":
        weekday = _WEEKDAYS[re.search(_WEEKDAY, words).group()]
        back = 1 if words.startswith(("last", "past")) else 0
        return published - timedelta(days=back) + relativedelta(weekday=weekday(-1))
    if expr.kind == "yesterday":
        return published - timedelta(days=1)
    if expr.kind == "today":
        return published
    return None


def parse_published(value) -> date | None:
    """A publication date from front matter or the command line; anything else is None."""
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = str(value).strip().strip("'\"")
    m = re.match(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ][0-9:.+\-Z ]*)?$", text)
    if m:
        try:
            return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        except ValueError:
            return None
    found = find_dates(text)
    if len(found) == 1 and found[0].kind == "full" and len(found[0].text) >= len(text) * 0.6:
        return resolve_date(found[0], None)
    return None


def find_dateline(text: str, limit: int = 600) -> date | None:
    """The first full date near the top of an article body ("May 25th, 2015 | ...")."""
    for expr in find_dates(text, 0, min(len(text), limit)):
        if expr.kind in ("full", "iso"):
            return resolve_date(expr, None)
    return None
