"""A modal checklist for one filter facet (crossings, factions or event types)."""
from __future__ import annotations

from typing import Sequence

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Label, SelectionList
from textual.widgets.selection_list import Selection

from store.sanitize import safe_line


class PickerScreen(ModalScreen[frozenset | None]):
    """Dismisses with the chosen values (empty: no restriction), or None when cancelled."""

    BINDINGS = [
        Binding("enter", "apply", "Apply", priority=True, id="picker.apply"),
        Binding("escape", "cancel", "Cancel", id="picker.cancel"),
        Binding("backspace", "clear", "Clear all", id="picker.clear"),
    ]

    def __init__(self, title: str, options: Sequence[tuple[str, str]], chosen: frozenset) -> None:
        super().__init__()
        self.title_text = title
        self.options = options
        self.chosen = chosen

    def compose(self) -> ComposeResult:
        with Vertical(id="picker", classes="dialog") as box:
            box.border_title = self.title_text
            yield Label("space: tick · enter: apply · backspace: clear · esc: cancel", classes="hint")
            yield SelectionList[str](
                *(Selection(Text(safe_line(label)), value, value in self.chosen) for value, label in self.options)
            )

    def action_apply(self) -> None:
        self.dismiss(frozenset(self.query_one(SelectionList).selected))

    def action_clear(self) -> None:
        self.query_one(SelectionList).deselect_all()

    def action_cancel(self) -> None:
        self.dismiss(None)
