"""Pane titles that say what is shown: counts and every active filter.

Titles are `Content` objects built from plain strings, never markup, because
they carry article titles and search text typed by the user. Crossings, posts and
factions are named ("crossing Al Waleed / Al Tanf · side Iraq", "post Al Tanf (Syria)",
"faction Islamic State"), never given by id.
"""
from __future__ import annotations

from typing import Mapping

from textual.content import Content

from store.filters import EventFilter
from store.names import country_name, crossing_name, faction_name, post_label
from store.sanitize import safe_line


def _ids(values) -> str:
    return ",".join(sorted(str(v) for v in values))


def _names(values, name) -> str:
    return ", ".join(sorted(safe_line(name(v)) for v in values))


def filter_parts(flt: EventFilter, articles: Mapping[str, Mapping] | None = None) -> list[str]:
    parts = []
    if flt.article_id:
        title = (articles or {}).get(flt.article_id, {}).get("title") or flt.article_id
        parts.append(f"article {safe_line(title)[:30]}")
    if flt.event_ids and flt.evidence_of:
        parts.append(f"evidence for post {safe_line(post_label(*flt.evidence_of))} ({len(flt.event_ids)} events)")
    elif flt.event_ids:
        parts.append(f"{len(flt.event_ids)} chosen events")
    if flt.evidence_of:
        pass  # the crossing is named in the evidence part
    elif len(flt.crossings) == 1 and len(flt.sides) == 1:
        parts.append(f"post {safe_line(post_label(next(iter(flt.crossings)), next(iter(flt.sides))))}")
    else:
        if flt.crossings:
            parts.append(f"crossing {_names(flt.crossings, crossing_name)}")
        if flt.sides:
            parts.append(f"side {_names(flt.sides, country_name)}")
    if flt.factions:
        parts.append(f"faction {_names(flt.factions, faction_name)}")
    if flt.types:
        parts.append(f"type {_ids(flt.types)}")
    if flt.text:
        parts.append(f'text "{safe_line(flt.text)}"')
    if flt.date_from or flt.date_to:
        parts.append(f"dates {flt.date_from or '…'}..{flt.date_to or '…'}")
    return parts


def events_count(shown: int, total: int, flt: EventFilter) -> str:
    return f"Events {shown} of {total}" if shown != total or not flt.is_empty else f"Events {total}"


def events_title(shown: int, total: int, flt: EventFilter, articles=None, review: str = "") -> Content:
    """The whole heading: counts and every active filter ("Events 17 of 47 · post Al Waleed (Iraq)")."""
    return Content(" · ".join([events_count(shown, total, flt), *filter_parts(flt, articles)]) + review)


def events_title_short(shown: int, total: int, flt: EventFilter, n_filters: int, review: str = "") -> Content:
    """The heading where the filters do not fit in the title: counts and how many filters (they
    are listed as chips under it, and all of them on `i`)."""
    filters = f"{n_filters} filter" + ("s" if n_filters != 1 else "")
    return Content(f"{events_count(shown, total, flt)} · {filters}{review}")
