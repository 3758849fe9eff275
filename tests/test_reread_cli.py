"""`crosswatch reread` as a user runs it after an upgrade: a summary line, then nothing left to do."""
from __future__ import annotations

import re

from test_reread_store import annotate, build

from store.db import Store
from store.extract import EXTRACTOR_VERSION
from store.reread import stale_articles
from tui.cli import build_parser, main


def test_reread_prints_the_summary_and_a_second_run_has_nothing_to_do(tmp_path, monkeypatch, capsys):
    folder = build(tmp_path / "store", monkeypatch)
    with Store.open(folder) as store:
        annotate(store)
    assert main(["reread", "--store", str(folder)]) == 0
    out = capsys.readouterr().out.strip()
    assert re.fullmatch(rf"re-read 5 reports with extractor {re.escape(EXTRACTOR_VERSION)}: \+\d+ events, -\d+ events; "
                        rf"notes kept: 1, orphaned: 1 \(store: {re.escape(str(folder))}\)", out), out
    with Store.open(folder, readonly=True) as store:
        assert stale_articles(store) == []
    assert main(["reread", "--store", str(folder)]) == 0
    assert capsys.readouterr().out.startswith(f"nothing to re-read: every report was read by extractor {EXTRACTOR_VERSION}")


def test_reread_honours_the_store_environment_variable(tmp_path, monkeypatch, capsys):
    folder = build(tmp_path / "env-store", monkeypatch)
    monkeypatch.setenv("CROSSWATCH_STORE", str(folder))
    assert main(["reread"]) == 0
    assert capsys.readouterr().out.startswith("re-read 5 reports")


def test_reread_refuses_a_store_another_process_holds(tmp_path, monkeypatch, capsys):
    folder = build(tmp_path / "store", monkeypatch)
    with Store.open(folder):
        assert main(["reread", "--store", str(folder)]) == 1
    err = capsys.readouterr().err
    assert "read-only" in err and "retry" in err
    with Store.open(folder, readonly=True) as store:
        assert len(stale_articles(store)) == 5


def test_reread_without_a_store_says_so(tmp_path, capsys):
    assert main(["reread", "--store", str(tmp_path / "none")]) == 1
    assert "no store" in capsys.readouterr().err
    assert not (tmp_path / "none").exists()


def test_reread_is_listed_among_the_commands():
    assert "reread" in build_parser().format_help()
