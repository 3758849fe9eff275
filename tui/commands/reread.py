"""`crosswatch reread`: re-read the stored reports an older extractor read, from the store's own texts."""
from __future__ import annotations

import argparse
import sys


def register(subparsers) -> None:
    parser = subparsers.add_parser("reread", help="re-read stored reports with this version's extractor (after an upgrade), and any an interrupted update left off their text")
    parser.add_argument("--store", metavar="PATH", default=argparse.SUPPRESS, help="store folder (default: $CROSSWATCH_STORE or the user data folder)")
    parser.add_argument("--workers", type=int, default=None, metavar="N", help="extraction processes (default: one per core)")
    parser.set_defaults(run=run)


def run(args) -> int:
    from store.db import StoreError
    from store.db.schema import store_state
    from store.extract import EXTRACTOR_VERSION
    from store.paths import resolve_store_dir
    from store.reread import reread_stale
    from store.sanitize import safe_line
    from tui.commands.store_job import JobRefused, run_on_store

    folder = resolve_store_dir(getattr(args, "store", None))
    try:
        state = store_state(folder)
    except StoreError as err:
        print(f"crosswatch reread: {safe_line(str(err))}", file=sys.stderr)
        return 1
    if state == "new":
        print(f"crosswatch reread: no store at {safe_line(str(folder))}; nothing to re-read", file=sys.stderr)
        return 1
    try:
        summary = run_on_store("reread", folder, lambda store, progress: reread_stale(store, progress=progress, workers=args.workers, repair=True))
    except JobRefused:
        return 1
    if not summary.reread and not summary.failed:
        print(f"nothing to re-read: every report was read by extractor {EXTRACTOR_VERSION} (store: {safe_line(str(folder))})")
        return 0
    first, *rest = summary.lines()
    print(f"{first} (store: {safe_line(str(folder))})")
    for line in rest:
        print(safe_line(line), file=sys.stderr)
    return 1 if summary.failed else 0
