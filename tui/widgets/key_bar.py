"""The footer: the keys that work where the focus is, drawn as one line of text.

Textual's Footer rebuilds a widget per key whenever the focus moves (tens of ms
each time on a 2-core machine); this bar re-renders one line instead. Clicking a
key presses it.

The line is laid out for the bar's width: the ways out and to help (quit, help, leaving
review) are always shown, and the other keys in order while they fit; the rest are on
`?` (help) and in the palette. So at 80 columns the analyst still sees `q Quit` and `? Help`.
"""
from __future__ import annotations

from dataclasses import dataclass

from textual.content import Content
from textual.style import Style
from textual.widget import Widget

from tui.widgets.styles import default_css

KEPT_IDS = frozenset({"quit", "help", "review.leave", "timeline.back", "map.back"})  # never left out for room


@dataclass(frozen=True)
class Item:
    key: str  # as shown ("q", "^p")
    description: str
    press: str  # the key to simulate on a click
    kept: bool

    @property
    def width(self) -> int:
        return len(self.key) + len(self.description) + 3  # " k desc "


class KeyBar(Widget):
    DEFAULT_CSS = default_css("key_bar")
    COMPONENT_CLASSES = {"key-bar--key"}

    def __init__(self) -> None:
        super().__init__()
        self._items: list[Item] = []
        self._palette: str | None = None  # the palette key as shown
        self._laid_out: tuple[int, Content, list[tuple[int, int, str]]] | None = None  # width, line, spans

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self.bindings_changed)
        self.bindings_changed(self.screen)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def bindings_changed(self, screen) -> None:
        if screen is not self.screen:
            return
        items, seen = [], set()
        for _node, binding, enabled, _tooltip in screen.active_bindings.values():
            if not binding.show or not enabled or binding.action in seen:
                continue
            seen.add(binding.action)
            items.append(Item(self.app.get_key_display(binding), binding.description, binding.key, binding.id in KEPT_IDS))
        palette = next((b for _n, b, _e, _t in screen.active_bindings.values() if b.action == "command_palette"), None)
        self._items = items
        self._palette = self.app.get_key_display(palette) if palette is not None else None
        self._laid_out = None
        self.refresh()

    def shown_items(self, width: int) -> list[Item]:
        """The keys that fit in `width` cells, in order: every kept one, the others while they fit."""
        room = width - (len(self._palette) + 9 if self._palette else 0)  # " ^p palette"
        room -= sum(item.width for item in self._items if item.kept)
        shown = []
        for item in self._items:
            if not item.kept:
                if item.width > room:
                    room = -1  # the order stays: no later, shorter key jumps the queue
                    continue
                room -= item.width
            shown.append(item)
        return shown

    def _layout(self, width: int) -> tuple[Content, list[tuple[int, int, str]]]:
        if self._laid_out is not None and self._laid_out[0] == width:
            return self._laid_out[1], self._laid_out[2]
        key_style = Style.from_rich_style(self.get_component_rich_style("key-bar--key", partial=True))
        parts: list = []
        spans, x = [], 0
        for item in self.shown_items(width):
            parts += [" ", (item.key, key_style), f" {item.description} "]
            spans.append((x, x + item.width, item.press))
            x += item.width
        if self._palette:
            parts += [" ", (self._palette, key_style), " palette"]
        line = Content.assemble(*parts)
        self._laid_out = (width, line, spans)
        return line, spans

    def render(self) -> Content:
        return self._layout(self.size.width or 10_000)[0]

    def on_resize(self) -> None:
        self.refresh()

    def on_click(self, event) -> None:
        for start, end, key in self._layout(self.size.width or 10_000)[1]:
            if start <= event.x < end:
                self.app.simulate_key(key)
                return

    @property
    def text(self) -> str:
        """The line as shown at the bar's width now."""
        return self._layout(self.size.width or 10_000)[0].plain
