"""The status brief: Markdown, one section per crossing, for `crosswatch export --format md`.

For each post: holder, since, open or closed, independent sources and incidents, a
contested mark with the reports that dispute the holder, and the quoted sentences that
support it (one quote per distinct sentence: syndicated copies of a story quote once).
Article text is untrusted: every quote passes through `store.sanitize.safe_line` and HTML
is escaped, so the brief shows it as text in any Markdown viewer.

    render_status_brief(store, as_of=None) -> str
"""
from __future__ import annotations

import html

from .names import crossing_name, faction_name, post_name
from .sanitize import safe_line
from .status import engine_for

QUOTES_PER_POST = 6


def _text(value) -> str:
    return html.escape(safe_line(str(value)), quote=False)


def _quotes(store, event_ids: list[str]) -> list[str]:
    lines, seen = [], set()
    for event_id in event_ids:
        event = store.event(event_id)
        sentence = _text(event.get("sentence") or "")
        if not sentence or sentence in seen:
            continue
        seen.add(sentence)
        cite = ", ".join(_text(x) for x in (event.get("outlet"), event.get("published")) if x)
        said = f" ({_text(event['source'])})" if event.get("source") else ""
        lines.append(f"> “{sentence}”{said}" + (f" — {cite}" if cite else ""))
    if len(lines) > QUOTES_PER_POST:
        more = len(lines) - QUOTES_PER_POST
        lines = lines[:QUOTES_PER_POST] + [f"> … and {more} more"]
    return ["\n>\n".join(lines)] if lines else ["_No report supports a holder._"]


def _post_section(store, post: dict) -> list[str]:
    holder = post["holder"]
    if holder:
        head = f"held by **{_text(faction_name(holder))}** since {post['since']}"
    elif post["since"]:
        head = f"**no holder known** since {post['since']}"
    else:
        head = "**holder unknown**"
    lines = [f"### {_text(post_name(post['crossing'], post['side']))} ({_text(post['side'] or '?')}): {head}", ""]
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
            lines.append(f"  - {_text(faction_name(event.get('actor')))} — “{_text(event.get('sentence') or '')}”"
                         + (f" ({_text(event['outlet'])})" if event.get("outlet") else ""))
    lines += ["", *_quotes(store, post["events"]), ""]
    return lines


def render_status_brief(store, as_of=None) -> str:
    status = engine_for(store).status(as_of)
    lines = [
        f"# Crossing status as of {status['as_of'] or '—'}",
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
        lines += [f"## {_text(crossing_name(crossing))} (`{_text(crossing)}`)", ""]
        for post in posts:
            lines += _post_section(store, post)
    return "\n".join(lines)
