"""After an upgrade, re-read the stored reports an older extractor read, without blocking the analyst.

Mixed into the main screen. The re-read (`store.reread`) runs in a thread worker, its
extraction in worker processes as ingest's does; the thread never waits on the UI
while it works (progress is polled by a timer), so quitting can stop it at once: what
was extracted is written shard by shard, atomically, and the rest stays stale for the
next open. When it ends the panes reload the way adding reports reloads them.
"""
from __future__ import annotations

import threading

from textual.worker import get_current_worker

from store.sanitize import safe_line

STOP_WAIT = 10.0  # seconds quitting waits for the batch being written


class Rereading:
    """`start_reread()` once the data is on screen; `stop_reread()` when the screen goes.

    The extraction modules are imported, and stale reports looked for, on the worker
    thread: the first screen must not wait for them.
    """

    def start_reread(self) -> None:
        self._reread_stop = threading.Event()
        self._reread_finished = threading.Event()
        self._reread_writing = threading.Event()
        self._reread_at = (0, 0)
        self.run_worker(self._reread, thread=True, group="reread", exclusive=True, name="reread")

    def _reread_began(self, stale: int, version: str) -> None:
        if self.app.store.readonly:
            self.notify(f"{stale} reports here were read by an older extractor; they are re-read with {version} "
                        "when this store is opened on its own.", title="Older extractor", timeout=10, markup=False)
            return
        self.notify(f"Re-reading {stale} reports with the new extractor ({version}) …", title="Extractor upgraded", markup=False)
        self._show_reread()
        self._reread_timer = self.set_interval(0.25, self._show_reread)

    def stop_reread(self) -> None:
        """Quitting: stop between reports and wait for the batch being written (the store closes next)."""
        stop = getattr(self, "_reread_stop", None)
        if stop is not None:
            stop.set()
            if self._reread_writing.is_set():  # before that the worker may be waiting on this very thread
                self._reread_finished.wait(STOP_WAIT)

    def _reread(self) -> None:
        """Runs on the worker thread; once started, the UI is told only when every write is done."""
        from store.extract import EXTRACTOR_VERSION
        from store.reread import reread_stale, stale_articles

        worker = get_current_worker()
        store = self.app.store
        stale = len(stale_articles(store))
        if not stale or self._reread_stop.is_set():
            self._reread_finished.set()
            return
        self._reread_at = (0, stale)
        self.app.call_from_thread(self._reread_began, stale, EXTRACTOR_VERSION)
        if store.readonly:
            self._reread_finished.set()
            return
        self._reread_writing.set()
        try:
            summary = reread_stale(store, progress=self._reread_progress,
                                   stop=lambda: self._reread_stop.is_set() or worker.is_cancelled)
        except Exception as err:  # one line on screen; the store keeps every batch already written
            self._reread_finished.set()
            if not self._reread_stop.is_set():
                self.app.call_from_thread(self._reread_ended, None, safe_line(f"Re-read stopped: {err}"))
            return
        self._reread_finished.set()
        if not self._reread_stop.is_set():
            self.app.call_from_thread(self._reread_ended, summary, None)

    def _reread_progress(self, done: int, total: int, name: str = "") -> None:
        self._reread_at = (done, total)  # read by the timer: this thread must never wait on the UI

    def _show_reread(self) -> None:
        done, total = self._reread_at
        self.query_one("#events-pane").border_subtitle = f"re-reading {done} of {total} reports …"

    def _reread_ended(self, summary, failure: str | None) -> None:
        if getattr(self, "_reread_timer", None) is not None:
            self._reread_timer.stop()
        self.query_one("#events-pane").border_subtitle = ""
        if summary is not None and summary.reread:
            self.app.articles = {a["id"]: a for a in self.app.store.articles()}
            self.app.store.keep_snapshot()
            self.load_store()
            self.refresh_status()
            self.show_lit()  # the lit event's dict (and maybe its article's text) was replaced
        if failure:
            self.notify(failure, title="Re-read", severity="error", timeout=15, markup=False)
        elif summary is not None:
            first = summary.lines()[0]
            more = f" · {len(summary.failed)} not re-read: {summary.failed[0][0]}: {summary.failed[0][1]}" if summary.failed else ""
            self.notify(safe_line(first + more), title="Reports re-read", severity="warning" if summary.failed else "information",
                        timeout=10, markup=False)
