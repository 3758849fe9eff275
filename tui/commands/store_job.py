"""What `ingest` and `reread` share: the store opened for writing, a progress bar, the snapshot kept."""
from __future__ import annotations

import sys
from pathlib import Path
from typing import Callable

PROGRESS_FROM = 20  # files; fewer finish before a bar would be worth drawing


class JobRefused(Exception):
    """The store could not be written; `str(err)` is the one line already printed."""


def progress_bar():
    """A rich bar on stderr (None, None when stderr is not a terminal) and its callback."""
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    console = Console(stderr=True)
    if not console.is_terminal:
        return None, None
    bar = Progress(TextColumn("extracting"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(), console=console, transient=True)
    task = bar.add_task("extract", total=None)

    def progress(done: int, total: int, name: str = "") -> None:
        if total >= PROGRESS_FROM:
            if not bar.live.is_started:
                bar.start()
            bar.update(task, completed=done, total=total)

    return bar, progress


def run_on_store(command: str, folder: Path, job: Callable):
    """`job(store, progress)` on the store opened for writing; its result, or JobRefused after saying why."""
    from store.db import Store, StoreError
    from store.sanitize import safe_line

    try:
        with Store.open(folder) as store:
            if store.readonly:
                retry = "close the other window and retry" if store.lock_taken else "nothing was written"
                raise _refuse(command, f"{safe_line(str(folder))} is read-only ({safe_line(store.readonly_reason)}); {retry}")
            for line in store.recovered:  # updates a kill cut short, finished or undone on open
                print(f"crosswatch {command}: {safe_line(line)}", file=sys.stderr)
            bar, progress = progress_bar()
            try:
                result = job(store, progress)
            finally:
                if bar is not None:
                    bar.stop()
            store.keep_snapshot(wait=True)  # the next open reads it instead of every shard (big stores)
    except StoreError as err:
        raise _refuse(command, safe_line(str(err))) from None
    return result


def _refuse(command: str, why: str) -> JobRefused:
    print(f"crosswatch {command}: {why}", file=sys.stderr)
    return JobRefused(why)
