"""Dates resolve against the publication date exactly as EVENTS.md says."""
from __future__ import annotations

from datetime import date

import pytest

from store.extract import extract_article
from store.extract.dates import find_dateline, resolve_date

PUB = date(2014, 6, 24)  # a Tuesday


@pytest.mark.parametrize("words, expected", [
    ("June 22, 2014", date(2014, 6, 22)),
    ("22 June 2014", date(2014, 6, 22)),
    ("Sunday, June 22, 2014", date(2014, 6, 22)),
    ("2014-06-22", date(2014, 6, 22)),
])
def test_full_dates_are_that_day(words, expected):
    assert resolve_date(words, PUB) == expected
    assert resolve_date(words, None) == expected


@pytest.mark.parametrize("words, expected", [
    ("Nov. 25", date(2013, 11, 25)),   # later in the year than publication: the year before
    ("June 9", date(2014, 6, 9)),
    ("June 24", date(2014, 6, 24)),
    ("3 March", date(2014, 3, 3)),
])
def test_month_day_is_the_latest_on_or_before_publication(words, expected):
    assert resolve_date(words, PUB) == expected


@pytest.mark.parametrize("words, expected", [
    ("on Sunday", date(2014, 6, 22)),
    ("on Tuesday", date(2014, 6, 24)),    # publication day itself
    ("Wednesday", date(2014, 6, 18)),
    ("last Tuesday", date(2014, 6, 17)),
])
def test_weekday_is_the_latest_on_or_before_publication(words, expected):
    assert resolve_date(words, PUB) == expected


@pytest.mark.parametrize("words, expected", [
    ("yesterday", date(2014, 6, 23)),
    ("today", PUB), ("this morning", PUB), ("early this morning", PUB), ("now", PUB),
])
def test_yesterday_today_and_now(words, expected):
    assert resolve_date(words, PUB) == expected


@pytest.mark.parametrize("words", ["last week", "days later", "in recent days", "just days later", "at the weekend", "in June 2014"])
def test_vague_expressions_give_no_day(words):
    assert resolve_date(words, PUB) is None


@pytest.mark.parametrize("words", ["yesterday", "on Sunday", "Nov. 25", "now"])
def test_without_a_publication_date_relative_expressions_stay_unresolved(words):
    assert resolve_date(words, None) is None


def test_impossible_day_gives_none():
    assert resolve_date("Feb. 30", PUB) is None


def test_vague_expression_keeps_its_words_on_the_event():
    result = extract_article("The Iraqi army retook the Trebil crossing just days later.", published="2014-07-01")
    assert result.events[0]["date"] is None and result.events[0]["date_text"] == "just days later"


def test_a_date_of_the_saying_is_not_the_date_of_the_event():
    result = extract_article("Rebels have seized the Nasib border crossing, officers said on Monday.", published="2015-04-02")
    assert result.events[0]["date"] is None


def test_the_event_takes_its_own_date_not_the_saying_one():
    text = "The Nusra Front took the Nasib crossing on Sunday, a rebel commander said on Wednesday."
    assert extract_article(text, published="2015-04-02").events[0]["date"] == "2015-03-29"


def test_holds_without_a_date_counts_as_of_publication():
    result = extract_article("The SDF controls the Semalka crossing.", published="2019-10-14")
    assert result.events[0]["date"] == "2019-10-14" and result.events[0]["date_text"] is None


def test_other_events_without_a_date_have_none():
    assert extract_article("The SDF seized the Semalka crossing.", published="2019-10-14").events[0]["date"] is None


def test_no_publication_date_leaves_yesterday_unresolved():
    result = extract_article("Militants seized the Al Waleed border post yesterday.")
    assert result.meta["published"] is None and result.events[0]["date"] is None


@pytest.mark.parametrize("top, expected", [
    ("BY CALEB WEISS | May 25th, 2015 | Long War Journal \u2013 Islamic State now controls it.", date(2015, 5, 25)),
    ("Militants seize crossing\n\nJune 24, 2014 - 5:02:35 am\nBaghdad: militants ...", date(2014, 6, 24)),
    ("No date at the top of this one.", None),
])
def test_dateline_is_found_near_the_top(top, expected):
    assert find_dateline(top) == expected


def test_dateline_dates_the_article_when_front_matter_has_none():
    raw = "Militants seize crossing\n\nJune 24, 2014 - 5:02:35 am\n\nThe militants took the Al Waleed crossing on Sunday."
    result = extract_article(raw)
    assert result.meta["published"] == "2014-06-24"
    assert result.events[-1]["date"] == "2014-06-22" and result.events[-1]["date_text"] == "on Sunday"


def test_dateline_far_down_the_text_is_not_used():
    raw = "The militants took the Al Waleed crossing on Sunday.\n\n" + "Filler sentence about nothing. " * 40 + "June 24, 2014"
    assert extract_article(raw).meta["published"] is None


@pytest.mark.parametrize("trailing", [
    " [link=file:///etc/passwd]x[/]", " (local time)", ", in a statement posted online", " \u2014 see photos", " [1]",
    ", a day after clashes",
])
def test_a_saying_date_stays_the_sayings_whatever_follows_it(trailing):
    text = f"Sunni Arab militants have seized the Rabia border post, officers said on Monday{trailing}."
    (event,) = extract_article(text, published="2014-06-25").events
    assert event["date"] is None


def test_a_saying_date_before_the_saying_is_not_the_events():
    """ "On Monday, officers said rebels had seized ...": Monday is when they said it."""
    for text in ("On Monday, officers said rebels had seized the Jaber border crossing.",
                 "On Monday the Jordanian army said it had retaken the Jaber border crossing."):
        (event,) = extract_article(text, published="2015-04-02").events
        assert event["date"] is None, text


def test_a_date_before_the_event_word_stays_the_events():
    for text in ("On Sunday, rebels seized the Jaber border crossing, officers said.",
                 "On Sunday rebels who said they were from the FSA seized the Jaber border crossing.",
                 "Rebels seized the Jaber border crossing on Sunday, officers said on Monday [link=x]x[/]."):
        (event,) = extract_article(text, published="2015-04-02").events
        assert event["date"] == "2015-03-29", text
