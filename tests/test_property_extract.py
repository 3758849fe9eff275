"""Any text at all into the extractor: no exception, and every event's offsets hold."""
from __future__ import annotations

from datetime import date

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from store.extract import extract_article

# Fragments that steer hypothesis towards text the extractor actually works on.
WORDS = [
    "Sunni Arab militants", "Islamic State", "the Iraqi army", "YPG", "Peshmerga", "rebels",
    "seized", "captured", "withdrew from", "attacked", "controls", "closed", "reopened", "did not capture",
    "reportedly", "according to officials", "was captured by", "fell to", "while",
    "the Al Waleed border post", "the Al-Qaim crossing", "Rabia", "Albu Kamal", "the crossing", "it",
    "the two crossings", "Trebil", "Bab al-Hawa", "the town of Al Qaim",
    "on Sunday", "yesterday", "today", "June 22, 2014", "Nov. 25", "last week", "Feb. 30", "on Monday",
    "U.S.", "Lt. Gen.", "officers said", ".", ",", "!", "?", "\n", "\n\n", '"', "“", "”", " ",
    "---\n", "title: x\n", "published: 2014-06-24\n", "published: not a date\n", "source: [bold]AFP[/]\n",
    "[bold red]", "[/]", "\x1b[2J", "\x1b]52;c;AAAA\x07", "\x00", "\u202e", "\r\n", "\r", "\t", "\xa0",
    "June 24, 2014 - 5:02:35 am", "May 25th, 2015", "Send your comments", "All rights reserved",
]
newsish = st.lists(st.sampled_from(WORDS), max_size=80).map(" ".join)
any_text = st.one_of(st.text(max_size=400), newsish, st.lists(st.one_of(st.sampled_from(WORDS), st.text(max_size=6)), max_size=60).map("".join))
published = st.one_of(st.none(), st.dates(min_value=date(1990, 1, 1), max_value=date(2035, 12, 31)), st.dates().map(date.isoformat))

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
