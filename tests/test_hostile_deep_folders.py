"""Issue 13 item 7: folders nested 1,000 deep (and deeper than the system can name) given to
`ingest` are walked without recursion: every report that can be reached goes in, a folder that
cannot be opened is one line, and nothing else in the batch is lost."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.conftest import ARTICLES
from tui.cli import main

REPORTS = sorted(ARTICLES.glob("*.txt"))
pytestmark = pytest.mark.skipif(os.name != "posix", reason="folders opened relative to a descriptor")


def chain(top: Path, depth: int) -> int:
    """`depth` folders `d/d/d/...` under `top`, made relative to a descriptor (no path-length limit);
    returns the descriptor of the deepest, for the caller to put a report in and close."""
    fd = os.open(top, os.O_RDONLY | os.O_DIRECTORY)
    for _ in range(depth):
        os.mkdir("d", dir_fd=fd)
        deeper = os.open("d", os.O_RDONLY | os.O_DIRECTORY, dir_fd=fd)
        os.close(fd)
        fd = deeper
    return fd


def put_report(fd: int, name: str, report: Path) -> None:
    out = os.open(name, os.O_WRONLY | os.O_CREAT, 0o644, dir_fd=fd)
    with os.fdopen(out, "wb") as handle:
        handle.write(report.read_bytes())
    os.close(fd)


def unchain(top: Path) -> None:
    """Remove a chain made by `chain` without recursion (shutil.rmtree recurses, and gives up)."""
    fds = [os.open(top, os.O_RDONLY | os.O_DIRECTORY)]
    while "d" in os.listdir(fds[-1]):
        fds.append(os.open("d", os.O_RDONLY | os.O_DIRECTORY, dir_fd=fds[-1]))
    while fds:
        fd = fds.pop()
        for name in os.listdir(fd):
            if name != "d":
                os.unlink(name, dir_fd=fd)
        if fds:
            os.rmdir("d", dir_fd=fds[-1])
        os.close(fd)


@pytest.fixture
def deep(tmp_path):
    top = tmp_path / "deep"
    top.mkdir()
    yield top
    unchain(top)


def test_a_report_1000_folders_deep_goes_in_with_the_rest(deep, tmp_path, capsys):
    (deep / "top.txt").write_bytes(REPORTS[1].read_bytes())
    put_report(chain(deep, 1000), "bottom.txt", REPORTS[0])
    assert main(["ingest", str(deep), "--store", str(tmp_path / "store")]) == 0
    out, err = capsys.readouterr()
    assert out.startswith("2 ingested") and "Traceback" not in err


def test_a_folder_deeper_than_the_system_can_name_is_one_line_and_the_rest_goes_in(deep, tmp_path, capsys):
    (deep / "top.txt").write_bytes(REPORTS[1].read_bytes())
    put_report(chain(deep, 2500), "bottom.txt", REPORTS[0])  # 5,000 characters: past PATH_MAX
    assert main(["ingest", str(deep), "--store", str(tmp_path / "store")]) == 1
    out, err = capsys.readouterr()
    assert out.startswith("1 ingested") and "Traceback" not in err
    lines = [line for line in err.splitlines() if line.strip()]
    assert len(lines) == 1 and "cannot read the folder" in lines[0], err
