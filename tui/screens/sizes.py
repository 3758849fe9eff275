"""Screens lay themselves out for the terminal's size: 80x24 is a first-class size.

A screen mixing in `SizeClasses` carries `-narrow` below 120 columns and `-short` below 30
rows (set on mount and on every resize), and the stylesheets (tui/styles/*.tcss) say what
changes: the main screen stacks its panes and keeps only the focused one large, dialogs
shrink their lists and editors. `size_changed()` is the hook for what a stylesheet cannot say.
"""
from __future__ import annotations

from textual.geometry import Size

NARROW_BELOW = 120  # columns: below this two panes side by side are too narrow for their columns
SHORT_BELOW = 30  # rows


class SizeClasses:
    """Mixed into a Screen."""

    def on_mount(self) -> None:
        self._apply_size(self.app.size)

    def on_resize(self, event) -> None:
        self._apply_size(event.size)

    def _apply_size(self, size: Size) -> None:
        if not size.width or not size.height:
            return
        self.set_class(size.width < NARROW_BELOW, "-narrow")
        self.set_class(size.height < SHORT_BELOW, "-short")
        self.size_changed()

    def size_changed(self) -> None:
        """After the size classes were set: a subclass may lay out what CSS cannot."""

    @property
    def narrow(self) -> bool:
        return self.has_class("-narrow")

    @property
    def short(self) -> bool:
        return self.has_class("-short")
