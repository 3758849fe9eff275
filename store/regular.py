"""Read a file only when it is a regular file: a FIFO, a device or a folder in its place is refused.

`Path.read_bytes()` on a FIFO waits for a writer forever, and on `/dev/zero` (or a symbolic
link to it) reads until memory runs out. Opening without blocking and checking what the
name leads to first makes both a one-line refusal instead.
"""
from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_CLOEXEC", 0)


class NotRegular(OSError):
    """The name leads to something that is not a regular file; `strerror` says what it is."""


def kind_of(mode: int) -> str:
    """What a file of this `st_mode` is, in words ("a FIFO", "a folder", ...)."""
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a FIFO (named pipe)"
    if stat.S_ISCHR(mode):
        return "a character device"
    if stat.S_ISBLK(mode):
        return "a block device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"


def not_regular(path, mode: int) -> NotRegular:
    return NotRegular(errno.EINVAL, f"not a regular file: {kind_of(mode)}", str(path))


def open_regular(path, flags: int = _FLAGS, mode: int = 0o644) -> int:
    """A file descriptor on `path`, refused (closed, NotRegular raised) unless it is a regular file.

    Missing files raise FileNotFoundError as `open` does; a symbolic link loop raises the
    OSError (ELOOP) the system gives.
    """
    fd = os.open(path, flags | getattr(os, "O_NONBLOCK", 0), mode)
    try:
        st_mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(st_mode):
            raise not_regular(path, st_mode)
    except BaseException:
        os.close(fd)
        raise
    return fd


def read_regular(path) -> bytes:
    """The bytes of a regular file; FileNotFoundError when missing, NotRegular (an OSError) for anything else."""
    fd = open_regular(Path(path))
    with os.fdopen(fd, "rb") as handle:
        return handle.read()


def read_regular_text(path, encoding: str = "utf-8") -> str:
    return read_regular(path).decode(encoding)
