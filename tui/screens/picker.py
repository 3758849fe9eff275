"""A modal checklist for one filter facet (crossings, factions or event types).

Options are shown by name ("Al Waleed / Al Tanf", "Islamic State"), never by id, and found by
any name they go by: typing in the list (or in the box above it) narrows it to the options one
of whose names holds the words typed, case and hyphens ignored ("YPG" finds the Syrian
Democratic Forces, "Daesh" Islamic State, "Tanf" and "Abu Kamal" their crossings;
store.names.matching_name). Ticks survive narrowing. Enter applies the ticked options, or,
with none ticked, every option the typed words find.
"""
from __future__ import annotations

from typing import Sequence

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from rich.segment import Segment
from textual.strip import Strip
from textual.widgets import Input, Label, SelectionList
from textual.widgets import Checkbox as ToggleButton  # its BUTTON_INNER is the selection box
from textual.widgets.selection_list import Selection

from store.names import matching_name
from store.sanitize import safe_line
from tui.screens.sizes import SizeClasses

Option = tuple  # (value, label) or (value, label, other names it is found by)


class TickedSelectionList(SelectionList):
    """A SelectionList whose ticked boxes show ✓ and unticked ones a blank: not told by colour alone.

    A printable key other than space starts finding by name (the picker's box takes it)."""

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

    def on_key(self, event: events.Key) -> None:
        if event.character and event.character.isprintable() and event.character != " " and event.is_printable:
            event.stop()
            event.prevent_default()
            self.screen.type_ahead(event.character)


class PickerScreen(SizeClasses, ModalScreen[frozenset | None]):
    """Dismisses with the chosen values (empty: no restriction), or None when cancelled."""

    BINDINGS = [
        Binding("enter", "apply", "Apply", priority=True, id="picker.apply"),
        Binding("escape", "cancel", "Cancel", id="picker.cancel"),
        Binding("backspace", "clear", "Clear all", id="picker.clear"),
    ]
    AUTO_FOCUS = "SelectionList"

    def __init__(self, title: str, options: Sequence[Option], chosen: frozenset) -> None:
        super().__init__()
        self.title_text = title
        self.options = [(o[0], o[1], tuple(o[2]) if len(o) > 2 else ()) for o in options]
        self.ticked = set(chosen)
        self.shown = [value for value, _, _ in self.options]

    def compose(self) -> ComposeResult:
        with Vertical(id="picker", classes="dialog") as box:
            box.border_title = self.title_text
            yield Label("type to find · space: tick · enter: apply · backspace: clear · esc: cancel", classes="hint")
            yield Input(id="picker-find", placeholder="find by any name: YPG, Daesh, Tanf, Abu Kamal …",
                        compact=True, select_on_focus=False)
            yield TickedSelectionList(*self._selections(self.options))
            yield Label("", id="picker-none")

    def _selections(self, options) -> list[Selection]:
        return [Selection(Text(safe_line(label)), value, value in self.ticked) for value, label, _ in options]

    def _found(self, query: str) -> list[Option]:
        if not query.strip():
            return self.options
        return [o for o in self.options if matching_name(query, (o[1], *o[2]))]

    def _sync(self) -> None:
        """The ticks of the options on show, folded into those of the hidden ones."""
        listing = self.query_one(SelectionList)
        self.ticked = (self.ticked - set(self.shown)) | set(listing.selected)

    def type_ahead(self, character: str) -> None:
        find = self.query_one("#picker-find", Input)
        find.focus()
        find.insert_text_at_cursor(character)

    @on(Input.Changed, "#picker-find")
    def narrow(self, message: Input.Changed) -> None:
        self._sync()
        found = self._found(message.value)
        listing = self.query_one(SelectionList)
        with listing.prevent(SelectionList.SelectedChanged):
            listing.clear_options()
            listing.add_options(self._selections(found))
        self.shown = [value for value, _, _ in found]
        if found:
            listing.highlighted = 0
        none = self.query_one("#picker-none", Label)
        none.update(Text(f"nothing goes by “{safe_line(message.value)}” · esc: clear the words") if not found else "")
        none.display = not found

    def on_key(self, event: events.Key) -> None:
        if event.key in ("down", "tab") and self.query_one("#picker-find", Input).has_focus:
            event.stop()
            event.prevent_default()
            self.query_one(SelectionList).focus()

    def action_apply(self) -> None:
        self._sync()
        query = self.query_one("#picker-find", Input).value
        if not self.ticked and query.strip():
            if not self.shown:
                self.notify(safe_line(f"Nothing goes by “{query}”."), severity="warning", markup=False)
                return
            self.dismiss(frozenset(self.shown))
            return
        self.dismiss(frozenset(self.ticked))

    def action_clear(self) -> None:
        self.ticked = set()
        self.query_one(SelectionList).deselect_all()

    def action_cancel(self) -> None:
        find = self.query_one("#picker-find", Input)
        if find.value:  # Esc first drops the words typed, then the picker
            find.value = ""
            self.query_one(SelectionList).focus()
            return
        self.dismiss(None)
