"""Stepping the as-of date to the previous / next day on which the status changes."""
from __future__ import annotations

from store.asof import change_dates, next_change, previous_change

from status_helpers import article, event

A = article("a", "AFP", "2014-06-24")
B = article("b", "Long War Journal", "2015-05-25")


def test_change_dates_are_the_days_events_take_effect():
    events = [
        event("captured", "militants", date="2014-06-22", art=A),
        event("holds", "militants", art=A),  # counts on publication, 2014-06-24
        event("captured", "islamic-state", date="2014-06-22", art=B),  # same day, told later
        event("holds", "islamic-state", art=B),
        event("holds", "krg", crossing="rabia", art=B, date="2015-01-01", decision="rejected"),
        event("holds", "krg", crossing=None, art=B, date="2015-02-01"),
    ]
    assert change_dates(events) == ["2014-06-22", "2014-06-24", "2015-05-25"]


def test_previous_and_next_step_strictly_and_stop_at_the_ends():
    dates = ["2014-06-22", "2014-06-24", "2015-05-25"]
    assert previous_change(dates, "2014-06-24") == "2014-06-22"
    assert previous_change(dates, "2014-06-23") == "2014-06-22"
    assert previous_change(dates, "2014-06-22") is None
    assert next_change(dates, "2014-06-22") == "2014-06-24"
    assert next_change(dates, "2014-07-01") == "2015-05-25"
    assert next_change(dates, "2015-05-25") is None
    assert next_change([], "2015-05-25") is None and previous_change([], "2015-05-25") is None
