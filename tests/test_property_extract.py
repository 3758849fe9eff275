"""Any text at all into the extractor: no exception, and every event's offsets hold."""
from __future__ import annotations

from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from store.extract import extract_article
from tests.hostile import WORDS, any_text, days

published = st.one_of(st.none(), days, days.map(date.isoformat), st.sampled_from(["not a date", "2014-13-45", ""]))

EVENT_TYPES = {"captured", "withdrew", "attacked", "holds", "reinforced", "closed", "reopened"}


def check_extraction(raw, pub=None):
    result = extract_article(raw, published=pub)
    text = result.text
    assert isinstance(text, str)
    assert isinstance(result.meta, dict)
    for event in result.events:
        start, end = event["start"], event["end"]
        assert 0 <= start <= end <= len(text)
        assert text[start:end] == event["sentence"]
        assert event["type"] in EVENT_TYPES
        assert event["date"] is None or isinstance(event["date"], str)
        if event["date"]:
            date.fromisoformat(event["date"])
    return result


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(any_text, published)
def test_any_text_gives_events_whose_offsets_hold(raw, pub):
    check_extraction(raw, pub)


@settings(max_examples=60, deadline=None)
@given(st.sampled_from(WORDS[:30]), st.sampled_from(WORDS[18:29]), st.sampled_from(WORDS[30:38]), published)
def test_simple_news_sentences_hold_offsets(actor, crossing, when, pub):
    raw = f"{actor} seized {crossing} {when}, officers said. {crossing} was reportedly captured by {actor}.\n"
    check_extraction(raw, pub)


@pytest.mark.parametrize("pub", [date(1, 1, 1), date(9999, 12, 31), "0001-01-01"])
def test_publication_dates_at_the_calendars_edges_do_not_raise(pub):
    check_extraction("Sunni Arab militants seized the Al Waleed border post yesterday, on Sunday, on Nov. 25.", pub)
