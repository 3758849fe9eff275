"""A ScrollView that spares Textual's layout passes where they only repaint.

On each reflow Textual (8.x) hands every widget its size; a ScrollView then refreshes
its scrollbars and is sent a Resize even when nothing changed (it compares the
container size it was given with the one it works out, which differ by the gutter). A
refreshed scrollbar anywhere widens the area the compositor draws again to the whole
screen, so a search key that changed only the event list repainted all four panes.
Here that work is skipped when the sizes, and the virtual size, are as they were last time.

Changing the virtual size asks for a layout pass too, after which Textual draws the
scrollbar one frame later than the content (an extra frame, ~16 ms on, for every filter
key); `set_virtual_size` tells the scrollbar its new length at once instead, unless the
scrollbar comes or goes, which does change the layout.
"""
from __future__ import annotations

from textual.geometry import Size
from textual.scroll_view import ScrollView


class QuietScrollView(ScrollView):
    _last_sizes: tuple | None = None

    def _size_updated(self, size: Size, virtual_size: Size, container_size: Size, layout: bool = True) -> bool:
        sizes = (size, virtual_size, container_size, self.virtual_size)
        if sizes == self._last_sizes:
            return False
        self._last_sizes = sizes
        return super()._size_updated(size, virtual_size, container_size, layout)

    def set_virtual_size(self, size: Size) -> None:
        window = self.container_size.height
        if size == self.virtual_size:
            return
        if (not window or self.styles.overflow_y != "auto" or size.width != self.virtual_size.width
                or self.show_vertical_scrollbar != (size.height > window)):
            self.virtual_size = size
            return
        self.set_reactive(ScrollView.virtual_size, size)
        self.vertical_scrollbar.window_virtual_size = size.height
        self.scroll_y = self.validate_scroll_y(self.scroll_y)
