"""Shown while the store opens or is built from the bundled reports (in a worker)."""
from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import Header, Label, LoadingIndicator, ProgressBar

from store.sanitize import safe_line
from tui.widgets.key_bar import KeyBar


class LoadingScreen(Screen):
    def __init__(self, what: str) -> None:
        super().__init__()
        self.what = what

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="loading"):
            yield Label(Text(safe_line(self.what)), id="loading-what")
            yield LoadingIndicator()
            yield ProgressBar(id="loading-progress", show_eta=False)
        yield KeyBar()

    def progress(self, done: int, total: int, message: str) -> None:
        bar = self.query_one(ProgressBar)
        bar.update(total=total or None, progress=done)
        self.query_one("#loading-what", Label).update(Text(safe_line(message)))  # file names are untrusted

    def failed(self, message: str) -> None:
        """The store could not be opened: say why in one line and stay until `q`."""
        self.query_one(LoadingIndicator).display = False
        self.query_one(ProgressBar).display = False
        self.query_one("#loading-what", Label).update(Text(safe_line(message) + "\n\nPress q to quit.", style="bold"))
