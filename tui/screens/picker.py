"""A modal checklist for one filter facet (crossings, factions or event types)."""
from __future__ import annotations

from typing import Sequence

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from rich.segment import Segment
from textual.strip import Strip
from textual.widgets import Label, SelectionList
from textual.widgets import Checkbox as ToggleButton  # its BUTTON_INNER is the selection box
from textual.widgets.selection_list import Selection

from store.sanitize import safe_line


class TickedSelectionList(SelectionList):
    """A SelectionList whose ticked boxes show ✓ and unticked ones a blank: not told by colour alone."""

    def render_line(self, y: int) -> Strip:
        strip = super().render_line(y)
        segments = []
        for segment in strip:
            meta = segment.style.meta if segment.style else {}
            if segment.text == ToggleButton.BUTTON_INNER and "option" in meta:
                ticked = self.get_option_at_index(meta["option"]).value in self.selected
                segment = Segment("✓" if ticked else " ", segment.style)
            segments.append(segment)
        return Strip(segments, strip.cell_length)


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
            yield TickedSelectionList(
                *(Selection(Text(safe_line(label)), value, value in self.chosen) for value, label in self.options)
            )

    def action_apply(self) -> None:
        self.dismiss(frozenset(self.query_one(SelectionList).selected))

    def action_clear(self) -> None:
        self.query_one(SelectionList).deselect_all()

    def action_cancel(self) -> None:
        self.dismiss(None)
