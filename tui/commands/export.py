"""`crosswatch export --format csv|jsonl|md`: the corrected events with their notes.

What it leaves out (rejected events, candidates not completed and accepted) is said in one
line on stderr, so a short export is never a silent surprise. `--crossing` and `--faction` take
any name or id ("Al Waleed", "Tanf", "YPG", "Daesh"); one that names nothing known is refused
with exit status 2 and the list of known ones, before anything is written.
"""
from __future__ import annotations

import argparse
import sys


def register(subparsers) -> None:
    parser = subparsers.add_parser("export", help="write the corrected events and notes as CSV, JSONL or a Markdown brief")
    parser.add_argument("--format", choices=("csv", "jsonl", "md"), default="jsonl")
    parser.add_argument("--crossing", action="append", default=[], metavar="NAME",
                        help="only this crossing, by any of its or its posts' names or its id: 'Al Waleed', 'Tanf' (repeatable)")
    parser.add_argument("--faction", action="append", default=[], metavar="NAME",
                        help="only this faction, by any of its names or its id: 'Islamic State', 'Daesh', 'YPG' (repeatable)")
    parser.add_argument("--include-rejected", action="store_true", help="keep events the analyst rejected")
    parser.add_argument("--output", "-o", metavar="FILE", help="write here instead of standard output")
    parser.add_argument("--store", metavar="PATH", default=argparse.SUPPRESS, help="store folder (default: $CROSSWATCH_STORE or the user data folder)")
    parser.set_defaults(run=run)


def _open(folder):
    """Read-only when a store exists (a browser may hold it); a first run (no folder, or an empty
    one) builds the demo store from the bundled reports; anything else is refused (StoreError)."""
    from store.db import Store
    from store.db.schema import store_state

    return Store.open_or_build(folder) if store_state(folder) == "new" else Store.open(folder, readonly=True)


def run(args) -> int:
    from store.db import StoreError
    from store.db.atomic import atomic_write
    from store.export import UnknownName, export, left_out, left_out_line, named_filter
    from store.paths import resolve_store_dir
    from store.sanitize import safe_line

    try:
        flt = named_filter(args.crossing, args.faction)
    except UnknownName as err:
        print(f"crosswatch export: {safe_line(str(err))}", file=sys.stderr)
        return 2
    folder = resolve_store_dir(getattr(args, "store", None))
    try:
        with _open(folder) as store:
            text = export(store, args.format, flt=flt, include_rejected=args.include_rejected)
            dropped = left_out_line(left_out(store, flt, args.include_rejected))
    except StoreError as err:
        print(f"crosswatch export: {safe_line(str(err))}", file=sys.stderr)
        return 1
    if args.output:
        try:
            atomic_write(args.output, text.encode("utf-8"))
        except OSError as err:
            print(f"crosswatch export: cannot write {safe_line(args.output)}: {err.strerror}", file=sys.stderr)
            return 1
    else:
        sys.stdout.write(text)
    if dropped:
        print(f"crosswatch export: {dropped}", file=sys.stderr)
    return 0
