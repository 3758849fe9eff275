"""A hold told as over ("had held", "used to hold", "formerly held") is not a `holds` event:
`holds` says who held a crossing at the time of the report."""
from __future__ import annotations

import pytest

from store.extract import extract_article

PUB = "2015-06-16"


def events(text):
    return [(e["type"], e["actor"], e["crossing"]) for e in extract_article(text, published=PUB).events]


def test_the_capture_stays_and_the_past_hold_goes():
    text = ("Kurdish-led fighters of the YPG have taken control of the Tal Abyad crossing, "
            "pushing out Islamic State fighters who had held it for a year.")
    assert events(text) == [("captured", "sdf", "tal-abyad")]


@pytest.mark.parametrize("text", [
    "Rebels had controlled the Nasib crossing since April.",
    "The Al Qaim crossing had been held by the Islamic State since 2014.",
    "The Peshmerga used to hold the Rabia crossing.",
    "The Jarabulus crossing, formerly held by the Islamic State, is quiet.",
    "The Islamic State, which previously controlled the Semalka crossing, withdrew east.",
    "The once rebel-held Bab al-Salama crossing is quiet.",
    "Hezbollah had long controlled the Jousieh crossing.",
])
def test_a_hold_in_the_past_gives_no_holds_event(text):
    assert [e for e in events(text) if e[0] == "holds"] == []


@pytest.mark.parametrize("text, expected", [
    ("Rebels still control the Nasib crossing.", ("holds", "syria-opposition", "nasib")),
    ("The rebel-held Nasib crossing is quiet.", ("holds", "syria-opposition", "nasib")),
    ("The Al Qaim crossing has been held by the Islamic State since 2014.", ("holds", "islamic-state", "al-qaim")),
])
def test_a_hold_at_the_time_of_the_report_stays(text, expected):
    assert expected in events(text)


@pytest.mark.parametrize("before, past", [
    ("fighters who had ", True), ("fighters who had long ", True), ("the crossing had been ", True),
    ("the group used to ", True), ("the formerly ", True), ("which previously ", True),
    ("the group has had it in its ", False), ("they have had ", False), ("fighters who now ", False), ("the ", False),
])
def test_past_state_words_before_a_hold(before, past):
    from store.extract.tense import is_past_state

    assert is_past_state(before) is past


@pytest.mark.parametrize("text", [
    "The Islamic State held the Al Qaim crossing until November 2017.",
    "Rebels controlled the Nasib crossing for years, until July.",
    "The Kessab crossing was held by rebels till the spring.",
])
def test_a_hold_given_an_end_is_over(text):
    assert [e for e in events(text) if e[0] == "holds"] == []


@pytest.mark.parametrize("text", [
    "Rebels have held the Nasib crossing until now.",
    "Rebels hold the Nasib crossing and will keep it until a deal is reached.",
])
def test_until_now_or_another_clauses_until_does_not_end_a_hold(text):
    assert ("holds", "syria-opposition", "nasib") in events(text)


@pytest.mark.parametrize("text, holds", [
    ("IS seized the Al Qaim crossing in 2014 and held it for three years.", False),
    ("The Al Qaim crossing was held by the Islamic State for more than three years.", False),
    ("The Islamic State has controlled the Al Qaim crossing for three years.", True),
    ("The Al Qaim crossing has been held by the Islamic State for three years.", True),
])
def test_a_simple_past_hold_with_a_duration_is_over_a_present_perfect_one_is_not(text, holds):
    assert (("holds", "islamic-state", "al-qaim") in events(text)) is holds
