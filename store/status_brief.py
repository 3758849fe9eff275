"""The status brief: Markdown, one section per crossing, for `crosswatch export --format md`.

For each post: holder (allies joined with "+"; "(assumed)": a state's own post no report
gives to anyone), since, open or closed, independent sources and incidents, a
contested mark with the reports that dispute the holder, and the quoted sentences that
support it: one quote per incident, newest first, naming the other reports of it (so
syndicated copies and retellings do not repeat).
Article text is untrusted: every quote passes through `store.sanitize.safe_line` and HTML
is escaped, so the brief shows it as text in any Markdown viewer.

    render_status_brief(store, as_of=None, level=2) -> str   # level: of its top heading (a section of the export)
"""
from __future__ import annotations

import html

from .names import crossing_name, faction_name, holder_text, post_label
from .sanitize import safe_line
from .status import engine_for

QUOTES_PER_POST = 6


def _text(value) -> str:
    return html.escape(safe_line(str(value)), quote=False)


def _cite(event: dict) -> str:
    return ", ".join(_text(x) for x in (event.get("outlet"), event.get("published")) if x)


def _quotes(store, incident_of: dict[str, str], event_ids: list[str]) -> list[str]:
    """One quote per incident, newest first; the other reports of it named after the quote."""
    incidents: dict[str, list[dict]] = {}
    for event_id in reversed(event_ids):
        incidents.setdefault(incident_of.get(event_id, event_id), []).append(store.event(event_id))
    lines = []
    for reports in incidents.values():
        lead = min(reports, key=lambda e: (bool(e.get("hedged")), e.get("date") is None))
        said = f" ({_text(lead['source'])})" if lead.get("source") else ""
        line = f"> “{_text(lead.get('sentence') or '')}”{said}" + (f" — {_cite(lead)}" if _cite(lead) else "")
        others = sorted({_cite(e) for e in reports if e is not lead and _cite(e)} - {_cite(lead)})
        if len(reports) > 1:
            line += f"; also {len(reports) - 1} more report(s) of it" + (f": {'; '.join(others)}" if others else "")
        lines.append(line)
    if len(lines) > QUOTES_PER_POST:
        more = len(lines) - QUOTES_PER_POST
        lines = lines[:QUOTES_PER_POST] + [f"> … and {more} more incident(s)"]
    return ["\n>\n".join(lines)] if lines else ["_No report supports a holder._"]


def _post_section(store, incident_of: dict[str, str], post: dict, level: int, on: str | None = None) -> list[str]:
    """One post's paragraph; factions named as they were called on `on` (the status date)."""
    holder = post["holder"]
    if post.get("assumed"):
        head = f"**{_text(holder_text(post, on=on))}**: no report names a holder yet; the post is its own state's by default"
    elif holder:
        head = f"held by **{_text(holder_text(post, on=on))}** since {post['since']}"
    elif post["since"]:
        head = f"**no holder known** since {post['since']}"
    else:
        head = "**holder unknown**"
    lines = [f"{'#' * (level + 2)} {_text(post_label(post['crossing'], post['side']))}: {head}", ""]
    facts = [
        f"open or closed: {post['open']}",
        f"independent sources: {post['sources']}",
        f"incidents: {post.get('incidents', 0)}",
        f"last report: {post['last_report'] or '—'}",
    ]
    lines += ["- " + " · ".join(facts)]
    if post["contested"]:
        lines += ["- **CONTESTED**: reports from different sources disagree within the window:"]
        for event_id in post.get("disputed_by", []):
            event = store.event(event_id)
            lines.append(f"  - {_text(faction_name(event.get('actor'), event.get('date') or event.get('published')))} — “{_text(event.get('sentence') or '')}”"
                         + (f" ({_text(event['outlet'])})" if event.get("outlet") else ""))
    lines += ["", *_quotes(store, incident_of, post["events"]), ""]
    return lines


def render_status_brief(store, as_of=None, level: int = 2) -> str:
    engine = engine_for(store)
    status = engine.status(as_of)
    lines = [
        f"{'#' * level} Crossing status as of {status['as_of'] or '—'}",
        "",
        "Who holds each post, since when, and the reports that say so. Syndicated copies of a story "
        "and one outlet's articles count as one source.",
        "",
    ]
    if not status["posts"]:
        return "\n".join(lines + ["No report names a crossing yet.", ""])
    by_crossing: dict[str, list[dict]] = {}
    for post in status["posts"]:
        by_crossing.setdefault(post["crossing"], []).append(post)
    for crossing, posts in by_crossing.items():
        lines += [f"{'#' * (level + 1)} {_text(crossing_name(crossing))}", ""]
        for post in posts:
            lines += _post_section(store, engine.incidents(crossing), post, level, status["as_of"])
    return "\n".join(lines)
