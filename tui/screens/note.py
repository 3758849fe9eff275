"""The note editor: a modal text area; F2 or the Save button saves, Esc cancels."""
from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Label, Static, TextArea

from store.sanitize import safe_line, safe_text
from tui.screens.sizes import SizeClasses


class NoteScreen(SizeClasses, ModalScreen[str | None]):
    """Dismisses with the note text ("" deletes the note), or None when cancelled."""

    BINDINGS = [
        Binding("f2", "save", "Save", priority=True, id="note.save"),
        Binding("escape", "cancel", "Cancel", id="note.cancel"),
    ]

    def __init__(self, sentence: str, note: str | None, about: str | None = None) -> None:
        """`about`: one line naming the event by its names ("captured · Islamic State · Al Waleed (Iraq) · 2014-06-22")."""
        super().__init__()
        self.sentence = sentence
        self.about = about
        self.note = safe_text(note or "")  # escapes neutralised before the editor shows them

    def compose(self) -> ComposeResult:
        with Vertical(id="note-editor", classes="dialog") as box:
            box.border_title = "Note"
            if self.about:
                yield Static(Text(safe_line(self.about)), classes="about")
            yield Static(Text(safe_line(self.sentence)), classes="quote")
            yield TextArea(self.note, id="note-text", soft_wrap=True, tab_behavior="focus")
            yield Label("F2: save · Esc: cancel · Tab: buttons", classes="hint")
            with Horizontal(classes="buttons"):
                yield Button("Save", id="save", variant="primary")
                yield Button("Cancel", id="cancel")

    def on_mount(self) -> None:
        area = self.query_one(TextArea)
        area.focus()
        area.move_cursor(area.document.end)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.action_save() if event.button.id == "save" else self.action_cancel()

    def action_save(self) -> None:
        self.dismiss(self.query_one(TextArea).text)

    def action_cancel(self) -> None:
        self.dismiss(None)
