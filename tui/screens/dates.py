"""A modal asking for a date range (either end may stay empty), or one as-of date."""
from __future__ import annotations

import datetime as dt

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label


def parse_day(value: str) -> str | None:
    """'' means no bound; anything else must be YYYY-MM-DD (raises ValueError)."""
    value = value.strip()
    if not value:
        return None
    return dt.date.fromisoformat(value).isoformat()


class DateRangeScreen(ModalScreen[tuple[str | None, str | None] | None]):
    BINDINGS = [Binding("escape", "cancel", "Cancel", id="dates.cancel")]

    def __init__(self, date_from: str | None, date_to: str | None, single: bool = False, title: str = "Dates") -> None:
        super().__init__()
        self.values = (date_from or "", date_to or "")
        self.single = single
        self.title_text = title

    def compose(self) -> ComposeResult:
        with Vertical(id="dates", classes="dialog") as box:
            box.border_title = self.title_text
            yield Label("YYYY-MM-DD; empty means open-ended · Enter: apply · Esc: cancel", classes="hint")
            yield Input(self.values[0], placeholder="from" if not self.single else "as of", id="date-from")
            if not self.single:
                yield Input(self.values[1], placeholder="to", id="date-to")
            yield Label("", id="date-error")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        inputs = list(self.query(Input))
        if event.input is not inputs[-1]:
            inputs[inputs.index(event.input) + 1].focus()
            return
        try:
            days = tuple(parse_day(i.value) for i in inputs)
        except ValueError:
            self.query_one("#date-error", Label).update("not a date: use YYYY-MM-DD")
            return
        self.dismiss(days if not self.single else (days[0], None))

    def action_cancel(self) -> None:
        self.dismiss(None)
