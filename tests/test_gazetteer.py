"""Crossing names: every spelling a reader meets, and towns that are not crossings."""
from __future__ import annotations

import json

import pytest

from store.extract.fold import fold
from store.extract.gazetteer import find_crossings, gazetteer
from store.paths import bundled_data

EVENTS_MD_IDS = {"al-waleed", "al-qaim", "rabia", "faysh-khabur", "trebil", "ibrahim-khalil", "arar", "safwan", "zurbatiyah",
                 "shalamcheh", "bab-al-hawa", "bab-al-salama", "jarabulus", "tal-abyad", "ras-al-ain", "kobani", "qamishli",
                 "kessab", "nasib", "ramtha", "masnaa", "jousieh"}


def crossings_in(text):
    mentions, _towns = find_crossings(text, fold(text))
    return [(m.crossing, m.side) for m in mentions]


def test_every_crossing_of_events_md_has_two_posts_with_coordinates():
    data = json.loads((bundled_data() / "gazetteer.json").read_text(encoding="utf-8"))
    by_id = {c["id"]: c for c in data["crossings"]}
    assert EVENTS_MD_IDS <= set(by_id)
    for cid in EVENTS_MD_IDS:
        posts = by_id[cid]["posts"]
        assert len(posts) == 2
        for post in posts:
            assert len(post["country"]) == 2 and -90 <= post["lat"] <= 90 and -180 <= post["lon"] <= 180


@pytest.mark.parametrize("spelling", ["Al Waleed", "Al-Walid", "Al Walid", "al-Waleed", "AL WALEED"])
def test_al_waleed_spellings(spelling):
    # Al Waleed is the crossing's common name: alone it does not say which side
    assert crossings_in(f"Militants seized {spelling} on Sunday.") == [("al-waleed", None)]


@pytest.mark.parametrize("spelling", ["Albu Kamal", "Abu Kamal", "Al Bukamal", "Boukamal"])
def test_albu_kamal_spellings_with_a_crossing_word(spelling):
    assert crossings_in(f"They hold the {spelling} border crossing.") == [("al-qaim", "sy")]


@pytest.mark.parametrize("spelling", ["al Yarobiyyi", "Yarubiyah", "Ya'rubiyah", "Ya\u2019rubiyah", "Al-Yarubiyah"])
def test_yarubiyah_spellings(spelling):
    assert crossings_in(f"The {spelling} crossing was shut.") == [("rabia", "sy")]


@pytest.mark.parametrize("spelling, expected", [
    ("Tanf crossing", ("al-waleed", "sy")), ("the al-Tanf border post", ("al-waleed", "sy")), ("Husaybah crossing", ("al-qaim", None)),
    ("Bab al-Hawa", ("bab-al-hawa", None)), ("Cilveg\u00f6z\u00fc", ("bab-al-hawa", "tr")), ("Semalka", ("faysh-khabur", "sy")), ("the Peshkhabour border post", ("faysh-khabur", "iq")),
    ("Peshkhabour", ("faysh-khabur", None)), ("Treibil", ("trebil", None)), ("the Karameh crossing", ("trebil", "jo")),
    ("\u00d6nc\u00fcp\u0131nar", ("bab-al-salama", "tr")), ("Jdeidet Yabous", ("masnaa", "sy")),
])
def test_other_crossings_and_accents(spelling, expected):
    assert crossings_in(f"Forces reached {spelling} today.") == [expected]


def test_a_town_alone_is_not_its_crossing():
    assert crossings_in("The militants moved into the town of Al Qaim on Friday.") == []
    assert crossings_in("The army was still in control of Al Qaim.") == []


def test_a_town_with_a_crossing_word_is_the_crossing():
    assert crossings_in("They took the Al Qaim border crossing.") == [("al-qaim", None)]
    assert crossings_in("They hold the crossing at Jarabulus.") == [("jarabulus", None)]
    assert crossings_in("They hold the border post at Jarabulus.") == [("jarabulus", "sy")]


def test_a_slash_pair_is_one_crossing_without_a_side():
    assert crossings_in("IS controls the Albu Kamal/Al Qaim crossing.") == [("al-qaim", None)]


def test_names_listed_after_crossings_are_crossings():
    found = crossings_in("The two other official crossings between Iraq and Syria, Al-Qaim and Rabia, are outside government hands.")
    assert found == [("al-qaim", None), ("rabia", None)]


def test_an_explicit_side_wins_over_the_post_name():
    assert crossings_in("IS seized the Syrian side of the Al Waleed border crossing.") == [("al-waleed", "sy")]


def test_a_base_named_after_a_post_is_not_the_crossing():
    assert crossings_in("The Al Tanf base is held by US forces.") == []


def test_names_inside_other_words_do_not_match():
    assert crossings_in("Rabiah Khaled and Nasiba Tanfield met in Safwani street.") == []


def test_a_user_can_extend_the_gazetteer(tmp_path, monkeypatch):
    from store import datafiles as data
    from store.extract import gazetteer as gz

    monkeypatch.setenv("CROSSWATCH_CONFIG", str(tmp_path))
    (tmp_path / "gazetteer.json").write_text(json.dumps({"crossings": [{"id": "al-yarubiyah-rail", "name": "Rail", "posts": [
        {"country": "sy", "name": "Yarubiyah Rail", "lat": 36.8, "lon": 42.0, "names": ["Yarubiyah rail bridge"], "town_names": []}]}]}))
    data._load.cache_clear()
    gz._gazetteer.cache_clear()
    try:
        assert crossings_in("Troops closed the Yarubiyah rail bridge.") == [("al-yarubiyah-rail", "sy")]
    finally:
        data._load.cache_clear()
        gz._gazetteer.cache_clear()


def test_a_crossing_the_user_adds_is_named_and_has_its_posts_in_the_status(tmp_path, monkeypatch):
    from store import crossing_posts, datafiles, names

    monkeypatch.setenv("CROSSWATCH_CONFIG", str(tmp_path))
    (tmp_path / "gazetteer.json").write_text(json.dumps({"crossings": [{"id": "test-bridge", "name": "Test Bridge", "posts": [
        {"country": "sy", "name": "East Bank", "names": ["East Bank"]}, {"country": "iq", "name": "West Bank", "names": ["West Bank"]}]}]}))
    caches = (datafiles._load, names.crossing_names, names.post_names, crossing_posts.gazetteer_posts)
    for cache in caches:
        cache.cache_clear()
    try:
        assert names.crossing_name("test-bridge") == "Test Bridge"
        assert names.crossing_name("al-waleed") != "al-waleed"  # the bundled entries are still there
        assert set(crossing_posts.gazetteer_posts()["test-bridge"]) == {"sy", "iq"}
    finally:
        for cache in caches:
            cache.cache_clear()


def test_gazetteer_has_side_words_for_every_post_country():
    gaz = gazetteer()
    countries = {c for cs in gaz.countries.values() for c in cs}
    assert countries <= set(gaz.side_words.values())


def test_a_mans_name_is_not_a_crossing():
    assert crossings_in("Jaish Khalid ibn al-Walid fighters attacked the town.") == []
    assert crossings_in("Ibrahim Khalil, a trader, said prices rose.") == []
    assert crossings_in("Traffic resumed at the Ibrahim Khalil border crossing.") == [("ibrahim-khalil", None)]


def test_al_tanf_alone_is_the_garrison_not_the_crossing():
    assert crossings_in("Iran-backed militias launched a drone attack on Tanf.") == []


def test_every_crossing_says_which_posts_name_it_and_regions_are_post_countries():
    data = json.loads((bundled_data() / "gazetteer.json").read_text(encoding="utf-8"))
    countries = {p["country"] for c in data["crossings"] for p in c["posts"]}
    for crossing in data["crossings"]:
        named_after = crossing["named_after"]
        assert named_after and set(named_after) <= {p["country"] for p in crossing["posts"]}, crossing["id"]
    assert set(data["region_words"].values()) <= countries


def test_a_user_gazetteer_too_deeply_nested_to_parse_leaves_the_bundled_one_working(tmp_path, monkeypatch):
    from store import datafiles as data
    from store.extract import gazetteer as gz

    monkeypatch.setenv("CROSSWATCH_CONFIG", str(tmp_path))
    (tmp_path / "gazetteer.json").write_text("[" * 100_000 + "]" * 100_000)
    data._load.cache_clear()
    gz._gazetteer.cache_clear()
    try:
        assert crossings_in("They hold the Jaber border crossing.") == [("nasib", "jo")]
    finally:
        data._load.cache_clear()
        gz._gazetteer.cache_clear()
