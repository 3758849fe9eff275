"""Exports: the corrected events with their notes, safe to print, in JSONL, CSV and Markdown."""
from __future__ import annotations

import csv
import io
import json
import sys
import types

import pytest

from store.counted import stands
from store.db import Store
from store.export import CSV_COLUMNS, export
from store.filters import EventFilter
from tui.cli import main

HOSTILE_NOTE = "seen\x1b[2J\x1b]52;c;cHduZWQ=\x07 [bold red]not bold[/] \u202eevil =cmd|' /C calc'!A0"


@pytest.fixture
def folder(tmp_path):
    folder = tmp_path / "store"
    with Store.open_or_build(folder) as st:
        events = [e for e in st.events() if not e.get("candidate")]
        st.save_note(events[0]["id"], "Confirmed by the AFP wire.")
        st.decide(events[1]["id"], "accepted", {"actor": "pmf"})
        st.decide(events[2]["id"], "rejected")
        st.save_note(events[3]["id"], HOSTILE_NOTE)
    return folder


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_jsonl_carries_the_event_contract_plus_id_note_and_decision(folder, capsys):
    code, out, _ = run(capsys, "export", "--format", "jsonl", "--store", str(folder))
    assert code == 0
    records = [json.loads(line) for line in out.splitlines()]
    with Store.open(folder, readonly=True) as st:
        served = [e for e in st.events() if stands(e)]
        events = [e for e in st.events() if not e.get("candidate")]
    assert [r["id"] for r in records] == [e["id"] for e in served]  # rejected ones and open candidates left out
    for field in ("article", "type", "actor", "actor_text", "crossing", "side", "crossing_text", "date", "date_text",
                  "hedged", "source", "sentence", "start", "end", "id", "note", "decision"):
        assert field in records[0], field
    by_id = {r["id"]: r for r in records}
    assert by_id[events[0]["id"]]["note"] == "Confirmed by the AFP wire."
    assert by_id[events[1]["id"]]["actor"] == "pmf" and by_id[events[1]["id"]]["decision"] == "accepted"
    assert by_id[events[3]["id"]]["note"] == HOSTILE_NOTE  # lossless...
    assert "\x1b" not in out and "\u202e" not in out  # ...and still safe to print


def test_rejected_events_come_back_on_request(folder, capsys):
    _, out, _ = run(capsys, "export", "--format", "jsonl", "--include-rejected", "--store", str(folder))
    assert "rejected" in {json.loads(line)["decision"] for line in out.splitlines()}


def test_csv_follows_acled_habits_and_neutralises_hostile_cells(folder, capsys):
    code, out, _ = run(capsys, "export", "--format", "csv", "--store", str(folder))
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    assert tuple(rows[0]) == CSV_COLUMNS
    assert {"event_date", "time_precision", "event_type", "actor1", "location", "outlet", "speaker", "notes"} <= set(rows[0])
    first = rows[0]
    assert first["notes"] == "Confirmed by the AFP wire." and first["time_precision"] in {"1", "2", "3"}
    assert first["location"] and first["crossing"] and first["sentence"]
    hostile = next(r for r in rows if r["notes"].startswith("seen"))
    assert "\x1b" not in out and "\u202e" not in out and "[bold red]not bold[/]" in hostile["notes"]
    assert "=cmd" in hostile["notes"]


def test_a_cell_that_a_spreadsheet_would_run_is_quoted():
    from store.export import csv_cell

    assert csv_cell("=HYPERLINK(\"x\")") == "'=HYPERLINK(\"x\")" and csv_cell("-5 killed") == "'-5 killed"
    assert csv_cell("Plain text") == "Plain text" and csv_cell(None) == ""


def test_filters_by_crossing_and_faction(folder, capsys):
    _, out, _ = run(capsys, "export", "--format", "jsonl", "--crossing", "al-qaim", "--faction", "islamic-state", "--store", str(folder))
    records = [json.loads(line) for line in out.splitlines()]
    assert records and all(r["crossing"] == "al-qaim" and r["actor"] == "islamic-state" for r in records)
    with Store.open(folder, readonly=True) as st:
        expected = [e["id"] for e in st.events(EventFilter(crossings={"al-qaim"}, factions={"islamic-state"})) if e["decision"] != "rejected"]
    assert [r["id"] for r in records] == expected


def test_markdown_brief_reads_well_and_includes_the_status_brief_when_present(folder, capsys, monkeypatch):
    fake = types.ModuleType("store.status_brief")
    fake.render_status_brief = lambda store: f"# Status\n\nSTATUS-OF-{len(store.events())}-EVENTS\x1b[31m"
    monkeypatch.setitem(sys.modules, "store.status_brief", fake)
    code, out, _ = run(capsys, "export", "--format", "md", "--store", str(folder))
    assert code == 0
    assert out.startswith("# Crosswatch brief") and "STATUS-OF-" in out and "\x1b" not in out
    assert "## Al Waleed / Al Tanf" in out and "Note: Confirmed by the AFP wire." in out


def test_markdown_brief_without_a_status_module_still_works(folder, monkeypatch):
    monkeypatch.setitem(sys.modules, "store.status_brief", None)  # import fails
    with Store.open(folder, readonly=True) as st:
        text = export(st, "md")
    assert text.startswith("# Crosswatch brief") and "# Events by crossing" in text


def test_export_to_a_file_and_from_a_store_in_use(folder, tmp_path, capsys):
    target = tmp_path / "out.csv"
    with Store.open(folder) as browser:  # a browser window holds the store
        assert not browser.readonly
        code, out, err = run(capsys, "export", "--format", "csv", "-o", str(target), "--store", str(folder))
    assert code == 0 and out == "" and target.read_text(encoding="utf-8").startswith("event_id,event_date")


def test_export_honours_crosswatch_store_and_builds_a_first_store(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("CROSSWATCH_STORE", str(tmp_path / "env-store"))
    code, out, _ = run(capsys, "export", "--format", "jsonl")
    assert code == 0 and out.count("\n") > 10 and (tmp_path / "env-store" / "store.json").is_file()
