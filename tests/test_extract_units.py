"""Small parts of the extractor on their own: folding, the data files, attribution."""
from __future__ import annotations

import json

import pytest

from store.extract import extract_article
from store.extract.attribution import attribute
from store.extract.fold import fold, literal_regex
from store.paths import bundled_data

EVENTS_MD_FACTIONS = {"islamic-state", "militants", "iraq-gov", "pmf", "krg", "syria-gov", "sdf", "syria-opposition", "hts",
                      "jordan-gov", "turkey-gov", "lebanon-gov", "hezbollah", "us-coalition", "russia", "iran"}
TYPES = {"captured", "withdrew", "attacked", "holds", "reinforced", "closed", "reopened"}


@pytest.mark.parametrize("text", ["Al-Waleed’s Öncüpınar\nİstanbul", "plain ascii", "“quoted” — dashes – here", ""])
def test_fold_keeps_every_offset(text):
    assert len(fold(text)) == len(text)


def test_fold_lowercases_strips_accents_and_separators():
    assert fold("Al-Walid/Öncüpınar’s") == "al walid oncupinar s"


def test_literal_regex_prefers_the_longer_phrase():
    import re

    rx = re.compile(literal_regex(["took", "took control of"]))
    assert rx.match("took control of the post").group() == "took control of"


def test_factions_file_has_every_events_md_faction():
    data = json.loads((bundled_data() / "factions.json").read_text(encoding="utf-8"))
    assert EVENTS_MD_FACTIONS <= {f["id"] for f in data["factions"]}


def test_triggers_file_covers_all_seven_types():
    data = json.loads((bundled_data() / "triggers.json").read_text(encoding="utf-8"))
    assert {t["type"] for t in data["triggers"]} == TYPES


def attribution(sentence, previous=None):
    return attribute(sentence, fold(sentence), previous)


def test_attribution_spans_cover_the_saying_clause():
    sentence = "Sunni Arab militants have seized the Al-Waleed border post, officers said on Monday, meaning all is lost."
    result = attribution(sentence)
    assert result.source == "officers"
    assert any(sentence[a:b].strip(" ,").startswith("officers said on Monday") for a, b in result.spans)


def test_a_clause_is_not_a_source():
    assert attribution("The militants took the crossing on Sunday, a colonel said.").source == "a colonel"
    assert attribution("The official went on to say that forces withdrew.").source is None


def test_hedge_words_mark_the_claim():
    assert attribution("IS reportedly seized the crossing.").hedged
    assert attribution("The crossing is said to be in rebel hands.").hedged
    assert not attribution("IS seized the crossing, officers said.").hedged


def test_a_giant_report_stops_at_the_event_cap_and_says_so():
    from store.extract.pipeline import MAX_EVENTS

    result = extract_article("Rebels seized the Nasib crossing on Monday. " * (MAX_EVENTS + 50), published="2016-01-01")
    assert len(result.events) == MAX_EVENTS and result.meta["capped"] is True
    assert extract_article("Rebels seized the Nasib crossing on Monday.", published="2016-01-01").meta["capped"] is False
