"""Issue 13 item 7 (output): a reader that stops early ends the command quietly with exit 0; a full
disk under any output is one line on stderr and exit 1, never a traceback."""
from __future__ import annotations

import errno
import io
import os
import subprocess
import sys
from pathlib import Path

import pytest

from store.db import Store
from tests.conftest import ARTICLES
from tui.cli import main

REPO = Path(__file__).resolve().parent.parent
REPORTS = [str(p) for p in sorted(ARTICLES.glob("*.txt"))]


@pytest.fixture(scope="module")
def store_dir(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("pipes") / "store"
    with Store.open(folder) as store:
        store.ingest([Path(p) for p in REPORTS])
    return folder


def commands(store_dir: Path) -> dict[str, list[str]]:
    return {
        "extract": ["extract", *REPORTS],
        "extract-table": ["extract", "--format", "table", *REPORTS],
        "export-csv": ["export", "--format", "csv", "--store", str(store_dir)],
        "export-md": ["export", "--format", "md", "--store", str(store_dir)],
        "status": ["status", "--store", str(store_dir)],
        "status-json": ["status", "--format", "json", "--store", str(store_dir)],
    }


def crosswatch(args: list[str], stdout) -> subprocess.Popen:
    env = {**os.environ, "PYTHONPATH": str(REPO), "PYTHONDONTWRITEBYTECODE": "1"}
    return subprocess.Popen([sys.executable, "-m", "tui", *args], stdout=stdout, stderr=subprocess.PIPE, env=env)


@pytest.mark.parametrize("name", ["extract", "extract-table", "export-csv", "export-md", "status", "status-json"])
def test_a_reader_that_stops_at_once_ends_the_command_quietly_with_exit_0(store_dir, name):
    proc = crosswatch(commands(store_dir)[name], subprocess.PIPE)
    proc.stdout.close()  # `| head -0`: the reader is gone before the first byte
    err = proc.stderr.read().decode("utf-8", "replace")
    proc.wait(timeout=60)
    assert err == "" and proc.returncode == 0, (proc.returncode, err)


def test_extract_piped_into_head_gives_one_line_and_no_traceback(tmp_path):
    script = f'"{sys.executable}" -m tui extract {" ".join(REPORTS)} | head -1; echo "status ${{PIPESTATUS[0]}}" >&2'
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    done = subprocess.run(["bash", "-c", script], capture_output=True, text=True, env=env, timeout=60)
    assert len(done.stdout.splitlines()) == 1
    assert done.stderr.strip() == "status 0", done.stderr


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="no /dev/full here")
@pytest.mark.parametrize("name", ["extract", "extract-table", "export-csv", "export-md", "status", "status-json"])
def test_output_to_a_full_disk_is_one_line_and_exit_1(store_dir, name):
    with open("/dev/full", "wb") as full:
        proc = crosswatch(commands(store_dir)[name], full)
        err = proc.stderr.read().decode("utf-8", "replace")
        proc.wait(timeout=60)
    lines = err.splitlines()
    assert proc.returncode == 1 and len(lines) == 1, (proc.returncode, err)
    assert "No space left on device" in lines[0] and lines[0].startswith("crosswatch ")


class FullDisk(io.TextIOBase):
    """Standard output on a full disk: every write fails with ENOSPC."""

    encoding = "utf-8"

    def write(self, text: str) -> int:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    def flush(self) -> None:
        pass


@pytest.mark.parametrize("name", ["extract", "export-csv", "export-md", "status-json"])
def test_a_write_raising_enospc_is_one_line_in_process(store_dir, capsys, monkeypatch, name):
    monkeypatch.setattr(sys, "stdout", FullDisk())
    assert main(commands(store_dir)[name]) == 1
    err = capsys.readouterr().err
    assert len(err.splitlines()) == 1 and "No space left on device" in err and "Traceback" not in err


def test_export_to_a_file_on_a_full_disk_is_one_line_and_leaves_nothing(store_dir, tmp_path, capsys, monkeypatch):
    import store.db.atomic as atomic

    def full(fd):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(atomic.os, "fsync", full)
    target = tmp_path / "out" / "brief.md"
    target.parent.mkdir()
    assert main(["export", "--format", "md", "-o", str(target), "--store", str(store_dir)]) == 1
    err = capsys.readouterr().err
    assert len(err.splitlines()) == 1 and "No space left on device" in err and str(target) in err
    assert list(target.parent.iterdir()) == []  # no half-written file, no temporary left behind
