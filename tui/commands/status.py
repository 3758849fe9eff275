"""`crosswatch status [--as-of YYYY-MM-DD] --format table|json`: who holds each post of each crossing.

The table is for people: crossings, posts and holders by name ("Al Waleed (Iraq)", "Islamic
State", the holder as named on the as-of day); the JSON keeps the ids."""
from __future__ import annotations

import argparse
import json
import os
import sys

COLUMNS = ("crossing", "post", "holder", "since", "open", "last_report", "sources", "incidents", "contested")
SOURCES_SHOWN, ARTICLES_SHOWN = 12, 6
HEADINGS = ("crossing", "post", "holder", "since", "open", "last report", "sources", "incidents", "contested")


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

    class StatusStore(Store):  # a status asks for no filter: the filters' indexes are not built on a thread meanwhile
        WARM_ON_OPEN = False

    return StatusStore.open_or_build(folder) if store_state(folder) == "new" else StatusStore.open(folder, readonly=True)


def _cell(post: dict, column: str, on: str | None = None) -> str:
    from store.names import crossing_name, holder_text, post_label

    value = post.get(column)
    if column == "crossing":
        return crossing_name(post["crossing"])
    if column == "post":
        return post_label(post["crossing"], post.get("side"))
    if column == "contested":
        return "CONTESTED" if value else "-"
    if column == "holder":
        text = holder_text(post, on=on)  # named as on the as-of day; allies joined by "+", "(assumed)" for a state's own post
        return text or ("(none)" if post.get("since") else "(unknown)")
    return "-" if value is None else str(value)


def render_table(status: dict) -> str:
    from store.sanitize import safe_line

    rows, previous = [HEADINGS], None
    for post in status["posts"]:
        row = [safe_line(_cell(post, column, status.get("as_of"))) for column in COLUMNS]
        if post["crossing"] == previous:
            row[0] = ""  # the crossing is named on its first post's row
        previous = post["crossing"]
        rows.append(tuple(row))
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
    from store.paths import resolve_store_dir
    from store.sanitize import safe_line
    from store.claims import parse_day
    from store.status_kept import KeptStatus

    if args.as_of is not None and parse_day(args.as_of) is None:
        print(f"crosswatch status: --as-of {safe_line(args.as_of)!r} is not a date; use YYYY-MM-DD", file=sys.stderr)
        return 2
    folder = resolve_store_dir(getattr(args, "store", None))
    kept = KeptStatus(folder)  # the answer of the last status, when the store has not changed since
    status, marks = kept.status(args.as_of), kept.marks()
    if status is None or marks is None:
        from store.db import StoreError  # (the store is opened only when the answer was not kept)
        from store.status_catch_up import status_with_marks

        try:
            with _open(folder) as store:
                status, marks = status_with_marks(store, args.as_of, kept)
        except StoreError as err:
            print(f"crosswatch status: {safe_line(str(err))}", file=sys.stderr)
            return 1
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
