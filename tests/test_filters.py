"""Filtering: the pure rule, and the store's indexes agreeing with it on any filter."""
from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from store.db import Store
from store.filters import EventFilter, matches

EVENT = {
    "id": "e1", "article_id": "a1", "type": "captured", "actor": "militants", "crossing": "al-waleed", "side": "iq",
    "date": None, "published": "2014-06-24", "sentence": "Militants seized the Al Waleed border post.",
    "note": "Checked with the Wire", "outlet": "The Peninsula (AFP)",
}


def test_an_empty_filter_keeps_everything():
    assert matches(EVENT, None) and matches(EVENT, EventFilter())
    assert EventFilter().is_empty and not EventFilter(text="x").is_empty


@pytest.mark.parametrize(
    "flt, expected",
    [
        (EventFilter(crossings={"al-waleed", "rabia"}), True),
        (EventFilter(crossings={"rabia"}), False),
        (EventFilter(sides={"sy"}), False),
        (EventFilter(factions={"militants"}, types={"captured"}), True),
        (EventFilter(factions={"militants"}, types={"holds"}), False),
        (EventFilter(text="AL WALEED"), True),
        (EventFilter(text="checked with"), True),  # the note is searched
        (EventFilter(text="peninsula"), True),  # so is the outlet
        (EventFilter(text="Trebil"), False),
        (EventFilter(date_from="2014-06-24", date_to="2014-06-24"), True),  # no own date: the publication day counts
        (EventFilter(date_from="2014-06-25"), False),
        (EventFilter(article_id="a1"), True),
        (EventFilter(article_id="a2"), False),
    ],
)
def test_each_restriction(flt, expected):
    assert matches(EVENT, flt) is expected


def test_values_are_normalised():
    from datetime import date

    flt = EventFilter(crossings=["rabia", "rabia"], factions="pmf", text="  x ", date_from=date(2014, 1, 2))
    assert flt.crossings == frozenset({"rabia"}) and flt.factions == frozenset({"pmf"})
    assert flt.text == "x" and flt.date_from == "2014-01-02"


def test_an_undated_event_is_outside_every_date_range():
    undated = {**EVENT, "published": None}
    assert matches(undated, EventFilter()) and not matches(undated, EventFilter(date_to="2100-01-01"))


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    st_ = Store.open_or_build(tmp_path_factory.mktemp("filters") / "store")
    events = st_.events()
    st_.save_note(events[0]["id"], "Border police say otherwise")
    st_.decide(events[1]["id"], "accepted", {"crossing": "kessab", "actor": "hts"})
    yield st_
    st_.close()


WORDS = ["border", "police", "al", "qaim", "waleed", "crossing", "the", "militants", "zz", "otherwise", "afp", "syria"]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    crossings=st.frozensets(st.sampled_from(["al-waleed", "al-qaim", "rabia", "trebil", "kessab", "nowhere"]), max_size=2),
    factions=st.frozensets(st.sampled_from(["islamic-state", "militants", "iraq-gov", "krg", "sdf", "hts"]), max_size=2),
    sides=st.frozensets(st.sampled_from(["iq", "sy", "jo"]), max_size=1),
    types=st.frozensets(st.sampled_from(["captured", "holds", "withdrew", "attacked", "closed"]), max_size=2),
    text=st.one_of(st.just(""), st.sampled_from(WORDS), st.lists(st.sampled_from(WORDS), min_size=2, max_size=2).map(" ".join)),
    date_from=st.one_of(st.none(), st.sampled_from(["2014-06-01", "2014-06-22", "2015-01-01"])),
    date_to=st.one_of(st.none(), st.sampled_from(["2014-06-23", "2015-06-01"])),
)
def test_the_store_indexes_agree_with_the_rule(store, crossings, factions, sides, types, text, date_from, date_to):
    flt = EventFilter(crossings=crossings, factions=factions, sides=sides, types=types, text=text,
                      date_from=date_from, date_to=date_to)
    assert store.events(flt) == [e for e in store.events() if matches(e, flt)]


def test_indexes_follow_notes_and_corrections(store):
    events = store.events()
    target = events[5]
    store.save_note(target["id"], "A UNIQUE-WORD here")
    assert [e["id"] for e in store.events(EventFilter(text="unique-word"))] == [target["id"]]
    store.decide(target["id"], None, {"actor": "russia"})
    assert target["id"] in {e["id"] for e in store.events(EventFilter(factions={"russia"}))}
    store.undo()
    store.undo()
    assert store.events(EventFilter(text="unique-word")) == []
    assert target["id"] not in {e["id"] for e in store.events(EventFilter(factions={"russia"}))}


def test_filters_see_the_events_a_later_ingest_adds(tmp_path):
    from store.paths import bundled_articles

    with Store.open(tmp_path / "store") as st:
        st.wait_ready()
        assert st.events(EventFilter(crossings={"al-waleed"}, text="border")) == [] and st.values("crossing") == {}
        st.ingest([bundled_articles()])
        for flt in (EventFilter(crossings={"al-waleed"}), EventFilter(text="border"), EventFilter(factions={"islamic-state"})):
            found = st.events(flt)
            assert found and found == [e for e in st.events() if matches(e, flt)]
        assert sum(st.values("crossing").values()) == st.count()


@pytest.mark.parametrize(
    "needle, sentence",
    [("maliki's", "Nuri Al Maliki’s spokesman said"), ("ceylanpinar", "near Ceylanpınar"), ("akcakale", "at Akçakale"),
     ('"major"', "a “major” blow"), ("al-qaim - husaybah", "Al-Qaim – Husaybah")],
)
def test_free_text_ignores_case_accents_and_typographic_quotes(needle, sentence):
    assert matches({**EVENT, "sentence": sentence}, EventFilter(text=needle))
