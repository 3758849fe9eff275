"""`crosswatch status [--as-of YYYY-MM-DD] --format table|json`: who holds each post of each crossing."""
from __future__ import annotations

import argparse
import json
import os
import sys

COLUMNS = ("crossing", "side", "holder", "since", "open", "last_report", "sources", "incidents", "contested")
SOURCES_SHOWN, ARTICLES_SHOWN = 12, 6
HEADINGS = ("crossing", "side", "holder", "since", "open", "last report", "sources", "incidents", "contested")


def register(subparsers) -> None:
    parser = subparsers.add_parser("status", help="who holds each crossing, since when, how sure (as of a date)")
    parser.add_argument("--as-of", metavar="YYYY-MM-DD", help="the day to answer for (default: the newest report)")
    parser.add_argument("--format", choices=("table", "json"), default="table")
    parser.add_argument("--store", metavar="PATH", default=argparse.SUPPRESS, help="store folder (default: $CROSSWATCH_STORE or the user data folder)")
    parser.set_defaults(run=run)


def _open(folder):
    """Read-only when a store exists (a browser may hold it); a first run (no folder, or an empty
    one) builds the demo store from the bundled reports; anything else is refused (StoreError)."""
    from store.db import Store
    from store.db.schema import store_state

    return Store.open_or_build(folder) if store_state(folder) == "new" else Store.open(folder, readonly=True)


def _cell(post: dict, column: str) -> str:
    value = post.get(column)
    if column == "contested":
        return "CONTESTED" if value else "-"
    if column == "holder":
        from store.names import holder_text

        text = holder_text(post, names=False)  # allies joined by "+", "(assumed)" for a state's own post
        return text or ("(none)" if post.get("since") else "(unknown)")
    return "-" if value is None else str(value)


def render_table(status: dict) -> str:
    from store.sanitize import safe_line

    rows = [HEADINGS] + [tuple(safe_line(_cell(p, c)) for c in COLUMNS) for p in status["posts"]]
    widths = [max(len(r[i]) for r in rows) for i in range(len(COLUMNS))]
    lines = [f"as of {status['as_of'] or '(no reports)'}"]
    lines += ["  ".join(cell.ljust(w) for cell, w in zip(row, widths)).rstrip() for row in rows]
    if not status["posts"]:
        lines.append("(no event names a crossing yet)")
    if any(p.get("assumed") for p in status["posts"]):
        lines.append("(assumed): no report names a holder of the post yet; shown as its own state's by default")
    if any(len(p.get("holders") or ()) > 1 for p in status["posts"]):
        lines.append("a + b: allies holding the post together (data/holding.json)")
    return "\n".join(lines)


def render_sources(marks: list[dict]) -> str:
    """Which reports count as one source: an outlet's articles, and syndicated copies."""
    from store.sanitize import safe_line

    groups: dict[str, list[str]] = {}
    by_id = {m["id"]: m for m in marks}
    for mark in marks:
        label = safe_line(mark.get("name") or mark["id"])
        if mark.get("syndicated_of"):
            copied = by_id.get(mark["syndicated_of"], {})
            label += f" (copy of {safe_line(copied.get('name') or mark['syndicated_of'])})"
        groups.setdefault(safe_line(str(mark["source"])), []).append(label)
    lines = [f"independent sources: {len(groups)}"]
    for source, labels in list(groups.items())[:SOURCES_SHOWN]:
        more = f", and {len(labels) - ARTICLES_SHOWN} more" if len(labels) > ARTICLES_SHOWN else ""
        lines.append(f"  {source}: {', '.join(labels[:ARTICLES_SHOWN])}{more}")
    if len(groups) > SOURCES_SHOWN:
        lines.append(f"  … and {len(groups) - SOURCES_SHOWN} more sources (--format json lists every article)")
    return "\n".join(lines)


def run(args) -> int:
    from store.db import StoreError
    from store.paths import resolve_store_dir
    from store.sanitize import safe_line
    from store.claims import parse_day
    from store.status import engine_for

    if args.as_of is not None and parse_day(args.as_of) is None:
        print(f"crosswatch status: --as-of {safe_line(args.as_of)!r} is not a date; use YYYY-MM-DD", file=sys.stderr)
        return 2
    folder = resolve_store_dir(getattr(args, "store", None))
    try:
        with _open(folder) as store:
            engine = engine_for(store)
            status = engine.status(args.as_of)
            marks = engine.article_marks()
            names = {a["id"]: a.get("name") for a in store.articles()}
    except StoreError as err:
        print(f"crosswatch status: {safe_line(str(err))}", file=sys.stderr)
        return 1
    for mark in marks:
        mark["name"] = names.get(mark["id"])
    if args.format == "json":
        text = json.dumps({**status, "articles": marks}, indent=2, ensure_ascii=False)
    else:
        text = render_table(status) + "\n" + render_sources(marks)
    try:
        print(text)
        sys.stdout.flush()
    except BrokenPipeError:  # the reader stopped early (`| head`): not an error
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    return 0
