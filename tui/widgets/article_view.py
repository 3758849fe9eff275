"""The article text, with the selected event's sentence lit and scrolled into view.

Drawn line by line (Line API) from offsets, so the lit sentence is found by its
`start`/`end` and a 5 MB article costs only the lines on screen. Marks do not
rely on colour: the lit sentence has a `▶`/`┃` gutter, its actor, crossing and
date words are underlined, and notes sit under their sentence after a `✎`.
"""
from __future__ import annotations

import re
from typing import Sequence

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.binding import Binding
from textual.geometry import Size
from textual.scroll_view import ScrollView
from textual.strip import Strip

from tui.widgets.wrap import line_of, wrap_offsets

GUTTER = 2
LIT_FIRST, LIT_MORE, OTHER_EVENT, NOTE_MARK = "▶ ", "┃ ", "• ", "✎ "
# Same-length clean-up: offsets into the text must still hold after it.
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


class ArticleView(ScrollView, can_focus=True):
    BINDINGS = [
        Binding("up,k", "scroll_up", "Up", show=False, id="article.up"),
        Binding("down,j", "scroll_down", "Down", show=False, id="article.down"),
        Binding("pageup", "page_up", "Page up", show=False, id="article.page_up"),
        Binding("pagedown", "page_down", "Page down", show=False, id="article.page_down"),
    ]
    COMPONENT_CLASSES = {"article-view--lit", "article-view--word", "article-view--note", "article-view--gutter"}
    DEFAULT_CSS = """
    ArticleView { overflow-x: hidden; }
    ArticleView > .article-view--lit { background: $accent 30%; }
    ArticleView > .article-view--word { text-style: bold underline; }
    ArticleView > .article-view--note { color: $text-warning; text-style: italic; }
    ArticleView > .article-view--gutter { color: $text-accent; text-style: bold; }
    """

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.article: dict | None = None
        self.text = ""
        self.events: list[dict] = []
        self.lit: dict | None = None
        self._lines: list[tuple] = []
        self._wrapped_width = -1
        self._wrapped_key: tuple | None = None
        self._wrapped: list[tuple] = []

    def show(self, article: dict | None, events: Sequence[dict] = (), lit: dict | None = None) -> None:
        """Show `article`; with `lit`, light that event's sentence and bring it into view."""
        same_article = article is not None and self.article is not None and article.get("id") == self.article.get("id")
        self.article = article
        if not same_article or not self.text:
            self.text = display_text(article.get("text") or "") if article else ""
        self.events = [e for e in events if e.get("start") is not None]
        self.lit = lit if lit and lit.get("start") is not None else None
        self._relayout()
        if self.lit is not None:
            self.call_after_refresh(self.scroll_to_lit)
        elif not same_article:
            self.scroll_to(y=0, animate=False, immediate=True)
        self.refresh()

    @property
    def lit_line(self) -> int | None:
        """Screen line where the lit sentence starts (None when nothing is lit)."""
        if self.lit is None:
            return None
        start = self.lit["start"]
        for index, (kind, a, b) in enumerate(self._lines):
            if kind == "text" and (a <= start < b or a >= start):
                return index
        return None

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
        if self.scrollable_content_region.width != self._wrapped_width:
            self._relayout()

    def _relayout(self) -> None:
        width = max(self.scrollable_content_region.width - GUTTER, 10)
        self._wrapped_width = self.scrollable_content_region.width
        key = ((self.article or {}).get("id"), len(self.text), width)
        if self._wrapped_key != key:  # moving between events of one article does not wrap it again
            self._wrapped_key = key
            self._wrapped = [("text", s, e) for s, e in wrap_offsets(self.text, width)] if self.text else []
        lines: list[tuple] = self._wrapped
        notes = sorted((e["end"], e.get("note")) for e in self.events if e.get("note"))
        if notes and lines:
            lines = self._insert_notes(lines, notes, width)
        self._lines = lines
        self.virtual_size = Size(self.scrollable_content_region.width, len(lines))

    def _insert_notes(self, lines: list[tuple], notes: list[tuple[int, str]], width: int) -> list[tuple]:
        after: dict[int, list[str]] = {}
        starts = [(s, e) for _, s, e in lines]
        for end, note in notes:
            index = line_of(starts, max(end - 1, 0))
            clean = display_text(note).replace("\n", " ")
            after.setdefault(index, []).extend(clean[s:e] for s, e in wrap_offsets(clean, width - 2))
        out: list[tuple] = []
        for index, line in enumerate(lines):
            out.append(line)
            for piece in after.get(index, ()):
                out.append(("note", piece, 0))
        return out

    # -- painting --------------------------------------------------------------------

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        base = self.rich_style
        index = round(self.scroll_y) + y
        if not 0 <= index < len(self._lines):
            return Strip.blank(width, base)
        kind, a, b = self._lines[index]
        gutter_style = self.get_component_rich_style("article-view--gutter", partial=True)
        if kind == "note":
            text = Text(end="")
            text.append(NOTE_MARK, style=gutter_style)
            text.append(a, style=self.get_component_rich_style("article-view--note", partial=True))
            return self._strip(text, width, base)
        text = Text(end="")
        text.append(self._gutter(a, b), style=gutter_style)
        body = Text(self.text[a:b], end="")
        self._stylize(body, a, b)
        text.append_text(body)
        return self._strip(text, width, base)

    def _gutter(self, a: int, b: int) -> str:
        lit = self.lit
        if lit is not None and a < lit["end"] and (b > lit["start"] or a == b == lit["start"]):
            return LIT_FIRST if a <= lit["start"] else LIT_MORE
        for event in self.events:
            if a <= event["start"] < b:
                return OTHER_EVENT
        return "  "

    def _stylize(self, body: Text, a: int, b: int) -> None:
        lit = self.lit
        if lit is None or b <= lit["start"] or a >= lit["end"]:
            return
        body.stylize(self.get_component_rich_style("article-view--lit"), max(lit["start"] - a, 0), min(lit["end"], b) - a)
        words = (lit.get("actor_text"), lit.get("crossing_text"), lit.get("date_text"))
        sentence = self.text[lit["start"] : lit["end"]]
        for s, e in word_spans(sentence, lit["start"], words):
            if s < b and e > a:
                body.stylize(self.get_component_rich_style("article-view--word", partial=True), max(s - a, 0), min(e, b) - a)

    def _strip(self, text: Text, width: int, style: Style) -> Strip:
        segments = [Segment(s.text, style + s.style if s.style else style) for s in text.render(self.app.console)]
        return Strip(segments).crop_extend(0, width, style)
