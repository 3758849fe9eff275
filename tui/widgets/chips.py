"""The active filters as a line of chips, cut where the line ends ("+2 more (i: all)").

Chips are separated by ` · `, not told apart by colour alone. The text is plain (filter
values come from search text typed by the user and article titles): never markup.
"""
from __future__ import annotations

from typing import Sequence

from rich.cells import cell_len, set_cell_size
from textual.content import Content
from textual.style import Style
from textual.widget import Widget

from tui.widgets.styles import default_css

SEPARATOR = " · "


def chips_that_fit(parts: Sequence[str], width: int, key: str = "i") -> tuple[list[str], int]:
    """(the chips to show, in their order, and how many are left out) for a line `width` cells wide.
    Where not all fit, a chip too long for the room left is passed over for shorter ones after it,
    and the first chip is cut with … when not even one fits whole."""
    def chip_width(chip: str, first: bool) -> int:
        return cell_len(chip) + 2 + (0 if first else len(SEPARATOR))

    if sum(chip_width(c, i == 0) for i, c in enumerate(parts)) <= width:
        return list(parts), 0
    room = width - len(SEPARATOR) - cell_len(more_text(len(parts), key))
    chosen: list[str] = []
    for part in parts:
        if chip_width(part, not chosen) <= room:
            room -= chip_width(part, not chosen)
            chosen.append(part)
    if not chosen:
        first = set_cell_size(parts[0], max(room - 3, 1)) + "…" if room > 3 else "…"
        chosen = [first]
    return chosen, len(parts) - len(chosen)


def more_text(left: int, key: str) -> str:
    return f"+{left} more ({key}: all)"


class FilterChips(Widget):
    DEFAULT_CSS = default_css("filter_chips")
    COMPONENT_CLASSES = {"filter-chips--chip"}

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.parts: list[str] = []
        self.key = "i"

    def set_parts(self, parts: Sequence[str], key: str = "i") -> None:
        if list(parts) != self.parts or key != self.key:
            self.parts, self.key = list(parts), key
            self.refresh()

    def render(self) -> Content:
        width = self.content_region.width or 10_000
        chips, left = chips_that_fit(self.parts, width, self.key)
        chip_style = Style.from_rich_style(self.get_component_rich_style("filter-chips--chip", partial=True))
        pieces: list = []
        for i, chip in enumerate(chips):
            if i:
                pieces.append(SEPARATOR)
            pieces.append((f" {chip} ", chip_style))
        if left:
            pieces += [SEPARATOR, more_text(left, self.key)]
        return Content.assemble(*pieces)

    @property
    def text(self) -> str:
        return self.render().plain
