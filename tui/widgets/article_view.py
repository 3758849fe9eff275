"""The article text, with the selected event's sentence lit and scrolled into view.

Drawn line by line (Line API) from offsets, so the lit sentence is found by its
`start`/`end` and a 5 MB article costs only the lines on screen. The layout is
kept while the article, width, events and notes stay the same, and drawn lines are
cached: moving to another event redraws only the old and the new lit sentence's lines.
Marks do not rely on colour: the lit sentence has a `▶`/`┃` gutter, its actor,
crossing and date words are underlined, and notes sit under their sentence after a `✎`.
"""
from __future__ import annotations

import re
from operator import is_, methodcaller
from typing import Sequence

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.binding import Binding
from textual.cache import LRUCache
from textual.geometry import Size
from textual.strip import Strip

from tui.widgets.article_layout import ArticleLayout
from tui.widgets.quiet_scroll import QuietScrollView
from tui.widgets.styles import default_css
from tui.widgets.wrap import wrap_offsets

GUTTER = 2
LIT_FIRST, LIT_MORE, OTHER_EVENT, NOTE_MARK = "▶ ", "┃ ", "• ", "✎ "
# Same-length clean-up: offsets into the text must still hold after it.
_NOTE = methodcaller("get", "note")
_UNSAFE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c\ud800-\udfff]")


def display_text(text: str) -> str:
    """Every control character (ESC included) and lone surrogate becomes U+FFFD, one for one; tabs become spaces."""
    return _UNSAFE.sub("\ufffd", text.replace("\t", " "))


def word_spans(sentence: str, start: int, words: Sequence[str | None]) -> list[tuple[int, int]]:
    """Where the actor, crossing and date words sit inside the sentence (case-insensitive)."""
    spans = []
    lowered = sentence.lower()
    for word in words:
        if word:
            at = lowered.find(word.lower())
            if at >= 0:
                spans.append((start + at, start + at + len(word)))
    return spans


class ArticleView(QuietScrollView, can_focus=True):
    BINDINGS = [
        Binding("up,k", "scroll_up", "Up", show=False, id="article.up"),
        Binding("down,j", "scroll_down", "Down", show=False, id="article.down"),
        Binding("pageup", "page_up", "Page up", show=False, id="article.page_up"),
        Binding("pagedown", "page_down", "Page down", show=False, id="article.page_down"),
    ]
    COMPONENT_CLASSES = {"article-view--lit", "article-view--word", "article-view--note", "article-view--gutter"}
    DEFAULT_CSS = default_css("article_view")

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.article: dict | None = None
        self.text = ""
        self.events: list[dict] = []
        self.lit: dict | None = None
        self._lit_span: tuple[int, int] | None = None  # kept apart: the store updates its event dicts in place
        self._lit_words: list[tuple[int, int]] = []
        self._layout = ArticleLayout([], [])
        self._layout_key: tuple | None = None
        self._wrapped_key: tuple | None = None
        self._wrapped: list[tuple[int, int]] = []
        self._drawn: LRUCache[int, Strip] = LRUCache(1024)  # line index -> strip, while layout and styles hold
        self._drawn_width = 0
        self._text_of: tuple | None = None  # (article id, hash) whose text self.text holds
        self._events_seen: list[dict] = []
        self._notes_seen: list = []
        self._marks: tuple[list[int], list[tuple[int, str]]] = ([], [])

    @property
    def _lines(self) -> list[tuple]:
        return self._layout.lines

    def show(self, article: dict | None, events: Sequence[dict] = (), lit: dict | None = None) -> None:
        """Show `article`; with `lit`, light that event's sentence and bring it into view."""
        same_article = article is not None and self.article is not None and article.get("id") == self.article.get("id")
        self.article = article
        version = (article.get("id"), article.get("hash")) if article else None
        if version != self._text_of or not self.text:  # a report added again may bring a new text under its id
            self._text_of = version
            self.text = display_text(article.get("text") or "") if article else ""
        self._take_events(events)
        old_span = self._lit_span
        self.lit = lit if lit and lit.get("start") is not None else None
        self._lit_span = (self.lit["start"], self.lit["end"]) if self.lit else None
        self._lit_words = self._find_lit_words()
        if self._relayout():
            self.refresh()
        else:
            self._redraw_spans(old_span, self._lit_span)
        if self.lit is not None:
            # Scrolled now when the pane can (one repaint per move, not a second after the
            # scroll), and again after the layout, which is a no-op unless the pane could not yet.
            self.scroll_to_lit()
            self.call_after_refresh(self.scroll_to_lit)
        elif not same_article:
            self.scroll_to(y=0, animate=False, immediate=True)

    @property
    def lit_line(self) -> int | None:
        """Screen line where the lit sentence starts (None when nothing is lit)."""
        return self._layout.row_of(self.lit["start"]) if self.lit is not None else None

    def scroll_to_lit(self) -> None:
        line = self.lit_line
        if line is not None:
            height = self.scrollable_content_region.height
            self.scroll_to(y=max(line - height // 3, 0), animate=False, immediate=True)

    def visible_text(self) -> str:
        """The lines on screen as plain text (for tests and screen readers)."""
        top = round(self.scroll_y)
        height = self.scrollable_content_region.height
        return "\n".join(self.render_line(y).text for y in range(height)) if top >= 0 else ""

    # -- layout ----------------------------------------------------------------------

    def on_resize(self) -> None:
        self._relayout()

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._drawn.clear()

    def _relayout(self) -> bool:
        """Lay the article out again if what it depends on changed; True when it did."""
        width = max(self.scrollable_content_region.width - GUTTER, 10)
        article_key = (self._text_of, len(self.text), width)
        if self._wrapped_key != article_key:  # moving between events of one article does not wrap it again
            self._wrapped_key = article_key
            self._wrapped = wrap_offsets(self.text, width) if self.text else []
        starts, notes = self._marks
        key = (article_key, self.scrollable_content_region.width, starts, notes)
        if key == self._layout_key:
            return False
        self._layout_key = key
        clean_notes = [(end, display_text(note).replace("\n", " ")) for end, note in notes]
        self._layout = ArticleLayout.build(self._wrapped, starts, clean_notes, width)
        self._drawn.clear()
        self.set_virtual_size(Size(self.scrollable_content_region.width, len(self._layout.lines)))
        return True

    def _take_events(self, events: Sequence[dict]) -> None:
        """Keep the article's events; their marks are worked out again only when they or a note changed."""
        notes = list(map(_NOTE, events))  # the store changes notes inside the same dicts
        seen = self._events_seen
        if len(events) == len(seen) and all(map(is_, events, seen)) and notes == self._notes_seen:
            return
        self._events_seen, self._notes_seen = list(events), notes
        self.events = [e for e in events if e.get("start") is not None]
        self._marks = (sorted(e["start"] for e in self.events),
                       sorted((e["end"], e["note"]) for e in self.events if e.get("note")))

    def _redraw_spans(self, *spans: tuple[int, int] | None) -> None:
        """Draw again only the lines of these sentences (the old and the new lit one)."""
        for span in spans:
            if span is not None:
                rows = self._layout.rows_of(*span)
                for index in rows:
                    self._drawn.discard(index)
                if rows:
                    self.refresh_lines(rows.start, len(rows))

    def _find_lit_words(self) -> list[tuple[int, int]]:
        lit = self.lit
        if lit is None:
            return []
        words = (lit.get("actor_text"), lit.get("crossing_text"), lit.get("date_text"))
        return word_spans(self.text[lit["start"] : lit["end"]], lit["start"], words)

    # -- painting --------------------------------------------------------------------

    def render_line(self, y: int) -> Strip:
        index = round(self.scroll_y) + y
        width = self.scrollable_content_region.width
        if not 0 <= index < len(self._lines):
            return Strip.blank(width, self.rich_style)
        if width != self._drawn_width:  # a scrollbar came or went: same layout, other width
            self._drawn.clear()
            self._drawn_width = width
        strip = self._drawn.get(index)
        if strip is None:
            strip = self._draw(self._lines[index])
            self._drawn.set(index, strip)
        return strip

    def _draw(self, line: tuple) -> Strip:
        kind, a, b = line
        width = self.scrollable_content_region.width
        base = self.rich_style
        gutter_style = self.get_component_rich_style("article-view--gutter", partial=True)
        text = Text(end="")
        if kind == "note":
            text.append(NOTE_MARK, style=gutter_style)
            text.append(a, style=self.get_component_rich_style("article-view--note", partial=True))
            return self._strip(text, width, base)
        text.append(self._gutter(a, b), style=gutter_style)
        body = Text(self.text[a:b], end="")
        self._stylize(body, a, b)
        text.append_text(body)
        return self._strip(text, width, base)

    def _gutter(self, a: int, b: int) -> str:
        span = self._lit_span
        if span is not None and a < span[1] and (b > span[0] or a == b == span[0]):
            return LIT_FIRST if a <= span[0] else LIT_MORE
        return OTHER_EVENT if self._layout.has_event_start(a, b) else "  "

    def _stylize(self, body: Text, a: int, b: int) -> None:
        span = self._lit_span
        if span is None or b <= span[0] or a >= span[1]:
            return
        body.stylize(self.get_component_rich_style("article-view--lit"), max(span[0] - a, 0), min(span[1], b) - a)
        for s, e in self._lit_words:
            if s < b and e > a:
                body.stylize(self.get_component_rich_style("article-view--word", partial=True), max(s - a, 0), min(e, b) - a)

    def _strip(self, text: Text, width: int, style: Style) -> Strip:
        segments = [Segment(s.text, style + s.style if s.style else style) for s in text.render(self.app.console)]
        return Strip(segments).crop_extend(0, width, style)
