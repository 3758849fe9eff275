"""Word-wrap that remembers where each line came from in the text.

The article pane must scroll to a sentence given by character offsets, so the
wrap has to say which offsets each screen line holds; rich's own wrap does not.
"""
from __future__ import annotations

import re

from rich.cells import cell_len

_TOKEN = re.compile(r"\S+\s*|\s+")


def wrap_offsets(text: str, width: int) -> list[tuple[int, int]]:
    """Screen lines as (start, end) offsets into `text`; newlines end a line and belong to none."""
    width = max(width, 1)
    cells = len if text.isascii() else _cells  # every ASCII character we show is one cell
    lines: list[tuple[int, int]] = []
    pos = 0
    for paragraph in text.split("\n"):
        end = pos + len(paragraph)
        if pos == end:
            lines.append((pos, pos))
        else:
            lines.extend(_wrap_paragraph(text, pos, end, width, cells))
        pos = end + 1
    return lines


def _cells(word: str) -> int:
    return cell_len(word) if len(word) < 256 else len(word)


def _wrap_paragraph(text: str, start: int, end: int, width: int, cells=_cells) -> list[tuple[int, int]]:
    lines = []
    line_start, used = start, 0
    for match in _TOKEN.finditer(text, start, end):
        token = match.group()
        word = token.rstrip()
        need = cells(word)
        if used and used + need > width:
            lines.append((line_start, match.start()))
            line_start, used = match.start(), 0
        if need > width:  # a word longer than the line is cut into pieces of at most `width` cells
            pieces = _cut(text, match.start(), match.start() + len(word), width)
            lines.extend(pieces[:-1])
            line_start, used = pieces[-1][0], cell_len(text[pieces[-1][0]:pieces[-1][1]])
        else:
            used += need
        used += len(token) - len(word)
    lines.append((line_start, end))
    return lines


def _cut(text: str, start: int, end: int, width: int) -> list[tuple[int, int]]:
    pieces, piece_start, used = [], start, 0
    for at in range(start, end):
        size = cell_len(text[at])
        if used and used + size > width:
            pieces.append((piece_start, at))
            piece_start, used = at, 0
        used += size
    pieces.append((piece_start, end))
    return pieces


def line_of(lines: list[tuple[int, int]], offset: int) -> int:
    """Index of the screen line holding character `offset` (binary search)."""
    lo, hi = 0, len(lines) - 1
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if lines[mid][0] <= offset:
            lo = mid
        else:
            hi = mid - 1
    return max(lo, 0)
