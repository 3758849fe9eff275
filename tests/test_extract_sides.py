"""Which side an event names: a post is one side, a crossing called by its common name is not."""
from __future__ import annotations

import pytest

from store.extract import extract_article

PUB = "2016-03-10"


def sides(sentence):
    return [(e["type"], e["crossing"], e["side"]) for e in extract_article(sentence, published=PUB).events]


@pytest.mark.parametrize("sentence, expected", [
    # the common name with a crossing word: the crossing as a whole
    ("Rebels attacked the Nasib border crossing on Tuesday.", ("attacked", "nasib", None)),
    ("Kurdish fighters seized the Tal Abyad crossing on Monday.", ("captured", "tal-abyad", None)),
    ("Jordan closed the Ramtha crossing point on Sunday.", ("closed", "ramtha", "jo")),  # a government shuts its own post
    ("The Syrian army retook the Bab al-Hawa border gate on Friday.", ("captured", "bab-al-hawa", None)),
    ("Islamic State fighters overran the Rabia crossing on Monday.", ("captured", "rabia", None)),
    # the same name with a post word: one side
    ("Islamic State fighters overran the Rabia border post on Monday.", ("captured", "rabia", "iq")),
    ("Rebels attacked the Nasib checkpoint on Tuesday.", ("attacked", "nasib", "sy")),
    ("Kurdish fighters seized the Tal Abyad border post on Monday.", ("captured", "tal-abyad", "sy")),
    # a name that belongs only to the other post: that post
    ("Rebels attacked the Jaber crossing on Tuesday.", ("attacked", "nasib", "jo")),
    ("Kurdish fighters shelled the Akcakale border gate on Monday.", ("attacked", "tal-abyad", "tr")),
    ("Islamic State fighters overran the Tal Kocher crossing on Monday.", ("captured", "rabia", "sy")),
    ("Militants attacked the Tanf crossing on Monday.", ("attacked", "al-waleed", "sy")),
    # both posts named together: no side
    ("Islamic State fighters overran the Rabia/Yarubiyah crossing on Monday.", ("captured", "rabia", None)),
    # an explicit side wins
    ("Rebels seized the Syrian side of the Jaber crossing on Tuesday.", ("captured", "nasib", "sy")),
    ("Militants seized the Iraqi side of the Tanf crossing on Monday.", ("captured", "al-waleed", "iq")),
])
def test_side_from_the_words_naming_the_crossing(sentence, expected):
    assert sides(sentence) == [expected]


def test_a_government_holding_a_crossing_by_its_common_name_names_no_side():
    """Who holds a crossing says nothing of the side; the words do ("remain in control of the Trebil crossing")."""
    assert sides("Iraqi border guards remain in control of the Trebil crossing.") == [("holds", "trebil", None)]
    assert sides("Iraqi border guards remain in control of the Trebil border post.") == [("holds", "trebil", "iq")]


def test_a_user_crossing_without_named_after_counts_every_post_as_a_common_name(tmp_path, monkeypatch):
    import json

    from store import datafiles as data
    from store.extract import gazetteer as gz

    monkeypatch.setenv("CROSSWATCH_CONFIG", str(tmp_path))
    (tmp_path / "gazetteer.json").write_text(json.dumps({"crossings": [{"id": "al-hol-gate", "name": "Al Hol / Umm Jaris", "posts": [
        {"country": "sy", "name": "Al Hol Gate", "lat": 36.4, "lon": 41.1, "names": ["Al Hol Gate"], "town_names": []},
        {"country": "iq", "name": "Umm Jaris", "lat": 36.4, "lon": 41.2, "names": ["Umm Jaris"], "town_names": []}]}]}))
    data._load.cache_clear()
    gz._gazetteer.cache_clear()
    try:
        assert sides("Rebels attacked the Umm Jaris crossing on Tuesday.") == [("attacked", "al-hol-gate", None)]
        assert sides("Rebels attacked the Umm Jaris border post on Tuesday.") == [("attacked", "al-hol-gate", "iq")]
    finally:
        data._load.cache_clear()
        gz._gazetteer.cache_clear()


def test_a_withdrawal_names_a_side_when_the_words_do():
    """Named Iraqi forces leave their own post; plain "security forces" leaving "it" say no side."""
    text = ("Militants seized the Rabia crossing on Monday. Iraqi army units withdrew from it. "
            "Security forces that had been guarding it headed east.")
    withdrew = [(e["actor"], e["side"]) for e in extract_article(text, published=PUB).events if e["type"] == "withdrew"]
    assert withdrew == [("iraq-gov", "iq"), ("iraq-gov", None)]


def test_guards_leaving_their_posts_leave_their_own_side():
    text = ("Militants overran the Trebil crossing between Iraq and Jordan on Sunday. "
            "Once the Iraqi border guards heard the news, they left their posts.")
    withdrew = [(e["actor"], e["crossing"], e["side"]) for e in extract_article(text, published=PUB).events
                if e["type"] == "withdrew"]
    assert withdrew == [("iraq-gov", "trebil", "iq")]


@pytest.mark.parametrize("sentence, expected", [
    ("Rebels seized the Nasib crossing in Daraa province on Monday.", ("captured", "nasib", "sy")),
    ("Rebels attacked the Nasib crossing in Daraa province, a monitor said.", ("attacked", "nasib", "sy")),
    ("Militants overran the Rabia crossing in Iraq's Nineveh province on Monday.", ("captured", "rabia", "iq")),
    ("Kurdish forces shelled the Tal Abyad crossing in southern Sanliurfa on Monday.", ("attacked", "tal-abyad", "tr")),
    # a province of neither country, or of both countries, gives no side
    ("IS attacked the Al Qaim crossing in Hatay on Monday.", ("attacked", "al-qaim", None)),
    ("IS holds the Albu Kamal/Al Qaim crossing in Syria's Deir al Zour and Iraq's Anbar province.", ("holds", "al-qaim", None)),
])
def test_a_crossing_placed_in_a_province_is_on_that_provinces_side(sentence, expected):
    assert sides(sentence) == [expected]


def test_a_headline_crossing_in_a_province_takes_its_side():
    text = "ISIS seizes border crossing in western Anbar\n\nThe group took the town of Al Qaim on Friday."
    assert sides(text)[0] == ("captured", "al-qaim", "iq")


@pytest.mark.parametrize("sentence, expected", [
    ("IS seized the Syrian part of the Al Qaim crossing on Monday.", ("captured", "al-qaim", "sy")),
    ("The YPG retook the Syrian half of the Rabia crossing on Tuesday.", ("captured", "rabia", "sy")),
    ("Rebels shelled the Jordanian side of the Nasib crossing on Tuesday.", ("attacked", "nasib", "jo")),
])
def test_a_country_part_or_half_is_that_side(sentence, expected):
    assert sides(sentence) == [expected]
