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
    """A column's width (None: it takes the room the fixed columns leave) and how it gives way.

    Where the table is narrow, a flexible column with a `drop` rank goes first when the others,
    whole, would leave it less than its `least` (it never makes them shrink); then fixed columns
    shrink towards their `least`, the one with the most room to give first, and a fixed column
    with a `drop` rank (the highest first) goes only when the rest cannot fit even shrunk. A
    table with no flexible column left gives the spare room to the columns with a `most`
    (names cut with … get their ends back).
    """

    label: str
    width: int | None = None
    justify: str = "left"
    drop: int = 0  # 0: never dropped; else dropped where room is short, highest rank first
    least: int | None = None  # fixed: the width it may shrink to; flexible: the share under which it is dropped
    most: int | None = None  # fixed: the width it may grow to with the room a dropped flexible column left


FLEX_LEAST = 8


def column_widths(columns: Sequence[Column], width: int, hidden: frozenset = frozenset()) -> list[int]:
    """Each column's width in cells for a table `width` wide (the cursor mark and one space after
    each shown column included); 0 for a column not shown."""
    shown = [i for i, c in enumerate(columns) if c.label not in hidden]
    room = width - 1  # the cursor mark

    def whole(i: int) -> int:
        return columns[i].width if columns[i].width is not None else columns[i].least or FLEX_LEAST

    def least(i: int) -> int:
        return columns[i].least or whole(i)

    droppable = sorted((i for i in shown if columns[i].drop), key=lambda i: -columns[i].drop)
    # A flexible column goes when the others, whole, leave it less than its least: it never makes them shrink.
    for i in [i for i in droppable if columns[i].width is None]:
        if sum(whole(j) + 1 for j in shown) > room:
            shown.remove(i)
    # A fixed one goes only when the rest cannot fit even shrunk to their least.
    for i in [i for i in droppable if columns[i].width is not None]:
        if sum(least(j) + 1 for j in shown) > room:
            shown.remove(i)
    widths = [0] * len(columns)
    for i in shown:
        widths[i] = whole(i)
    fixed = [i for i in shown if columns[i].width is not None]
    flexible = [i for i in shown if columns[i].width is None]
    over = sum(widths[i] + 1 for i in shown) - room
    while over > 0:  # a cell at a time from the column with the most room above its least
        slack, i = max(((widths[i] - least(i), -i) for i in fixed), default=(0, 0))
        if slack <= 0:
            break
        widths[-i] -= 1
        over -= 1
    spare = room - sum(widths[i] + 1 for i in fixed) - len(flexible)
    if flexible:
        share = max(spare // len(flexible), min(least(i) for i in flexible))
        for i in flexible:
            widths[i] = share
        return widths
    growing = [i for i in fixed if columns[i].most]
    while spare > 0 and growing:
        for i in list(growing):
            if spare <= 0:
                break
            widths[i] += 1
            spare -= 1
            if widths[i] >= columns[i].most:
                growing.remove(i)
    return widths


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
    EMPTY = ""  # said on the first row when there are no rows

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
        self._widths: dict[tuple, list[int]] = {}
        self.hidden_columns: frozenset[str] = frozenset()  # labels of columns not shown at any width
        self.empty_text = self.EMPTY

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
        """Each column's width (0: not shown at this width); see `Column` for the order they give way in."""
        key = (width, self.hidden_columns)
        widths = self._widths.get(key)
        if widths is None:
            widths = self._widths[key] = column_widths(self.COLUMNS, width, self.hidden_columns)
        return widths

    def hide_columns(self, labels: frozenset[str]) -> None:
        """Leave out these columns at every width (a column that would only ever be blank)."""
        if labels != self.hidden_columns:
            self.hidden_columns = labels
            self.forget_drawn()
            self.refresh()

    def set_empty_text(self, text: str) -> None:
        """What the table says when it has no rows."""
        if text != self.empty_text:
            self.empty_text = text
            if not self.rows:
                self.refresh()

    @property
    def shown_columns(self) -> list[str]:
        """The labels of the columns drawn at the table's width now."""
        widths = self.column_widths(self.scrollable_content_region.width)
        return [c.label for c, w in zip(self.COLUMNS, widths) if w]

    def _segments(self, cells: Sequence[Cell], widths: list[int], mark: str, style: Style) -> list[Segment]:
        segments = [Segment(mark, style)]
        for (text, cell_style), width, column in zip(cells, widths, self.COLUMNS):
            if not width:
                continue
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
            if row == 0 and self.empty_text:
                style = base + parse_style("italic")
                return Strip([Segment("  " + self.empty_text, style)]).crop_extend(0, width, base)
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
