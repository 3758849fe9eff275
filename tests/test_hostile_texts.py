"""Issue 13 item 3: a damaged `texts/` shard, or `texts/` replaced by a plain file, is one line
in the browser (which keeps working for the other articles) and in every command; never a
traceback, never a hang (`crosswatch --screenshot` used to wait for ever)."""
from __future__ import annotations

import asyncio
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from test_tui_support import browse, bundled_store_template, settle, store_dir  # noqa: F401
from store.db import Store
from store.db.corpus import shard_of
from tests.conftest import REPO
from tui.cli import main
from tui.widgets.article_view import ArticleView
from tui.widgets.lists import EventList


def damage_shard(folder: Path) -> str:
    """Garbage in the texts shard of the first article's: returns that shard."""
    with Store.open(folder, readonly=True) as store:
        shard = shard_of(store.articles()[0]["id"])
    (folder / "texts" / f"{shard}.json").write_bytes(b"\x00garbage, not JSON")
    return shard


def texts_a_file(folder: Path) -> str:
    shutil.rmtree(folder / "texts")
    (folder / "texts").write_text("not a folder\n")
    return ""


DAMAGES = {"damaged-shard": damage_shard, "texts-a-file": texts_a_file}


def said(app) -> list[str]:
    return [str(n.message) for n in app._notifications]


@pytest.mark.parametrize("damage", DAMAGES)
async def test_the_browser_says_it_in_one_line_and_keeps_working_for_the_other_articles(store_dir, damage):
    broken = DAMAGES[damage](store_dir)
    await asyncio.wait_for(browse_every_event(store_dir, damage, broken), 60)  # it used to stop on a traceback and wait for ever


async def browse_every_event(store_dir: Path, damage: str, broken: str) -> None:
    async with browse(store_dir) as (app, pilot):
        events, view = app.screen.query_one(EventList), app.screen.query_one(ArticleView)
        shown_fine = 0
        for key in list(events.keys):
            events.move_to_key(key)
            await settle(pilot)
            readable = damage == "damaged-shard" and shard_of(app.events[key]["article_id"]) != broken
            if readable:
                assert view.lit is app.events[key], "an intact article still lights its sentence"
                shown_fine += 1
            else:
                assert view.lit is None and view.border_subtitle == "text unreadable"
        assert damage == "texts-a-file" or shown_fine > 0
        lines = [line for line in said(app) if "cannot be read" in line]
        assert lines and all("\n" not in line and "texts" in line for line in lines)
        assert not any("Traceback" in line for line in said(app))
        assert app.return_code is None, "the browser is still up"


@pytest.mark.parametrize("damage", DAMAGES)
def test_a_screenshot_of_a_damaged_store_ends(store_dir, damage, tmp_path):
    DAMAGES[damage](store_dir)
    picture = tmp_path / "shot.svg"
    started = time.monotonic()
    done = subprocess.run([sys.executable, "-m", "tui", "--store", str(store_dir), "--screenshot", str(picture)],
                          cwd=REPO, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert picture.exists() and "Traceback" not in done.stderr
    assert "cannot" in picture.read_text(encoding="utf-8")  # the line is on the screen it saved
    assert time.monotonic() - started < 60


def report_in_shard(folder: Path, shard: str) -> Path:
    """A new report whose article lands in `shard` (any shard when ""), so ingesting it reads that shard."""
    from store import ids
    from store.reader import read_article_text

    base = (REPO / "data" / "articles" / "004_13ff700055651627.txt").read_text(encoding="utf-8")
    path = folder / "new-report.txt"
    for nonce in range(1000):
        path.write_text(f"{base}\nFiled {nonce}.\n", encoding="utf-8")
        if ids.article_id(ids.content_hash(read_article_text(path))).startswith(shard):
            return path
    raise AssertionError("no nonce lands in that shard")


@pytest.mark.parametrize("damage", DAMAGES)
@pytest.mark.parametrize("command", [["export", "--format", "md"], ["status"], ["reread"], ["ingest"]])
def test_every_command_says_it_in_one_line(store_dir, damage, command, capsys, tmp_path):
    broken = DAMAGES[damage](store_dir)
    if command == ["ingest"]:
        command = ["ingest", str(report_in_shard(tmp_path, broken))]
    assert main(command + ["--store", str(store_dir)]) == 1
    err = capsys.readouterr().err
    assert "Traceback" not in err and "texts" in err
    assert all(line.startswith("crosswatch") or line.startswith("not re-read") for line in err.splitlines() if line.strip())


def test_a_browser_that_stops_on_an_error_never_hangs_its_screenshot(tmp_path, capsys):
    from tui.app import CrosswatchApp
    from tui.launch import screenshot

    class Stopping(CrosswatchApp):
        def on_mount(self) -> None:  # stops on an error before the store is ever ready
            raise RuntimeError("stopped")

    result: list[int] = []
    taking = threading.Thread(target=lambda: result.append(screenshot(Stopping(tmp_path / "store"), tmp_path / "shot.svg", (80, 24), [])),
                              daemon=True)
    taking.start()
    taking.join(30)
    assert result == [1], "the screenshot waited for a browser that had stopped"
    assert "no screenshot saved" in capsys.readouterr().err
