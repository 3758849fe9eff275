"""Pane titles that say what is shown: counts and every active filter.

Titles are `Content` objects built from plain strings, never markup, because
they carry article titles and search text typed by the user.
"""
from __future__ import annotations

from typing import Mapping

from textual.content import Content

from store.filters import EventFilter
from store.sanitize import safe_line


def _ids(values) -> str:
    return ",".join(sorted(str(v) for v in values))


def filter_parts(flt: EventFilter, articles: Mapping[str, Mapping] | None = None) -> list[str]:
    parts = []
    if flt.article_id:
        title = (articles or {}).get(flt.article_id, {}).get("title") or flt.article_id
        parts.append(f"article {safe_line(title)[:30]}")
    if flt.crossings:
        parts.append(f"crossing {_ids(flt.crossings)}")
    if flt.sides:
        parts.append(f"side {_ids(flt.sides)}")
    if flt.factions:
        parts.append(f"faction {_ids(flt.factions)}")
    if flt.types:
        parts.append(f"type {_ids(flt.types)}")
    if flt.text:
        parts.append(f'text "{safe_line(flt.text)}"')
    if flt.date_from or flt.date_to:
        parts.append(f"dates {flt.date_from or '…'}..{flt.date_to or '…'}")
    return parts


def events_title(shown: int, total: int, flt: EventFilter, articles=None, review: str = "") -> Content:
    head = f"Events {shown} of {total}" if shown != total or not flt.is_empty else f"Events {total}"
    return Content(" · ".join([head, *filter_parts(flt, articles)]) + review)
