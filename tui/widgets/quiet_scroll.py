"""A ScrollView that skips Textual's redundant resize work on every layout pass.

On each reflow Textual (8.x) hands every widget its size; a ScrollView then refreshes
its scrollbars and is sent a Resize even when nothing changed (it compares the
container size it was given with the one it works out, which differ by the gutter). A
refreshed scrollbar anywhere widens the area the compositor draws again to the whole
screen, so a search key that changed only the event list repainted all four panes.
Here that work is skipped when the sizes, and the virtual size, are as they were last time.
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
