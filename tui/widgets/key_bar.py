"""The footer: the keys that work where the focus is, drawn as one line of text.

Textual's Footer rebuilds a widget per key whenever the focus moves (tens of ms
each time on a 2-core machine); this bar re-renders one line instead. Clicking a
key presses it.
"""
from __future__ import annotations

from textual.content import Content
from textual.style import Style
from textual.widget import Widget

from tui.widgets.styles import default_css


class KeyBar(Widget):
    DEFAULT_CSS = default_css("key_bar")
    COMPONENT_CLASSES = {"key-bar--key"}

    def __init__(self) -> None:
        super().__init__()
        self._line = Content("")
        self._spans: list[tuple[int, int, str]] = []  # x from, x to, key to press

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self.bindings_changed)
        self.bindings_changed(self.screen)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def bindings_changed(self, screen) -> None:
        if screen is not self.screen:
            return
        key_style = Style.from_rich_style(self.get_component_rich_style("key-bar--key", partial=True))
        parts: list[tuple[str, object] | str] = []
        spans, x, seen = [], 0, set()
        for _node, binding, enabled, _tooltip in screen.active_bindings.values():
            if not binding.show or not enabled or binding.action in seen:
                continue
            seen.add(binding.action)
            key = self.app.get_key_display(binding)
            label = f" {key} {binding.description} "
            parts += [" ", (key, key_style), f" {binding.description} "]
            spans.append((x, x + len(label), binding.key))
            x += len(label)
        palette = next((b for _n, b, _e, _t in screen.active_bindings.values() if b.action == "command_palette"), None)
        if palette is not None:
            parts += [" ", (self.app.get_key_display(palette), key_style), " palette"]
        self._spans = spans
        self._line = Content.assemble(*parts)
        self.refresh()

    def render(self) -> Content:
        return self._line

    def on_click(self, event) -> None:
        for start, end, key in self._spans:
            if start <= event.x < end:
                self.app.simulate_key(key)
                return

    @property
    def text(self) -> str:
        return self._line.plain
