"""Read an article file into text, or say in one line why it cannot be read.

Files come from the open web, so nothing here trusts them: only regular files are
read, never more than the size cap; `store.decode` turns the bytes into text.
"""
from __future__ import annotations

import stat
from pathlib import Path

from .decode import UnreadableFile, decode_bytes

__all__ = ["MAX_BYTES", "UnreadableFile", "decode_bytes", "read_article_text"]

MAX_BYTES = 20 * 1024 * 1024


def _mib(size: int) -> str:
    """Sizes in the unit the cap is set in (MiB), so "20.1 MiB; the cap is 20 MiB" adds up."""
    return f"{size / 2**20:g} MiB" if size % 2**20 == 0 else f"{size / 2**20:.2f} MiB"


def read_article_text(path: str | Path, max_bytes: int = MAX_BYTES) -> str:
    """The file's text; raises UnreadableFile with a one-line reason instead of OSError."""
    path = Path(path)
    try:
        info = path.stat()
        if stat.S_ISDIR(info.st_mode):
            raise UnreadableFile("is a folder, not a file")
        if not stat.S_ISREG(info.st_mode):
            raise UnreadableFile("not a regular file (device, pipe or socket)")
        if info.st_size > max_bytes:
            raise UnreadableFile(f"too large ({_mib(info.st_size)}; the cap is {_mib(max_bytes)})")
        with path.open("rb") as handle:
            raw = handle.read(max_bytes + 1)  # the file may have grown since stat
    except OSError as err:
        raise UnreadableFile(err.strerror or type(err).__name__) from None
    if len(raw) > max_bytes:
        raise UnreadableFile(f"too large (over the {_mib(max_bytes)} cap)")
    if not raw.strip():
        raise UnreadableFile("empty file")
    return decode_bytes(raw)
