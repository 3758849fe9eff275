"""Read an article file into text, or say in one line why it cannot be read."""
from __future__ import annotations

from pathlib import Path

from charset_normalizer import from_bytes

MAX_BYTES = 20 * 1024 * 1024


class UnreadableFile(Exception):
    """The file was skipped; `str(err)` is the reason, one line, for the user."""


def decode_bytes(raw: bytes) -> str:
    """UTF-8 (with or without BOM) first, UTF-16 by BOM, else the best guess of charset-normalizer."""
    if raw.startswith(b"\xff\xfe") or raw.startswith(b"\xfe\xff"):
        try:
            return raw.decode("utf-16")
        except UnicodeDecodeError as err:
            raise UnreadableFile(f"UTF-16 byte-order mark but undecodable: {err.reason}") from None
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    if b"\x00" in raw[:8192]:
        raise UnreadableFile("binary file (NUL bytes), not text")
    best = from_bytes(raw).best()
    if best is None:
        raise UnreadableFile("not text in any known encoding")
    return str(best)


def read_article_text(path: str | Path, max_bytes: int = MAX_BYTES) -> str:
    path = Path(path)
    try:
        size = path.stat().st_size
        if path.is_dir():
            raise UnreadableFile("is a folder")
        if size > max_bytes:
            raise UnreadableFile(f"too large ({size / 1e6:.1f} MB, cap {max_bytes / 1e6:.0f} MB)")
        raw = path.read_bytes()
    except OSError as err:
        raise UnreadableFile(err.strerror or str(err)) from None
    if not raw.strip():
        raise UnreadableFile("empty file")
    return decode_bytes(raw)
