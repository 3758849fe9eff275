"""Dates at the calendar's ends never stop status, the timeline, incidents or an export (issue 11 point 5, issue 13 item 2).

Reports published 0001-01-01 or 9999-12-31, with "days later", "a week later", "yesterday",
are ingested into a store in a temporary folder; every reader of dates then runs on it.
"""
from __future__ import annotations

import json
from datetime import date

import pytest

from store.asof import change_dates, next_change, previous_change
from store.bounds import bounded_days
from store.day_math import shift
from store.db import Store
from store.incidents import group_incidents, incident_index
from store.ingest import ingest_paths
from store.status import engine_for
from store.status_brief import render_status_brief

from status_helpers import write_reports
from store.status_timeline import crossing_timeline, timeline_from_json, timeline_to_json
from tui.cli import main

REPORTS = {
    "first.txt": ("0001-01-01", "Islamic State fighters captured the Al Waleed border crossing on June 22, 2014. "
                                "The crossing was retaken by the Iraqi military just days later. "
                                "Iraqi forces withdrew from the Trebil crossing yesterday."),
    "second.txt": ("0001-01-02", "Militants seized the Al Waleed border crossing on Sunday. Iraqi forces withdrew "
                                 "from the Trebil crossing yesterday. A week later the Iraqi army retook the Trebil crossing."),
    "last.txt": ("9999-12-31", "Militants seized the Trebil crossing yesterday. The crossing was retaken by the Iraqi "
                               "military just days later. Two days later Iraqi forces attacked the Rabia crossing. "
                               "Months later the Syrian army closed the Al Waleed crossing."),
}


@pytest.fixture
def folder(tmp_path):
    paths = write_reports(tmp_path, REPORTS)
    store = Store.open(tmp_path / "store")
    try:
        ingest_paths(store, paths)
        assert store.events(), "the extractor found no events"
    finally:
        store.close()
    return tmp_path / "store"


def test_shift_stops_at_the_ends_of_the_calendar():
    assert shift(date(9999, 12, 30), 14) == date.max and shift(date(1, 1, 2), -7) == date.min
    assert shift(date(2014, 6, 22), 14) == date(2014, 7, 6)
    late = {"id": "x", "date": "9999-12-30", "start": 0}
    after = {"id": "y", "date": None, "date_text": "just days later", "type": "captured", "start": 1}
    assert bounded_days([late, after]) == {"y": date.max}


def test_status_timeline_incidents_and_as_of_steps_run(folder):
    with Store.open(folder, readonly=True) as store:
        events = store.events()
        engine = engine_for(store)
        days = change_dates(events)
        assert days[0].startswith("0001-") and days[-1].startswith("9999-")
        for day in days + ["0001-01-01", "9999-12-31"]:
            engine.status(day)
            previous_change(days, day), next_change(days, day)
        assert engine.status()["as_of"] == "9999-12-31"
        for crossing in engine.crossings():
            timeline = crossing_timeline(engine, crossing)
            assert timeline_from_json(json.loads(json.dumps(timeline_to_json(timeline)))).last == timeline.last
            engine.incidents(crossing)
        assert group_incidents(events) and incident_index(events)  # the browser's `g`
        assert "Crossing status as of 9999-12-31" in render_status_brief(store)


def test_the_commands_run(folder, capsys):
    assert main(["status", "--store", str(folder)]) == 0
    assert main(["status", "--store", str(folder), "--as-of", "0001-01-01", "--format", "json"]) == 0
    assert main(["export", "--store", str(folder), "--format", "md"]) == 0
    assert main(["export", "--store", str(folder), "--format", "csv"]) == 0
    out = capsys.readouterr().out
    assert "as of 9999-12-31" in out and "Crossing status" in out


async def test_the_timeline_view_draws_a_crossing_that_reaches_9999(folder):
    from test_timeline import TimelineApp, band_lines, opened
    from tui.widgets.timeline import TimelineView

    with Store.open(folder, readonly=True) as store:
        async with TimelineApp(store, "trebil").run_test(size=(140, 40)) as pilot:
            screen = await opened(pilot)
            lines = band_lines(screen.query_one(TimelineView))
            assert lines[0].startswith("Trebil (Iraq)") and any("9999-12-" in line for line in lines)
