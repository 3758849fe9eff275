"""A tighter latest day for undated events told relative to the event before them.

"The Al Walid crossing was captured ... on June 22, 2014. The two crossings were
subsequently retaken by the Iraqi military just days later." The retake has no date, but
its words ("just days later") tie it to the dated event told just before it in the same
report: it happened by June 22 + 14 days. Such an event counts on that bound (or on the
publication date, if earlier) instead of the publication date, a year later here. The
spans per wording are data (`relative_spans` in data/status_rules.json); an event whose
words are not among them, or with no dated event before it, keeps the publication date.
`holds` is left out: it counts as of publication by rule.

    bounded_days(article_events) -> {event id: day}
"""
from __future__ import annotations

from datetime import date
from functools import lru_cache

from .claims import parse_day
from .day_math import shift
from .counted import stands
from .status_rules import status_rules


def relative_span(date_text) -> int | None:
    """The most days the words allow after the event told before, or None."""
    if not isinstance(date_text, str) or not date_text.strip():
        return None
    return _span(" ".join(date_text.lower().split()))


@lru_cache(maxsize=4096)
def _span(words: str) -> int | None:
    spans = status_rules().relative_spans  # read once per process too
    match = max((key for key in spans if key in words), key=len, default=None)
    return spans[match] if match else None


def bounded_days(article_events: list[dict]) -> dict[str, date]:
    """For one article's events (only those that stand anchor: store.counted): undated relative events -> their latest day."""
    out: dict[str, date] = {}
    last_dated: date | None = None
    for event in sorted(article_events, key=lambda e: (e.get("start") or 0, e.get("end") or 0, e["id"])):
        if not stands(event):
            continue
        day = parse_day(event.get("date"))
        if day is not None:
            last_dated = day
            continue
        span = relative_span(event.get("date_text"))
        if span is None or last_dated is None or event.get("type") == "holds":
            continue
        bound = shift(last_dated, span)  # stops at 9999-12-31 (store.day_math)
        published = parse_day(event.get("published"))
        out[event["id"]] = min(bound, published) if published else bound
    return out


def bounded_events(events: list[dict]) -> dict[str, date]:
    """`bounded_days` over many articles' events."""
    by_article: dict[str, list[dict]] = {}
    for event in events:
        by_article.setdefault(event.get("article_id"), []).append(event)
    out: dict[str, date] = {}
    for members in by_article.values():
        out.update(bounded_days(members))
    return out
