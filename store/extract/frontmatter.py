"""Split an article's optional front-matter block from its body, never raising.

    ---
    title: ...
    source: ...
    published: 2014-06-24
    url: ...
    ---

Keys are optional and case-insensitive; odd, nested or repeated keys are ignored (first
wins). A block that is never closed ends at the first line that is not `key: value`.
"""
from __future__ import annotations

import re

from store.sanitize import safe_line

KEYS = ("title", "source", "published", "url")
_FENCE = re.compile(r"^(?:---|\+\+\+)\s*$")
_KEY_VALUE = re.compile(r"^([A-Za-z_][\w-]*)\s*:\s*(.*)$")
_MAX_LINES = 60


def split_front_matter(text: str) -> tuple[dict, str]:
    """`(fields, body)`: the known keys as one-line strings (or None) and the rest of the text."""
    fields: dict[str, str | None] = dict.fromkeys(KEYS)
    lines = text.split("\n")
    first = 0
    while first < len(lines) and not lines[first].strip():
        first += 1
    if first >= len(lines) or not _FENCE.match(lines[first].lstrip("\ufeff")):
        return fields, text
    end = None
    for n in range(first + 1, min(len(lines), first + 1 + _MAX_LINES)):
        line = lines[n]
        if _FENCE.match(line):
            end = n + 1
            break
        if line.strip() and not _KEY_VALUE.match(line) and not line[:1].isspace() and not line.lstrip().startswith(("-", "#")):
            end = n  # an unclosed block: the body starts at the first line that is not metadata
            break
        _read_field(line, fields)
    if end is None:
        end = min(len(lines), first + 1 + _MAX_LINES)
    return fields, "\n".join(lines[end:])


def _read_field(line: str, fields: dict) -> None:
    if line[:1].isspace():
        return  # nested values belong to a key we do not read
    m = _KEY_VALUE.match(line)
    if not m:
        return
    key = m.group(1).lower()
    value = m.group(2).strip()
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
        value = value[1:-1]
    value = safe_line(value)
    if key in fields and fields[key] is None and value:
        fields[key] = value
