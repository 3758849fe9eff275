"""A table that draws only the rows on screen, so 100,000 rows cost what 40 do.

Textual's DataTable builds every row up front; the event list can hold a whole
store, so this one keeps the list of rows it is given and asks its subclass for the cells
of a row only when that row is painted (the Line API, as Textualize/toolong does).
Cells are plain text with a style, drawn as segments: never parsed as markup.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Hashable, Sequence

from functools import lru_cache

from rich.cells import cell_len, set_cell_size
from rich.segment import Segment
from rich.style import Style
from textual.binding import Binding
from textual.cache import LRUCache
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.strip import Strip

from tui.widgets.quiet_scroll import QuietScrollView
from tui.widgets.styles import default_css

CURSOR_MARK = "›"
Cell = tuple  # (plain text, style string or None): never markup


@lru_cache(maxsize=256)
def parse_style(style: str) -> Style:
    return Style.parse(style)


def fit(text: str, width: int, justify: str = "left") -> str:
    """`text` cut (with an ellipsis) or padded to exactly `width` cells."""
    if text.isascii():
        if len(text) > width:
            return text[: width - 1] + "…" if width > 0 else ""
        return text.rjust(width) if justify == "right" else text.ljust(width)
    size = cell_len(text)
    if size > width:
        return set_cell_size(text, width - 1) + "…" if width > 0 else ""
    pad = " " * (width - size)
    return pad + text if justify == "right" else text + pad


@dataclass(frozen=True)
class Column:
    label: str
    width: int | None = None  # None: takes the room the fixed columns leave
    justify: str = "left"


class RowTable(QuietScrollView, can_focus=True):
    """Rows are any items (kept as given, not copied); `row_cells(row)` gives their cells when painted."""

    BINDINGS = [
        Binding("up,k", "cursor_up", "Up", show=False, id="table.up"),
        Binding("down,j", "cursor_down", "Down", show=False, id="table.down"),
        Binding("pageup", "page_up_rows", "Page up", show=False, id="table.page_up"),
        Binding("pagedown", "page_down_rows", "Page down", show=False, id="table.page_down"),
        Binding("home", "first_row", "First", show=False, id="table.first"),
        Binding("end", "last_row", "Last", show=False, id="table.last"),
        Binding("enter", "select_row", "Open", id="table.open"),
    ]
    COMPONENT_CLASSES = {"row-table--header", "row-table--cursor", "row-table--cursor-blurred"}
    DEFAULT_CSS = default_css("row_table")
    COLUMNS: Sequence[Column] = ()

    cursor: reactive[int] = reactive(0, always_update=True, repaint=False)

    class Highlighted(Message):
        """The cursor rests on a different row (or the table became empty: key None)."""

        def __init__(self, table: "RowTable", key: Hashable | None) -> None:
            super().__init__()
            self.table = table
            self.key = key

        @property
        def control(self) -> "RowTable":
            return self.table

    class Selected(Highlighted):
        """Enter (or a click) on a row."""

    def __init__(self, *, name: str | None = None, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self.rows: Sequence[Any] = []
        self._announced: Any = object()
        self._base_style: Style | None = None
        # (key, cursor state, width) -> (row, strip): a row seen again after a filter is not drawn again
        self._drawn: LRUCache[tuple, tuple[Any, Strip]] = LRUCache(512)

    # -- what subclasses provide -------------------------------------------------

    def row_cells(self, row: Any) -> Sequence[Cell]:
        """One (plain text, style) pair per column."""
        raise NotImplementedError

    def key_of(self, row: Any) -> Hashable:
        return row

    def locate(self, key: Hashable) -> int | None:
        """Where the row with `key` is, or None. A linear scan; big tables override it."""
        for index, row in enumerate(self.rows):
            if self.key_of(row) == key:
                return index
        return None

    # -- rows ----------------------------------------------------------------------

    @property
    def keys(self) -> list[Hashable]:
        return [self.key_of(row) for row in self.rows]

    def set_rows(self, rows: Sequence[Any]) -> None:
        """Replace the rows (kept, not copied); the cursor stays on its row when it is still here."""
        old_key = self.cursor_key
        old_cursor = self.cursor
        self.rows = rows
        self.set_virtual_size(Size(self.size.width, len(rows) + 1))
        found = self.locate(old_key) if old_key is not None else None
        self.cursor = found if found is not None else min(old_cursor, max(len(rows) - 1, 0))
        self.refresh()

    def refresh_key(self, key: Hashable) -> None:
        """Repaint after a row's data changed (only the lines on screen are drawn again)."""
        self.forget_drawn()
        self.refresh()

    def forget_drawn(self) -> None:
        """Draw every row again: something a row's cells show changed outside the row itself."""
        self._drawn.clear()

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._drawn.clear()

    @property
    def cursor_key(self) -> Hashable | None:
        if 0 <= self.cursor < len(self.rows):
            return self.key_of(self.rows[self.cursor])
        return None

    def move_to_key(self, key: Hashable) -> bool:
        found = self.locate(key)
        if found is not None:
            self.cursor = found
        return found is not None

    # -- cursor --------------------------------------------------------------------

    def validate_cursor(self, value: int) -> int:
        return max(0, min(value, len(self.rows) - 1)) if self.rows else 0

    def watch_cursor(self, old: int, new: int) -> None:
        top = round(self.scroll_y)
        self._scroll_cursor_into_view()
        if round(self.scroll_y) == top:  # no scroll: only the two rows whose mark changed are drawn again
            self.refresh_line(old + 1)
            self.refresh_line(new + 1)
        else:
            self.refresh()
        key = self.cursor_key
        if key != self._announced:
            self._announced = key
            self.post_message(self.Highlighted(self, key))

    def _rows_visible(self) -> int:
        return max(self.scrollable_content_region.height - 1, 1)

    def _scroll_cursor_into_view(self) -> None:
        top = round(self.scroll_y)
        visible = self._rows_visible()
        if self.cursor < top:
            self.scroll_to(y=self.cursor, animate=False, immediate=True)
        elif self.cursor >= top + visible:
            self.scroll_to(y=self.cursor - visible + 1, animate=False, immediate=True)

    def on_resize(self) -> None:
        self.virtual_size = Size(self.size.width, len(self.rows) + 1)
        self._scroll_cursor_into_view()

    def action_cursor_up(self) -> None:
        self.cursor -= 1

    def action_cursor_down(self) -> None:
        self.cursor += 1

    def action_page_up_rows(self) -> None:
        self.cursor -= self._rows_visible()

    def action_page_down_rows(self) -> None:
        self.cursor += self._rows_visible()

    def action_first_row(self) -> None:
        self.cursor = 0

    def action_last_row(self) -> None:
        self.cursor = len(self.rows) - 1

    def action_select_row(self) -> None:
        if self.cursor_key is not None:
            self.post_message(self.Selected(self, self.cursor_key))

    def on_click(self, event) -> None:
        row = round(self.scroll_y) + event.y - 1
        if event.y >= 1 and 0 <= row < len(self.rows):
            self.cursor = row
            if event.chain >= 2:
                self.action_select_row()

    def on_focus(self) -> None:
        self.refresh()

    def on_blur(self) -> None:
        self.refresh()

    # -- painting ------------------------------------------------------------------

    def column_widths(self, width: int) -> list[int]:
        fixed = sum(c.width or 0 for c in self.COLUMNS) + len(self.COLUMNS) + 1
        flexible = [c for c in self.COLUMNS if c.width is None]
        room = max(width - fixed, 8 * len(flexible))
        share = room // max(len(flexible), 1)
        return [c.width if c.width is not None else share for c in self.COLUMNS]

    def _segments(self, cells: Sequence[Cell], widths: list[int], mark: str, style: Style) -> list[Segment]:
        segments = [Segment(mark, style)]
        for (text, cell_style), width, column in zip(cells, widths, self.COLUMNS):
            fitted = fit(text, width, column.justify)
            segments.append(Segment(fitted, style + parse_style(cell_style) if cell_style else style))
            segments.append(Segment(" ", style))
        return segments

    def render_lines(self, crop) -> list[Strip]:
        self._base_style = self.rich_style  # once a pass: it walks every ancestor's styles (~0.1 ms)
        try:
            return super().render_lines(crop)
        finally:
            self._base_style = None

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        widths = self.column_widths(width)
        base = self._base_style or self.rich_style
        if y == 0:
            style = base + self.get_component_rich_style("row-table--header")
            cells = [(c.label, None) for c in self.COLUMNS]
            return Strip(self._segments(cells, widths, " ", style)).crop_extend(0, width, style)
        row = round(self.scroll_y) + y - 1
        if not 0 <= row < len(self.rows):
            return Strip.blank(width, base)
        item = self.rows[row]
        is_cursor = row == self.cursor
        state = (2 if self.has_focus else 1) if is_cursor else 0
        drawn_key = (self.key_of(item), state, width)
        drawn = self._drawn.get(drawn_key)
        if drawn is not None and drawn[0] is item:  # the very same row object: a new dict is drawn anew
            return drawn[1]
        style = base
        if is_cursor:
            name = "row-table--cursor" if self.has_focus else "row-table--cursor-blurred"
            style = base + self.get_component_rich_style(name)
        segments = self._segments(self.row_cells(item), widths, CURSOR_MARK if is_cursor else " ", style)
        strip = Strip(segments).crop_extend(0, width, style)
        self._drawn.set(drawn_key, (item, strip))
        return strip
