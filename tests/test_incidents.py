"""Repeated reports become incidents; syndicated copies of a story are recognised."""
from __future__ import annotations

from store.incidents import article_marks, group_incidents, incident_index
from store.sources import outlet_key, source_groups, syndication

from status_helpers import article, event


def bundled(paths) -> list[dict]:
    """The bundled reports as store articles (front matter read by hand, body as text)."""
    out = []
    for path in paths:
        _, front, body = path.read_text(encoding="utf-8").split("---", 2)
        meta = dict(line.split(": ", 1) for line in front.strip().splitlines())
        out.append({"id": path.name[:3], "source": meta["source"], "published": meta["published"], "text": body})
    return out


def test_the_two_afp_reprints_are_marked_as_one_story(bundled_articles):
    arts = bundled(bundled_articles)
    assert syndication(arts) == {"000": None, "001": None, "002": None, "003": None, "004": "003"}
    marks = article_marks(arts)
    assert marks["004"]["syndicated_of"] == "003"
    assert marks["003"]["source_group"] == marks["004"]["source_group"]


def test_the_bundled_reports_are_two_independent_sources(bundled_articles):
    groups = source_groups(bundled(bundled_articles))
    assert groups["000"] == groups["001"] == groups["002"]  # Long War Journal, reposted or not
    assert groups["003"] == groups["004"] != groups["000"]  # AFP via Arab Today and The Peninsula


def test_outlet_names_reduce_to_the_outlet_that_wrote_the_story():
    assert outlet_key("The Peninsula (AFP)") == "afp"
    assert outlet_key("Arab Today (AFP)") == "afp"
    assert outlet_key("Long War Journal (reposted by MESOP)") == "long war journal"
    assert outlet_key("  Long War   Journal ") == "long war journal"
    assert outlet_key(None) is None and outlet_key(" ") is None


def test_copies_far_apart_in_time_are_not_looked_for():
    text = "Sunni Arab militants have seized the Al-Waleed border post between Iraq and Syria officers said on Monday " * 3
    a = article("x1", "Outlet A", "2014-06-23", text)
    b = article("x2", "Outlet B", "2014-06-25", text)
    c = article("x3", "Outlet C", "2016-01-01", text)
    assert syndication([a, b, c]) == {"x1": None, "x2": "x1", "x3": None}


AFP1 = article("afp1", "Arab Today (AFP)", "2014-06-23")
AFP2 = article("afp2", "The Peninsula (AFP)", "2014-06-24")
LWJ = article("lwj", "Long War Journal", "2015-05-25")


def test_one_capture_told_five_times_is_one_incident():
    events = [
        event("captured", "militants", side="iq", art=AFP1),  # "have seized", undated
        event("captured", "militants", date="2014-06-22", art=AFP1),  # "took the crossing on Sunday"
        event("captured", "militants", date="2014-06-22", art=AFP2),
        event("captured", "militants", side="iq", art=AFP2),
        event("captured", "islamic-state", date="2014-06-22", art=LWJ),  # told again a year later, dated
    ]
    incidents = group_incidents(events)
    assert len(incidents) == 1
    assert incidents[0].actor == "islamic-state" and incidents[0].side == "iq"
    assert incidents[0].articles == ["afp1", "afp2", "lwj"]


def test_different_day_type_crossing_or_actor_make_different_incidents():
    events = [
        event("captured", "islamic-state", date="2014-06-22", art=LWJ),
        event("captured", "islamic-state", date="2015-05-25", art=LWJ),
        event("captured", "iraq-gov", date="2014-06-22", art=LWJ),
        event("attacked", "islamic-state", date="2014-06-22", art=LWJ),
        event("captured", "islamic-state", crossing="trebil", date="2014-06-22", art=LWJ),
        event("captured", "islamic-state", side="sy", date="2014-06-22", art=LWJ, id="sy-side"),
        event("captured", "islamic-state", side="iq", date="2014-06-22", art=LWJ, id="iq-side"),
    ]
    index = incident_index(events)
    assert len(set(index.values())) == 6
    assert index["sy-side"] != index["iq-side"]


def test_an_undated_report_joins_the_dated_incident_shortly_before_it():
    dated = event("captured", "islamic-state", date="2015-05-21", art=LWJ)
    undated = event("captured", "islamic-state", art=LWJ)  # published 2015-05-25
    much_later = event("captured", "islamic-state", art=article("late", "Rudaw", "2015-07-01"))
    index = incident_index([dated, undated, much_later])
    assert index[undated["id"]] == index[dated["id"]] != index[much_later["id"]]


def test_rejected_reports_are_not_part_of_incidents():
    kept = event("holds", "krg", crossing="rabia", art=AFP1)
    rejected = event("holds", "krg", crossing="rabia", art=AFP2, decision="rejected")
    assert set(incident_index([kept, rejected])) == {kept["id"]}


def test_a_reprint_counts_under_the_original_outlet_without_merging_the_reprinters_own_stories():
    story = "Sunni Arab militants have seized the Al-Waleed border post between Iraq and Syria officers said on Monday " * 3
    original = article("o", "AFP", "2014-06-23", story)
    reprint = article("r", "Arab Today", "2014-06-24", "Arab Today: " + story)
    own = article("n", "Arab Today", "2014-06-24", "Kurdish forces hold the Rabia crossing, local officials said on Tuesday.")
    groups = source_groups([original, reprint, own])
    assert groups["o"] == groups["r"] == "afp"
    assert groups["n"] == "arab today"
