"""Issue 13 item 4: only a first run on an empty folder builds the demo store; a store that lost
its store.json, or has something else in its place, is refused in one line and never rebuilt."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from store.db import Store, StoreError
from store.paths import bundled_articles
from tests.conftest import ARTICLES
from tui.cli import main

REPORT = sorted(ARTICLES.glob("*.txt"))[0]


def files_of(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file() and not p.is_symlink() and p.name != ".lock"}


@pytest.fixture
def analyst_store(tmp_path) -> Path:
    """An analyst's own store: one report of theirs, one note; never the demo's five."""
    folder = tmp_path / "mine"
    with Store.open(folder) as store:
        store.ingest([REPORT])
        store.save_note(store.events()[0]["id"], "my note")
    return folder


def one_line(err: str) -> str:
    lines = [line for line in err.splitlines() if line.strip()]
    assert len(lines) == 1, err
    assert "Traceback" not in err
    return lines[0]


@pytest.mark.parametrize("command", [["export", "--format", "jsonl"], ["status"]])
def test_a_missing_store_json_is_refused_and_the_demo_is_not_added(analyst_store, capsys, command):
    (analyst_store / "store.json").unlink()
    before = files_of(analyst_store)
    assert main(command + ["--store", str(analyst_store)]) == 1
    line = one_line(capsys.readouterr().err)
    assert "store.json" in line and "missing" in line and "nothing was changed" in line
    assert files_of(analyst_store) == before  # no demo reports, no new store.json


def test_a_missing_store_json_is_refused_by_every_opener(analyst_store):
    (analyst_store / "store.json").unlink()
    before = files_of(analyst_store)
    for opener in (lambda: Store.open(analyst_store), lambda: Store.open(analyst_store, readonly=True),
                   lambda: Store.open_or_build(analyst_store)):
        with pytest.raises(StoreError, match="store.json: missing"):
            opener()
    assert files_of(analyst_store) == before


def _fifo(path: Path) -> None:
    os.mkfifo(path)


def _folder(path: Path) -> None:
    path.mkdir()
    (path / "inside.txt").write_text("keep me", encoding="utf-8")


def _loop(path: Path) -> None:
    os.symlink(path.name, path)  # store.json -> store.json


def _dangling(path: Path) -> None:
    os.symlink("nowhere.json", path)


@pytest.mark.parametrize("make, kind", [(_folder, "a folder"), (_fifo, "a FIFO"), (_loop, "symbolic link"),
                                         (_dangling, "symbolic link")])
@pytest.mark.parametrize("command", [["export"], ["status"], ["reread"], ["ingest", str(REPORT)]])
def test_something_else_in_place_of_store_json_is_refused_in_one_line_and_kept(analyst_store, capsys, make, kind, command):
    meta = analyst_store / "store.json"
    meta.unlink()
    make(meta)
    before = files_of(analyst_store)
    kind_before = os.lstat(meta).st_mode
    assert main(command + ["--store", str(analyst_store)]) == 1
    line = one_line(capsys.readouterr().err)
    assert "store.json" in line and kind in line
    assert os.lstat(meta).st_mode == kind_before  # never replaced
    assert files_of(analyst_store) == before


@pytest.mark.parametrize("make", [_folder, _fifo, _loop])
def test_the_browser_opener_refuses_something_else_in_place_of_store_json(analyst_store, make):
    from tui.launch import open_or_build

    meta = analyst_store / "store.json"
    meta.unlink()
    make(meta)
    with pytest.raises(StoreError, match="store.json"):
        open_or_build(analyst_store, None, lambda *a: None)
    assert meta.is_symlink() or not meta.is_file()


@pytest.mark.parametrize("existing", [False, True])
def test_the_first_run_on_an_empty_folder_builds_the_demo_store(tmp_path, capsys, existing):
    folder = tmp_path / "fresh"
    if existing:
        folder.mkdir()
    assert main(["export", "--store", str(folder)]) == 0
    capsys.readouterr()
    with Store.open(folder, readonly=True) as store:
        assert len(store.articles()) == len(list(bundled_articles().glob("*.txt")))


def test_a_store_made_by_ingest_is_never_given_the_demo_reports(tmp_path, capsys):
    folder = tmp_path / "ingested"
    assert main(["ingest", str(REPORT), "--store", str(folder)]) == 0
    with Store.open_or_build(folder) as store:
        assert [a["name"] for a in store.articles()] == [REPORT.name]
    assert main(["status", "--store", str(folder)]) == 0
    with Store.open(folder, readonly=True) as store:
        assert len(store.articles()) == 1


def test_a_folder_of_other_files_is_not_made_a_store(tmp_path):
    folder = tmp_path / "reports"
    folder.mkdir()
    (folder / "a.txt").write_text("my own file", encoding="utf-8")
    with pytest.raises(StoreError, match="not empty"):
        Store.open(folder)
    assert sorted(p.name for p in folder.iterdir()) == ["a.txt"]


def test_a_first_run_cut_short_before_store_json_still_builds(tmp_path):
    folder = tmp_path / "cut"
    folder.mkdir()
    (folder / ".lock").write_bytes(b"")
    (folder / ".store.json.123.tmp").write_bytes(b"{")
    with Store.open_or_build(folder) as store:
        assert len(store.articles()) == len(list(bundled_articles().glob("*.txt")))
