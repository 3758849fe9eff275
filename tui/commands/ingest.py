"""`crosswatch ingest PATH...`: read, extract and store reports; a summary at the end."""
from __future__ import annotations

import argparse
import sys

PROGRESS_FROM = 20  # files; fewer finish before a bar would be worth drawing


def register(subparsers) -> None:
    parser = subparsers.add_parser("ingest", help="add reports (files, folders, globs) to the store")
    parser.add_argument("paths", nargs="+", metavar="PATH", help="article files, folders or glob patterns")
    parser.add_argument("--store", metavar="PATH", default=argparse.SUPPRESS, help="store folder (default: $CROSSWATCH_STORE or the user data folder)")
    parser.add_argument("--workers", type=int, default=None, metavar="N", help="extraction processes (default: one per core)")
    parser.set_defaults(run=run)


def _progress_bar():
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    console = Console(stderr=True)
    if not console.is_terminal:
        return None, None
    bar = Progress(TextColumn("extracting"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(), console=console, transient=True)
    task = bar.add_task("ingest", total=None)

    def progress(done: int, total: int, name: str) -> None:
        if total >= PROGRESS_FROM:
            if not bar.live.is_started:
                bar.start()
            bar.update(task, completed=done, total=total)

    return bar, progress


def run(args) -> int:
    from store.db import Store, StoreError
    from store.ingest import ingest_paths
    from store.paths import resolve_store_dir
    from store.sanitize import safe_line

    folder = resolve_store_dir(getattr(args, "store", None))
    bar = None
    try:
        with Store.open(folder) as store:
            if store.readonly:
                print(f"crosswatch ingest: {folder} is read-only ({store.readonly_reason}); close the other window and retry", file=sys.stderr)
                return 1
            bar, progress = _progress_bar()
            try:
                summary = ingest_paths(store, args.paths, progress=progress, workers=args.workers)
            finally:
                if bar is not None:
                    bar.stop()
            store.keep_snapshot(wait=True)  # the next open reads it instead of every shard (big stores)
    except StoreError as err:
        print(f"crosswatch ingest: {safe_line(str(err))}", file=sys.stderr)
        return 1
    first, *skipped = summary.lines()
    print(f"{first} (store: {safe_line(str(folder))})")
    for line in skipped:
        print(safe_line(line), file=sys.stderr)
    failed = [reason for _, reason in summary.skipped if not reason.startswith(("unchanged", "same text"))]
    return 1 if failed else 0
