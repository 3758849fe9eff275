"""Add reports from the browser: a path in, the ingest in a worker with a progress bar.

Dismisses with the ingest summary's lines (one per skipped file, each saying why),
or None when cancelled. The store does the reading and extraction; this only shows.
"""
from __future__ import annotations

from pathlib import Path

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, ProgressBar

from store.sanitize import safe_line


class IngestScreen(ModalScreen[list[str] | None]):
    BINDINGS = [Binding("escape", "cancel", "Cancel", id="ingest.cancel")]

    def __init__(self, store) -> None:
        super().__init__()
        self.store = store
        self.running = False

    def compose(self) -> ComposeResult:
        with Vertical(id="ingest", classes="dialog") as box:
            box.border_title = "Add reports"
            yield Label("a file, a folder or a glob · Enter: add · Esc: cancel", classes="hint")
            yield Input(placeholder="path to reports", id="ingest-path")
            yield ProgressBar(id="ingest-progress", show_eta=False)
            yield Label("", id="ingest-said")

    def on_mount(self) -> None:
        self.query_one(ProgressBar).display = False

    def say(self, message: str) -> None:
        self.query_one("#ingest-said", Label).update(Text(safe_line(message)))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if self.running:
            return
        path = event.value.strip()
        if not path:
            self.say("Type a path first.")
            return
        if not any(ch in path for ch in "*?[") and not Path(path).expanduser().exists():
            self.say(f"No such file or folder: {path}")
            return
        self.running = True
        self.query_one(ProgressBar).display = True
        self.say("Reading …")
        self.ingest(str(Path(path).expanduser()) if not any(ch in path for ch in "*?[") else path)

    @work(thread=True, exclusive=True, group="ingest")
    def ingest(self, path: str) -> None:
        try:
            summary = self.store.ingest([path], progress=self._progress)
        except Exception as err:  # one line on screen; the store keeps what it had
            self.app.call_from_thread(self._failed, f"Not added: {err}")
            return
        self.app.call_from_thread(self.dismiss, summary.lines())

    def _progress(self, done: int, total: int, name: str = "") -> None:
        self.app.call_from_thread(self._show_progress, done, total, name)

    def _show_progress(self, done: int, total: int, name: str) -> None:
        self.query_one(ProgressBar).update(total=total or None, progress=done)
        self.say(f"{done} of {total}: {name}")

    def _failed(self, message: str) -> None:
        self.running = False
        self.query_one(ProgressBar).display = False
        self.say(message)

    def action_cancel(self) -> None:
        if self.running:
            self.say("Still adding: the reports read so far are kept either way; wait for the end.")
            return
        self.dismiss(None)
