"""The real command in a real (pseudo-)terminal: it draws, `n` saves a note, `q` quits at once.

Every other browser test drives the app headless; this one runs `crosswatch` as an analyst
does, so the way it leaves (the terminal restored, the store closed and unlocked, the
process ending without tearing the store down object by object) is tested too.
"""
from __future__ import annotations

import fcntl
import os
import re
import select
import struct
import subprocess
import sys
import termios
import time
from pathlib import Path

import pytest

from store.db import Store
from test_tui_support import bundled_store_template, store_dir  # noqa: F401



def _pseudo_terminals() -> bool:
    try:
        import pty

        for fd in pty.openpty():
            os.close(fd)
        return True
    except (ImportError, OSError):
        return False


pytestmark = pytest.mark.skipif(not _pseudo_terminals(), reason="needs a POSIX pseudo-terminal")
CONTROL = re.compile(rb"\x1b\[[0-9;?]*[A-Za-z]")  # colours and cursor moves between the words drawn


class Terminal:
    """`crosswatch` on a pseudo-terminal of 160x48; what it drew is kept as bytes."""

    def __init__(self, *args: str) -> None:
        import pty

        self.master, slave = pty.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 48, 160, 0, 0))
        env = dict(os.environ, TERM="xterm-256color", COLUMNS="160", LINES="48")
        self.proc = subprocess.Popen([sys.executable, "-m", "tui.cli", *args], stdin=slave, stdout=slave, stderr=slave,
                                     env=env, start_new_session=True)
        os.close(slave)
        self.seen = b""

    @property
    def text(self) -> bytes:
        return CONTROL.sub(b"", self.seen)

    def read_until(self, text: bytes, timeout: float = 60) -> bool:
        deadline = time.monotonic() + timeout
        while text not in self.text and time.monotonic() < deadline:
            ready, _, _ = select.select([self.master], [], [], 0.2)
            if ready:
                try:
                    self.seen += os.read(self.master, 65536)
                except OSError:  # the process ended and closed its side
                    break
        return text in self.text

    def wait(self, timeout: float) -> int:
        """The exit code, reading what it draws meanwhile (a terminal always does: unread, it would block)."""
        deadline = time.monotonic() + timeout
        while self.proc.poll() is None and time.monotonic() < deadline:
            self.read_until(b"\x00never", timeout=0.2)
        return self.proc.wait(timeout=max(deadline - time.monotonic(), 0.1))

    def type(self, keys: bytes) -> None:
        os.write(self.master, keys)

    def close(self) -> None:
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()
        os.close(self.master)


def test_the_command_draws_saves_a_note_and_quits_cleanly(store_dir):
    term = Terminal("--store", str(store_dir))
    try:
        assert term.read_until(b"Events"), term.text[-2000:]
        time.sleep(1.0)  # the status and the indexes settle in the background
        term.type(b"n")
        assert term.read_until(b"F2: save"), term.text[-2000:]  # the editor is open
        term.type(b"typed in a real terminal")
        time.sleep(0.3)  # a person's pause: an escape sequence in the same read as the text is parsed otherwise
        term.type(b"\x1bOQ")  # F2 saves the note
        assert term.read_until(b"Note saved"), term.text[-2000:]
        term.type(b"q")
        assert term.wait(timeout=30) == 0
    finally:
        term.close()
    assert b"\x1b[?1049l" in term.seen  # the alternate screen was left: the terminal is the analyst's again
    with Store.open(store_dir) as store:  # not read-only: the lock went with the process
        assert not store.readonly
        assert "typed in a real terminal" in {e["note"] for e in store.events()}
