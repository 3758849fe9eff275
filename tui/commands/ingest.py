"""`crosswatch ingest PATH...`: read, extract and store reports; a summary at the end."""
from __future__ import annotations

import argparse
import sys


def register(subparsers) -> None:
    parser = subparsers.add_parser("ingest", help="add reports (files, folders, globs) to the store")
    parser.add_argument("paths", nargs="+", metavar="PATH", help="article files, folders or glob patterns")
    parser.add_argument("--store", metavar="PATH", default=argparse.SUPPRESS, help="store folder (default: $CROSSWATCH_STORE or the user data folder)")
    parser.add_argument("--workers", type=int, default=None, metavar="N", help="extraction processes (default: one per core)")
    parser.set_defaults(run=run)


def run(args) -> int:
    from store.ingest import ingest_paths
    from store.paths import resolve_store_dir
    from store.sanitize import safe_line
    from tui.commands.store_job import JobRefused, run_on_store

    folder = resolve_store_dir(getattr(args, "store", None))
    try:
        summary = run_on_store("ingest", folder, lambda store, progress: ingest_paths(store, args.paths, progress=progress, workers=args.workers))
    except JobRefused:
        return 1
    first, *skipped = summary.lines()
    print(f"{first} (store: {safe_line(str(folder))})")
    for line in skipped:
        print(safe_line(line), file=sys.stderr)
    failed = [reason for _, reason in summary.skipped if not reason.startswith(("unchanged", "same text"))]
    return 1 if failed else 0
