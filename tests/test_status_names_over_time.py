"""Factions are shown by the name they had on the date shown (issue 11, point 2): the id stays."""
from __future__ import annotations

from store.names import faction_name, holder_text

from status_helpers import write_reports


def test_a_faction_is_named_as_it_was_on_the_day():
    assert faction_name("sdf", "2015-06-16") == "People's Protection Units (YPG)"
    assert faction_name("sdf", "2019-10-09") == "Syrian Democratic Forces"
    assert faction_name("hts", "2015-04-01") == "Jabhat al-Nusra"
    assert faction_name("hts", "2016-09-01") == "Jabhat Fateh al-Sham"
    assert faction_name("hts", "2017-07-23") == "Hayat Tahrir al-Sham"
    assert faction_name("islamic-state", "2014-06-22").startswith("ISIS")
    assert faction_name("sdf") == "Syrian Democratic Forces"  # no date: today's name


def test_a_status_row_names_its_holders_as_of_the_status_date():
    post = {"holder": "sdf", "holders": ["sdf", "us-coalition"], "assumed": False}
    assert holder_text(post, on="2015-05-22") == "People's Protection Units (YPG) + US-led coalition"
    assert holder_text(post, names=False, on="2015-05-22") == "sdf + us-coalition"  # ids for machines


def test_the_markdown_brief_names_the_holder_as_of_its_date(tmp_path):
    from store.db import Store
    from store.ingest import ingest_paths
    from store.status_brief import render_status_brief

    paths = write_reports(tmp_path, {"r.txt": ("2015-06-16", "The YPG seized the Tal Abyad border crossing on Monday.")})
    store = Store.open(tmp_path / "store")
    try:
        ingest_paths(store, paths)
        assert "People's Protection Units (YPG)" in render_status_brief(store, as_of="2015-06-20")
        assert "Syrian Democratic Forces" in render_status_brief(store, as_of="2016-06-20")
    finally:
        store.close()
