"""Issue 13 items 7 and 8 (ingest paths): symbolic link loops, FIFOs and devices among the paths of an
ingest are passed over with one line each, and the rest of the batch goes in (no traceback, no hang)."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from store.db import Store
from tests.conftest import ARTICLES

REPO = Path(__file__).resolve().parent.parent
REPORT = ARTICLES / "004_13ff700055651627.txt"


@pytest.fixture
def batch(tmp_path) -> Path:
    folder = tmp_path / "batch"
    folder.mkdir()
    shutil.copy(REPORT, folder / "good.txt")
    os.symlink("loop.txt", folder / "loop.txt")
    os.symlink("nowhere.txt", folder / "dangling.txt")
    os.mkfifo(folder / "pipe.txt")
    if os.path.exists("/dev/zero"):
        os.symlink("/dev/zero", folder / "zero.txt")
    return folder


def test_special_files_in_a_folder_and_on_the_command_line_are_one_line_each(batch, tmp_path):
    store = tmp_path / "store"
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    done = subprocess.run([sys.executable, "-m", "tui", "ingest", str(batch), str(batch / "loop.txt"), "--store", str(store)],
                          capture_output=True, text=True, env=env, timeout=60)
    assert "Traceback" not in done.stderr and done.returncode == 1, done.stderr
    assert done.stdout.startswith("1 ingested")
    said = done.stderr.splitlines()
    for name, why in (("loop.txt", "leads nowhere"), ("dangling.txt", "leads nowhere"), ("pipe.txt", "FIFO"),
                      ("zero.txt", "character device")):
        if (batch / name).is_symlink() or (batch / name).exists():
            assert any(name in line and why in line for line in said), (name, said)
    with Store.open(store, readonly=True) as st:
        assert [a["name"] for a in st.articles()] == ["good.txt"]
