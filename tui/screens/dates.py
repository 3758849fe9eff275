"""A modal asking for a date range (either end may stay empty), or one as-of date.

A value that is not a day is refused with what is wrong, in the dialog, under its hint
("“2014-13-01” (from): month must be in 1..12"), and the focus goes back to that box; so
is a range whose start is after its end.
"""
from __future__ import annotations

import datetime as dt
import re

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label

from store.sanitize import safe_line
from tui.screens.sizes import SizeClasses

ISO_DAY = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")


def parse_day(value: str) -> str | None:
    """'' means no bound; anything else must be YYYY-MM-DD (raises ValueError saying what is wrong)."""
    value = value.strip()
    if not value:
        return None
    found = ISO_DAY.fullmatch(value)
    if not found:
        raise ValueError("not a date: write it as YYYY-MM-DD, e.g. 2014-06-22")
    year, month, day = map(int, found.groups())
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError as err:  # "month must be in 1..12", "day is out of range for month"
        raise ValueError(str(err)) from None


class DateRangeScreen(SizeClasses, ModalScreen[tuple[str | None, str | None] | None]):
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
            yield Label("", id="date-error")
            yield Input(self.values[0], placeholder="from" if not self.single else "as of", id="date-from")
            if not self.single:
                yield Input(self.values[1], placeholder="to", id="date-to")

    def on_mount(self) -> None:
        self.query_one("#date-error", Label).display = False

    def refuse(self, box: Input, problem: str) -> None:
        error = self.query_one("#date-error", Label)
        error.update(Text(f"⚠ {safe_line(problem)}"))
        error.display = True
        box.focus()
        self.app.bell()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        inputs = list(self.query(Input))
        if event.input is not inputs[-1]:
            inputs[inputs.index(event.input) + 1].focus()
            return
        days = []
        for box in inputs:
            try:
                days.append(parse_day(box.value))
            except ValueError as err:
                name = box.placeholder or "date"
                self.refuse(box, f"“{box.value.strip()}” ({name}): {err}")
                return
        if not self.single and days[0] and days[1] and days[0] > days[1]:
            self.refuse(inputs[0], f"the start {days[0]} is after the end {days[1]}: no day is in that range")
            return
        self.dismiss(tuple(days) if not self.single else (days[0], None))

    def action_cancel(self) -> None:
        self.dismiss(None)
