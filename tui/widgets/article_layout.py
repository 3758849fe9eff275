"""The article pane's screen lines: which text offsets (or which note) each one shows.

Built once per article, width, event starts and notes. Moving between events only asks
it questions by binary search, so a key costs the same on a 1 MB article with 9,000
events as on a short report.
"""
from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from typing import Iterable

from tui.widgets.wrap import line_of, wrap_offsets

Line = tuple  # ("text", start, end) or ("note", the note's piece, 0)


@dataclass(frozen=True)
class ArticleLayout:
    lines: list[Line]
    event_starts: list[int]  # sorted: a text line holding one gets the `•` gutter
    text_rows: list[int] = field(default_factory=list)  # index in `lines` of each text line
    text_spans: list[tuple[int, int]] = field(default_factory=list)  # (start, end) of each text line

    @classmethod
    def build(cls, wrapped: list[tuple[int, int]], event_starts: list[int], notes: Iterable[tuple[int, str]],
              width: int) -> "ArticleLayout":
        """`wrapped`: the text's lines (`wrap_offsets`); `notes`: (end of their sentence, clean one-line note)."""
        after: dict[int, list[str]] = {}
        for end, note in notes:
            if wrapped:
                index = line_of(wrapped, max(end - 1, 0))
                after.setdefault(index, []).extend(note[s:e] for s, e in wrap_offsets(note, width - 2))
        lines: list[Line] = []
        rows: list[int] = []
        for index, (start, end) in enumerate(wrapped):
            rows.append(len(lines))
            lines.append(("text", start, end))
            lines.extend(("note", piece, 0) for piece in after.get(index, ()))
        return cls(lines, event_starts, rows, wrapped)

    def row_of(self, offset: int) -> int | None:
        """The line where a sentence starting at `offset` starts (the next line when it falls on a line break)."""
        spans = self.text_spans
        if not spans:
            return None
        index = max(bisect_right(spans, (offset, float("inf"))) - 1, 0)
        start, end = spans[index]
        if not (start <= offset < end or start >= offset):
            index += 1
        return self.text_rows[index] if index < len(spans) else None

    def rows_of(self, start: int, end: int) -> range:
        """Every line a sentence from `start` to `end` is drawn on (notes between them included)."""
        first = self.row_of(start)
        if first is None:
            return range(0)
        last = self.row_of(max(end - 1, start))
        return range(first, (last if last is not None else len(self.lines) - 1) + 1)

    def has_event_start(self, start: int, end: int) -> bool:
        """Does some event's sentence start on the text line from `start` to `end`?"""
        at = bisect_left(self.event_starts, start)
        return at < len(self.event_starts) and self.event_starts[at] < end
