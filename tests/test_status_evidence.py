"""Every holder shows its evidence (issue 11, point 4): the events it rests on, those that named no
side among them, and a `since` no report states marked as approximate, saying from what."""
from __future__ import annotations

from store.db import Store
from store.ingest import ingest_paths
from store.names import evidence_line
from store.status import engine_for

from status_helpers import write_reports

REPORTS = {
    "a.txt": ("2014-06-23", "Islamic State fighters seized the Al Qaim border crossing on Sunday."),
    "b.txt": ("2014-06-30", "Militants overran the Rabia crossing on June 20. The Peshmerga retook the Rabia crossing days later."),
}


def status_of(tmp_path, crossing, side):
    store = Store.open(tmp_path / "store")
    try:
        ingest_paths(store, write_reports(tmp_path, REPORTS))
        posts = engine_for(store).status("2014-07-05")["posts"]
        events = {e["id"]: e for e in store.events()}
    finally:
        store.close()
    return next(p for p in posts if (p["crossing"], p["side"]) == (crossing, side)), events


def test_a_stated_day_is_no_approximation(tmp_path):
    post, events = status_of(tmp_path, "al-qaim", "iq")
    assert post["holder"] == "islamic-state" and post["since"] == "2014-06-22"
    assert post["since_approx"] is False and post["since_from"] is None
    assert any(events[i]["side"] is None for i in post["events"]), "an event that named no side is evidence too"


def test_a_since_placed_by_days_later_is_marked_and_says_from_what(tmp_path):
    post, events = status_of(tmp_path, "rabia", "iq")
    assert post["holder"] == "krg"
    assert post["since_approx"] is True and "days later" in post["since_from"]
    line = evidence_line(post, len(post["events"]), on="2014-07-05")
    assert line.startswith("Rabia (Iraq): held by ") and f"since ~{post['since']}" in line
    assert "approximate: from “days later”" in line and "ids" not in line
