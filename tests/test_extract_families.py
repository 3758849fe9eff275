"""Rule families added for real reports (extractor 1.7; 1.8 from the section marked below), each with invented sentences about
several crossings: unit fixtures that pin the behaviour, not evidence that it generalises
(that is tests/test_extract_real_corpus.py)."""
from __future__ import annotations

import pytest

from store.extract import extract_article
from store.extract.spelling import skeleton

PUB = "2019-10-16"


def events(text, published=PUB):
    return [(e["type"], e["actor"], e["crossing"]) for e in extract_article(text, published=published).events]


def sides(text):
    return [(e["type"], e["crossing"], e["side"]) for e in extract_article(text, published=PUB).events]


@pytest.mark.parametrize("text, expected", [
    ("The Jaber crossing was closed on Sunday.", ("closed", "jordan-gov", "nasib")),
    ("The Habur border gate reopened on Monday after a week.", ("reopened", "turkey-gov", "ibrahim-khalil")),
    ("Fishkhabour border crossing was reopened for aid deliveries, officials said.", ("reopened", "krg", "faysh-khabur")),
])
def test_a_closing_or_reopening_with_no_authority_named_is_the_posts(text, expected):
    assert events(text) == [expected]


def test_the_one_who_closed_it_reopens_it():
    assert events("The Semalka crossing, which the KRG closed in March, reopened on Monday.")[-1] == (
        "reopened", "krg", "faysh-khabur")


@pytest.mark.parametrize("text, side", [
    ("Government troops retook the Nassib border crossing with Jordan.", "sy"),
    ("Syria's Nasib crossing reopened on Monday.", "sy"),
    ("The Jordanian Jaber crossing was closed on Sunday.", "jo"),
    ("The YPG control the al Yarobiyyi/Rabia crossing with Syria's Hasakah province.", None),
])
def test_the_country_around_a_name_gives_the_side(text, side):
    assert sides(text)[0][2] == side


@pytest.mark.parametrize("name, crossing", [
    ("Yaribiyah", "rabia"), ("Turabil", "trebil"), ("Kasab", "kessab"), ("Nusaybeen", "qamishli"),
])
def test_a_transliteration_beside_a_crossing_word_is_the_crossing(name, crossing):
    assert events(f"Rebels seized the {name} border crossing on Monday.")[0][2] == crossing
    assert skeleton(name.lower()) and events(f"Rebels seized {name} on Monday.") == []  # alone: maybe a town


@pytest.mark.parametrize("text, expected", [
    ("Iraq's border crossing with Jordan was closed on Sunday.", ("closed", "iraq-gov", "trebil")),
    ("Militants seized the main border crossing between Iraq and Jordan.", ("captured", "militants", "trebil")),
    ("Kuwait closed its border with Iraq on Friday.", ("closed", "kuwait-gov", "safwan")),
])
def test_an_unnamed_crossing_between_two_countries_with_one_crossing_is_that_one(text, expected):
    assert events(text) == [expected]


def test_an_unnamed_crossing_between_countries_with_several_is_left_alone():
    assert events("Rebels seized a border crossing with Turkey on Monday.") == []


def test_attempts_are_attacks_and_unclaimed_bombings_are_militants():
    assert events("IS fighters tried to seize the Kobani border gate overnight.") == [("attacked", "islamic-state", "kobani")]
    assert events("Two car bombs exploded at the Bab al-Hawa crossing on Monday.") == [("attacked", "militants", "bab-al-hawa")]


def test_denied_reports_and_awaited_reopenings_are_no_events():
    assert events("Iraq dismissed claims that the Al Qaim crossing had been shut.") == []
    assert events("Traders are awaiting the reopening of the Nasib crossing.") == []


def test_the_head_of_an_apposition_acts():
    text = "The YPG, the armed wing of the PYD, which is linked to the PKK, took control of the Tal Abyad crossing."
    assert events(text) == [("captured", "sdf", "tal-abyad")]


def test_fighters_and_allies_named_together_both_hold():
    text = "U.S.-backed Maghawir al-Thawra fighters and coalition forces hold the Al Tanf crossing."
    assert sorted(events(text)) == [("holds", "syria-opposition", "al-waleed"), ("holds", "us-coalition", "al-waleed")]


def test_traffic_resumed_or_suspended_through_a_crossing():
    assert events("Jordan resumed traffic through the Jaber crossing on Sunday.") == [("reopened", "jordan-gov", "nasib")]
    assert events("Turkey suspended all passenger movement through the Cilvegozu gate.") == [
        ("closed", "turkey-gov", "bab-al-hawa")]


def test_a_post_name_alone_is_the_crossing_only_as_the_subject_of_a_state_after_the_crossing_was_named():
    text = "Rebels took the Albu Kamal crossing on Thursday. Only Albu Kamal is under the control of the Free Syrian Army."
    assert events(text)[-1] == ("holds", "syria-opposition", "al-qaim")
    assert events("Only Albu Kamal is under the control of the Free Syrian Army.") == []  # a town, as far as we know
    assert events("Rebels took the Albu Kamal crossing. Fighting raged in Albu Kamal, under rebel control.") == [
        ("captured", "syria-opposition", "al-qaim")]


def test_a_hold_told_with_a_saying_date_is_as_of_that_day():
    found = extract_article("The Rabia crossing was still in the hands of government forces, he said on Friday.",
                            published="2012-07-21").events
    assert [(e["type"], e["date"]) for e in found] == [("holds", "2012-07-20")]


def test_rebels_at_a_crossing_with_no_syrian_post_are_militants():
    assert events("Rebels seized the Trebil border crossing on Sunday.") == [("captured", "militants", "trebil")]


def test_an_unnamed_crossing_placed_in_a_province_is_the_one_there():
    text = "Rebels have taken control of a key border crossing connecting Turkey to Syria's Latakia province."
    assert events(text) == [("captured", "syria-opposition", "kessab")]
    text = "Rebels have taken control of a key border crossing connecting Turkey to Syria's Aleppo province."
    assert events(text) == []  # three crossings join Aleppo to Turkey


def test_we_in_a_quote_is_the_speakers_group():
    assert events('"We have taken control of the Nasib crossing," a Free Syrian Army commander said.') == [
        ("captured", "syria-opposition", "nasib")]
    assert events('"We have taken control of the Nasib crossing," he said.') == []  # who "we" are is not said


def test_an_elided_subject_and_a_by_gerund():
    assert events("ISIS overtook the Trebil crossing on 22 June, but was retaken by the Iraqi military two days later.") == [
        ("captured", "islamic-state", "trebil"), ("captured", "iraq-gov", "trebil")]
    assert events("The jihadists reinforced their caliphate by seizing Syria's Al-Tanaf crossing.") == [
        ("captured", "militants", "al-waleed")]


def test_a_list_item_under_its_crossings_heading():
    text = "- Bab al-Salama crossing:\n\nHeld by Turkish-backed Syrian rebels.\n\n- Jarabulus crossing:\n\nUnder Turkish-backed rebel control."
    assert events(text) == [("holds", "syria-opposition", "bab-al-salama"), ("holds", "syria-opposition", "jarabulus")]


def test_a_crossing_named_as_a_list_items_heading():
    assert events("- Tal Abyad: In Raqa province, held by US-backed Kurdish fighters since 2015.") == [
        ("holds", "sdf", "tal-abyad")]
    assert events("Fighting in Tal Abyad: rebels held the town.") == []  # a place, not a list heading


def test_a_closure_told_as_a_noun_is_only_its_subjects_when_the_subject_ordered_it():
    assert events("AANES is appalled by the closure of the Semalka border crossing by the KDP.") == [
        ("closed", "krg", "faysh-khabur")]
    assert events("Jordan's interior minister ordered the closure of the Jaber border crossing.") == [
        ("closed", "jordan-gov", "nasib")]


# Extractor 1.8 families (session 4), each with sentences about crossings other than the reports' own.

@pytest.mark.parametrize("text, expected", [
    ("Kurdish forces say they have driven Islamic State (IS) fighters out of the Rabia border crossing.",
     ("captured", "krg", "rabia")),
    ("Control of the Jarabulus border crossing was handed over on Monday to the opposition Syrian National Army.",
     ("captured", "syria-opposition", "jarabulus")),
    ("Militants cheered after taking control of the customs building at the Qaim border post.",
     ("captured", "militants", "al-qaim")),
])
def test_capture_phrasings(text, expected):
    assert events(text) == [expected]


def test_a_country_and_state_names_the_states_forces():
    assert events("The Safwan crossing is still under the Iraqi state's control.") == [("holds", "iraq-gov", "safwan")]


def test_a_second_predicate_and_a_relative_after_a_place_keep_the_crossing_as_subject():
    assert events("The Jaber crossing is the main gate to the Gulf and is still under Jordanian control.") == [
        ("holds", "jordan-gov", "nasib")]
    assert events("There is also the Kessab border gate north of Latakia, which is controlled by rebel forces.") == [
        ("holds", "syria-opposition", "kessab")]


def test_a_crossing_listed_beside_one_the_gazetteer_lacks():
    found = extract_article("Mehran and Chazabeh border crossings in Iran's Ilam province reopened on Sunday.", published=PUB).events
    assert [(e["type"], e["actor"], e["crossing"], e["side"]) for e in found] == [("reopened", "iran", "zurbatiyah", "ir")]


def test_a_post_name_alone_as_subject_of_a_state_just_after_crossings_were_spoken_of():
    text = ("Rebels hold one of the two border crossings between Turkey and Syria, officials said.\n\n"
            '"Only Tal Abyad is under the control of the Free Syrian Army," the governor said.')
    assert events(text) == [("holds", "syria-opposition", "tal-abyad")]
    assert events('"Tal Abyad is under the control of the Free Syrian Army," the governor said.') == []  # the town


def test_an_attack_on_something_at_the_crossing_is_an_attack_on_the_crossing():
    assert events("Turkish drones struck an ammunition depot at the Semalka border crossing.") == [
        ("attacked", "turkey-gov", "faysh-khabur")]
    assert events("Turkish drones struck an ammunition depot near the Semalka border crossing.") == []


def test_a_crossing_subject_of_a_gerund_and_the_date_of_another_event():
    found = extract_article("The Habur gate had been closed for a week before reopening on Monday.", published=PUB).events
    assert [(e["type"], e["crossing"]) for e in found] == [("closed", "ibrahim-khalil"), ("reopened", "ibrahim-khalil")]
    found = extract_article("The Kessab gate, which lies 50 km (31 miles) from Latakia, remains closed to stop those behind the May 11 attack.",
                            published=PUB).events
    assert [(e["type"], e["crossing"], e["date"]) for e in found] == [("closed", "kessab", None)]


def test_two_states_reopening_a_crossing_together_is_one_act():
    assert events("Iraq and Kuwait reopened the Safwan border crossing on Sunday.") == [("reopened", "iraq-gov", "safwan")]


def test_country_names_are_never_a_spelling_of_a_post():
    # "Syria-Iraq" has the consonants of Suruc (opposite Kobani); a country is not a post
    found = events("Islamic State Seizes Last Syria-Iraq Border Crossing\n\nIS fighters seized the al-Tanf crossing on Thursday.")
    assert ("captured", "islamic-state", "kobani") not in found
    assert ("captured", "islamic-state", "al-waleed") in found


def test_a_side_named_after_the_crossing_and_its_authority():
    found = extract_article("The Rabia border crossing on the Syrian side was recaptured by Kurdish YPG fighters.", published=PUB).events
    assert [(e["type"], e["actor"], e["crossing"], e["side"]) for e in found] == [("captured", "sdf", "rabia", "sy")]
    # the side named decides who closed it, whoever the article named closing it before
    text = "Syria closed the Nasib crossing in April.\n\nThe Jordanian Jaber crossing was closed again on Monday."
    assert events(text) == [("closed", "syria-gov", "nasib"), ("closed", "jordan-gov", "nasib")]


@pytest.mark.parametrize("text", [
    "Officials completed all measures for the reopening of the Nasib crossing.",
    "Differences were reported over reopening of the Qaim border crossing.",
    "The minister said that reopening the Safwan crossing aims to increase trade.",
])
def test_talk_about_a_reopening_is_not_a_reopening(text):
    assert events(text) == []


def test_a_hold_the_sentence_ends_is_not_current():
    assert events("Held by IS since 2014, the Qaim border crossing was retaken by Iraqi forces on Friday.") == [
        ("captured", "iraq-gov", "al-qaim")]


def test_two_crossings_both_held_and_a_parallel_object():
    text = ("Officials said the Tal Abyad crossing, in the east, and Bab al-Hawa in the west, "
            "were both in the hands of the Free Syrian Army.")
    assert sorted(events(text)) == [("holds", "syria-opposition", "bab-al-hawa"), ("holds", "syria-opposition", "tal-abyad")]
    text = ("Rebels seized the Nasib crossing with Jordan, the main trade route to the Gulf, "
            "and of the crossings at Kessab and Bab al-Salama on the border with Turkey.")
    assert sorted(events(text)) == [("captured", "syria-opposition", c) for c in ("bab-al-salama", "kessab", "nasib")]


def test_a_named_crossing_after_with_country_and_a_government_placed_by_its_province():
    assert events("IS fighters seized an important border crossing with Jordan at Trebil.") == [
        ("captured", "islamic-state", "trebil")]
    assert events("The local government in Basra Governorate has closed the Shalamcheh border crossing.") == [
        ("closed", "iraq-gov", "shalamcheh")]


def test_crossings_told_by_their_number():
    text = ("Syrian rebels seized a second of the three main border crossings between Iraq and Syria on Friday.\n\n"
            "He had said on Thursday that all three crossings were under the control of Syrian rebels.")
    assert sorted(events(text)) == [("holds", "syria-opposition", c) for c in ("al-qaim", "al-waleed", "rabia")]
    # the count must fit: there is one crossing between Iraq and Jordan, not two
    assert events("Militants seized both border posts between Iraq and Jordan.") == []


def test_a_pair_stands_for_both_crossings_as_object_and_their_control_is_the_groups():
    text = "Rebels seized the Bab al-Hawa and Tal Abyad crossings last week. On Friday they said the two crossings were under their control."
    assert sorted(events(text))[-2:] == [("holds", "syria-opposition", "bab-al-hawa"), ("holds", "syria-opposition", "tal-abyad")]
    assert ("reinforced", "syria-opposition", "tal-abyad") in events(
        "Rebels seized the Bab al-Hawa and Tal Abyad crossings last week. On Friday rebels reinforced the two crossings.")


def test_a_list_with_names_the_gazetteer_lacks_and_short_spellings_only_as_whole_names():
    assert sorted(events("Rebels seized the Jarablus, Al-Rai, Bab al-Salama and Al-Hamam crossings.")) == [
        ("captured", "syria-opposition", "bab-al-salama"), ("captured", "syria-opposition", "jarabulus")]
    assert events("Rebel forces took control of the Al-Salama outpost north of Aleppo.") == [
        ("captured", "syria-opposition", "bab-al-salama")]
    # "Selim" spells Salama's three consonants, but inside a man's name it is no post
    assert events("Brigadier Selim Idris said rebels took the crossing.") == []


def test_a_crossing_damaged_by_a_strike_was_attacked():
    assert events("The Jdeidet Yabous crossing was severely damaged by an Israeli airstrike on Friday.") == [
        ("attacked", "israel", "masnaa")]


def test_it_in_a_one_crossing_article_a_few_sentences_on():
    text = ("A bomb exploded at the Semalka border crossing on Saturday.\n\n"
            "The town nearby has seen protests. Traders complained of delays. Prices rose.\n\n"
            "In 2013 it was captured by the YPG.")
    assert ("captured", "sdf", "faysh-khabur") in events(text)


def test_an_iraqi_crossing_and_troops_arriving_at_it():
    text = "Militants seized an Iraqi crossing on the border with Syria near the town of Qaim on Friday."
    assert events(text) == [("captured", "militants", "al-qaim")]
    assert events("The Rabia crossing was quiet. Around 40 Iraqi soldiers arrived at the border crossing to reinforce security.") == [
        ("reinforced", "iraq-gov", "rabia")]


@pytest.mark.parametrize("text, expected", [
    ("Traffic resumes at Ibrahim Khalil crossing", ("reopened", "krg", "ibrahim-khalil")),
    ("Commercial traffic has resumed at Syria's Nasib crossing after a month.", ("reopened", "syria-gov", "nasib")),
    ("Safwan border crossing opens for Iraqi pilgrims", ("reopened", "iraq-gov", "safwan")),
    ("Iraqi forces reinforce security at Al Qaim crossing", ("reinforced", "iraq-gov", "al-qaim")),
    ("Jordanian troops have reinforced their presence at the Jaber crossing.", ("reinforced", "jordan-gov", "nasib")),
])
def test_reopening_and_reinforcing_phrasings(text, expected):
    assert events(text) == [expected]


def test_traffic_that_will_resume_and_a_place_after_the_crossing_are_no_act_and_no_actor():
    assert events("Officials said work will resume at the Semalka crossing on Monday.") == []
    found = extract_article("The Semalka crossing, connecting Iraqi Kurdistan and northeast Syria, reopened on Monday.", published=PUB).events
    assert [(e["type"], e["actor"]) for e in found] == [("reopened", "krg")]


def test_an_unnamed_crossing_told_by_its_countries_beside_a_named_one():
    text = ("Iraq has closed its main border post with Syria after Syrian rebels took control of the Abu Kamal crossing.\n\n"
            "Qaim post, opposite Abu Kamal, is closed, the mayor said.")
    assert ("closed", "iraq-gov", "al-qaim") in events(text)[:2]
    # "on the border between Iraq and Syria" places the post named; it is no second crossing
    found = extract_article("IS took control of the Al Waleed post on the border between Iraq and Syria after the withdrawal of the army.",
                            published=PUB).events
    assert {(e["type"], e["side"]) for e in found} == {("captured", "iq"), ("withdrew", "iq")}


def test_a_closure_announced_on_a_day_is_dated_that_day():
    found = extract_article("The interior minister on Dec. 6 announced the closure of the Jaber border crossing.", published="2024-12-18").events
    assert [(e["type"], e["date"]) for e in found] == [("closed", "2024-12-06")]
    found = extract_article("The interior minister announced Friday the closure of the Jaber crossing.", published="2024-12-09").events
    assert [(e["type"], e["date"]) for e in found] == [("closed", "2024-12-06")]


def test_counted_crossings_the_article_names_and_a_post_on_the_border_with_a_country():
    text = ("Turkey temporarily opened two border crossings with its war-torn neighbour for the holiday.\n\n"
            "Refugees crossed at Cilvegozu and at Oncupinar, officials said.")
    assert sorted(events(text)) == [("reopened", "turkey-gov", "bab-al-hawa"), ("reopened", "turkey-gov", "bab-al-salama")]
    text = "Rebels captured a military post on the border with Jordan near the town of Nasib on Thursday."
    assert events(text) == [("captured", "syria-opposition", "nasib")]


def test_the_border_closed_in_a_one_crossing_report_and_these_crossings():
    text = "The Kurdish authorities closed the Semalka crossing in May.\n\nThe border has been closed since Thursday, traders said."
    assert events(text)[-1] == ("closed", "krg", "faysh-khabur")
    text = ("Officials handed over the Jarablus and Bab al-Salama crossings on Saturday.\n\n"
            "As of this morning, these crossings are fully managed by the Syrian government, he said.")
    assert sorted(events(text))[-2:] == [("holds", "syria-gov", "bab-al-salama"), ("holds", "syria-gov", "jarabulus")]


def test_a_headline_asking_a_question_tells_no_event():
    assert events("Who Closed the Nassib Crossing with Jordan") == []
    assert events("What began as protests led to the closure of the Nasib crossing by Jordan.") == [("closed", "jordan-gov", "nasib")]


@pytest.mark.parametrize("text, expected", [
    ("Syrian rebel forces occupied a second border post with Turkey at Cilvegozu on Sunday.", ("captured", "syria-opposition", "bab-al-hawa")),
    ("The army had fully secured the Nasib crossing after defeating the rebels.", ("captured", "syria-gov", "nasib")),
    ("Israeli airstrikes sever the Jdeidet Yabous border crossing.", ("attacked", "israel", "masnaa")),
    ("IS militants have reattempted to capture the Mursitpinar crossing.", ("attacked", "islamic-state", "kobani")),
    ("The Free Syrian Army has failed to seize a post on the Jordan border near Nasib.", ("attacked", "syria-opposition", "nasib")),
])
def test_occupy_secure_sever_and_attempts(text, expected):
    assert events(text) == [expected]


def test_a_desert_crossing_and_traffic_resumed_after_a_comma():
    assert events("Iraq and Saudi Arabia on Wednesday reopened their Arar desert crossing.") == [("reopened", "iraq-gov", "arar")]
    assert events("Commercial movement has been resumed today, through the Ibrahim Khalil border crossing.") == [
        ("reopened", "krg", "ibrahim-khalil")]


@pytest.mark.parametrize("text", [
    "Trucks are expected to cross from Syria once the Qaim crossing has been opened, the agency said.",
    "The ministry declared that the preparations have been made for the reopening of the Nasib crossing.",
])
def test_a_reopening_still_to_come_is_no_reopening(text):
    assert events(text) == []
