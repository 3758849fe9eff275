"""Each event pattern with its own short sentence, mostly about other crossings and groups."""
from __future__ import annotations

import pytest

from store.extract import extract_article

PUB = "2019-10-14"  # a Monday


def events(text, published=PUB):
    return [(e["type"], e["actor"], e["crossing"]) for e in extract_article(text, published=published).events]


def one(text, published=PUB):
    found = extract_article(text, published=published).events
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize("text, expected", [
    ("Hayat Tahrir al-Sham seized the Bab al-Hawa crossing.", ("captured", "hts", "bab-al-hawa")),
    ("Turkish troops took control of the Jarabulus crossing.", ("captured", "turkey-gov", "jarabulus")),
    ("Syrian regime forces recaptured the Nasib border crossing.", ("captured", "syria-gov", "nasib")),
    ("Hezbollah fighters pulled out of the Jousieh crossing.", ("withdrew", "hezbollah", "jousieh")),
    ("Rebels attacked the Bab al-Salama crossing.", ("attacked", "syria-opposition", "bab-al-salama")),
    ("IS launched a suicide attack on the Trebil crossing.", ("attacked", "islamic-state", "trebil")),
    ("The YPG controls the Semalka crossing.", ("holds", "sdf", "faysh-khabur")),
    ("The Peshmerga sent reinforcements to the Faysh Khabur crossing.", ("reinforced", "krg", "faysh-khabur")),
    ("Jordanian authorities closed the Jaber crossing.", ("closed", "jordan-gov", "nasib")),
    ("Lebanese authorities reopened the Masnaa crossing.", ("reopened", "lebanon-gov", "masnaa")),
])
def test_active_voice_for_each_type(text, expected):
    assert events(text) == [expected]


@pytest.mark.parametrize("text, expected", [
    ("The Nasib crossing was captured by the Nusra Front.", ("captured", "hts", "nasib")),
    ("The Tal Abyad crossing fell to Turkish-backed rebels.", ("captured", "syria-opposition", "tal-abyad")),
    ("The Semalka crossing was still held by the SDF.", ("holds", "sdf", "faysh-khabur")),
    ("The Ras al-Ain crossing remained in the hands of the SDF.", ("holds", "sdf", "ras-al-ain")),
    ("The Habur crossing was closed by Turkish authorities.", ("closed", "turkey-gov", "ibrahim-khalil")),
])
def test_passive_voice(text, expected):
    assert events(text) == [expected]


def test_two_holds_in_one_sentence():
    text = "The Free Syrian Army controls Bab al-Hawa, while the SDF controls the Semalka crossing."
    assert events(text) == [("holds", "syria-opposition", "bab-al-hawa"), ("holds", "sdf", "faysh-khabur")]


def test_captured_along_with():
    text = "The Qamishli crossing was captured by the SDF along with the nearby Ras al-Ain crossing on Oct. 2."
    found = extract_article(text, published=PUB).events
    assert [(e["crossing"], e["date"]) for e in found] == [("qamishli", "2019-10-02"), ("ras-al-ain", "2019-10-02")]


def test_coordinated_objects():
    text = "Iraqi forces remain in control of the Trebil crossing and the Iraqi side of the Al Waleed crossing."
    found = extract_article(text, published=PUB).events
    assert [(e["crossing"], e["side"]) for e in found] == [("trebil", None), ("al-waleed", "iq")]


def test_first_and_second_respectively():
    text = ("The two crossings with Turkey, Jarabulus and Tal Abyad, are outside government hands, "
            "with IS holding the first and Kurdish forces from the YPG in control of the second.")
    assert events(text) == [("holds", "islamic-state", "jarabulus"), ("holds", "sdf", "tal-abyad")]


def test_negation_gives_no_event():
    assert events("The YPG did not capture the Tal Abyad border crossing.") == []
    assert events("The Bab al-Hawa crossing has not been captured by HTS.") == []
    assert events("The SDF no longer controls the Semalka crossing.") == []
    assert events("Rebels denied that government forces had seized the Nasib crossing.") == []


def test_plans_threats_and_questions_give_no_event():
    assert events("The Syrian army could capture the Nasib crossing.") == []
    # an attempt to seize is no capture, but it is an attack on the crossing
    assert events("Militants attempted to seize the Rabia crossing.") == [("attacked", "militants", "rabia")]
    assert events("Rebels tried at noon today to seize control of the Nasib crossing but failed.") == [
        ("attacked", "syria-opposition", "nasib")]
    assert events("Iraq said the Safwan crossing would reopen next week.") == []
    assert events("Will IS take the Al Qaim crossing?") == []


@pytest.mark.parametrize("text", [
    "Turkish troops reportedly took control of the Jarabulus crossing.",
    "The Nusra Front is said to have overrun the Nasib crossing.",
    "Rebels claimed they had seized the Nasib crossing.",
    "According to the monitor, the SDF seized the Tal Abyad crossing.",
    "An official was quoted as saying that the army had retaken the Al Qaim border crossing.",
])
def test_hedged_claims_are_events_marked_hedged(text):
    assert one(text)["hedged"] is True


def test_plain_statement_is_not_hedged():
    assert one("The SDF seized the Tal Abyad crossing.")["hedged"] is False


@pytest.mark.parametrize("text, source", [
    ("The militants took the Rabia crossing on Sunday, a colonel and a captain in the border guards said.",
     "a colonel and a captain in the border guards"),
    ("But two officials who work at the crossing said the Nasib crossing was still held by rebels.",
     "two officials who work at the crossing"),
    ("According to the Syrian Observatory for Human Rights, IS seized the Al Tanf crossing.", "the Syrian Observatory for Human Rights"),
    ("Rebels have seized the Nasib crossing, officers said on Monday.", "officers"),
])
def test_source_of_the_claim(text, source):
    assert one(text)["source"] == source


def test_pronoun_source_stands_for_the_previous_one():
    text = ("The militants took the Rabia crossing on Sunday, border officers said. "
            "Kurdish forces that had been guarding it headed east, they said.")
    found = extract_article(text, published=PUB).events
    assert found[-1]["type"] == "withdrew" and found[-1]["source"] == "border officers"


@pytest.mark.parametrize("text, side", [
    ("IS seized the Syrian side of the Al Waleed crossing.", "sy"),
    ("IS seized the Iraqi side of the Al Waleed crossing.", "iq"),
    ("IS seized the Al Tanf crossing.", "sy"),
    ("IS controls the Albu Kamal/Al Qaim crossing.", None),
])
def test_side_when_the_text_gives_one(text, side):
    assert one(text)["side"] == side


def test_the_crossing_refers_back_to_the_named_one():
    text = "Rebels reached the Nasib border crossing at dawn. The crossing was captured by the rebels an hour later."
    assert events(text) == [("captured", "syria-opposition", "nasib")]


def test_it_refers_back_to_the_crossing():
    text = "Two officials who work at the Kessab crossing said it was still held by the Syrian army."
    assert events(text) == [("holds", "syria-gov", "kessab")]


def test_the_two_crossings_are_the_two_just_named():
    text = ("The Bab al-Hawa crossing was seized by HTS along with the Bab al-Salama crossing. "
            "The two crossings were later retaken by the Syrian National Army.")
    assert events(text)[-2:] == [("captured", "syria-opposition", "bab-al-hawa"), ("captured", "syria-opposition", "bab-al-salama")]


def test_withdrawing_to_a_crossing_leaves_the_current_one():
    text = "IS attacked the Al Waleed crossing. Iraqi border guards withdrew to the Trebil crossing with Jordan."
    assert events(text) == [("attacked", "islamic-state", "al-waleed"), ("withdrew", "iraq-gov", "al-waleed")]


def test_the_crossing_after_a_town_is_the_towns_crossing():
    text = "The SDF is reported to have taken the town of Tal Abyad as well as the border crossing to Turkey."
    assert events(text) == [("captured", "sdf", "tal-abyad")]


def test_a_town_is_not_its_crossing():
    assert events("Islamic State militants overran the town of Albu Kamal last week.") == []
    assert events("The Iraqi army was still in control of Al Qaim.") == []


def test_an_unnamed_crossing_with_no_antecedent_is_left_out():
    assert events("Militants seized a border post on the frontier.") == []
    assert events("The crossing was captured by the rebels.") == []


def test_actor_resolution():
    assert events("Iraqi Security Forces (ISF) withdrew from the Trebil crossing.") == [("withdrew", "iraq-gov", "trebil")]
    assert events("Border police abandoned the Al Qaim border crossing.") == [("withdrew", "iraq-gov", "al-qaim")]
    assert events("Sunni Arab militants seized the Rabia crossing.") == [("captured", "militants", "rabia")]
    assert events("Daesh overran the Al Tanf crossing.") == [("captured", "islamic-state", "al-waleed")]
    assert events("Kurdish regional forces hold the Faysh Khabur crossing.") == [("holds", "krg", "faysh-khabur")]


def test_generic_forces_take_the_country_of_the_side():
    assert events("Security forces abandoned the Syrian side of the Al Waleed crossing.") == [("withdrew", "syria-gov", "al-waleed")]
    assert events("Security forces abandoned the Trebil crossing.") == [("withdrew", "iraq-gov", "trebil")]


def test_the_jihadist_group_is_the_last_named_group():
    text = "Jabhat al-Nusra fighters massed near Nasib. The jihadist group then seized the Nasib crossing."
    assert events(text) == [("captured", "hts", "nasib")]


def test_country_names_are_actors_for_closing_and_reopening_or_as_the_verbs_subject():
    assert events("Jordan closed the Nasib crossing.") == [("closed", "jordan-gov", "nasib")]
    assert events("Iraq captures border crossing with Syria from IS\n\nIraqi forces took the Al Qaim crossing.")[0] == (
        "captured", "iraq-gov", "al-qaim")  # a headline: the state is its forces
    assert events("Turkey on Sunday shelled the Tal Abyad crossing.") == [("attacked", "turkey-gov", "tal-abyad")]
    # a state named anywhere but as the subject is no actor of a capture
    assert events("Backed by Jordan, rebels captured the Nasib crossing.") == [("captured", "syria-opposition", "nasib")]
    assert events("In Jordan's view, the rebels captured the Nasib crossing.") == [("captured", "syria-opposition", "nasib")]


def test_event_offsets_index_the_cleaned_text():
    raw = "---\ntitle: t\n---\nHeadline\n\nThe YPG seized the Semalka crossing. Later the SDF held the Semalka crossing."
    result = extract_article(raw, published=PUB)
    assert len(result.events) == 2
    for event in result.events:
        assert result.text[event["start"]:event["end"]] == event["sentence"]


def test_event_fields_are_those_of_events_md():
    event = one("The YPG seized the Semalka crossing on Sunday.")
    assert set(event) == {"type", "actor", "actor_text", "crossing", "side", "crossing_text", "date", "date_text",
                          "hedged", "source", "sentence", "start", "end"}
    assert event["actor_text"] == "YPG" and event["crossing_text"] == "the Semalka crossing"
    assert event["date"] == "2019-10-13" and event["date_text"] == "on Sunday"


@pytest.mark.parametrize("text, expected", [
    ("The Semalka crossing came under Kurdish control in 2012.", ("captured", "sdf", "faysh-khabur")),
    ("The Bab al-Hawa crossing remains under HTS control.", ("holds", "hts", "bab-al-hawa")),
    ("The Tal Abyad crossing has been under rebel control since September.", ("holds", "syria-opposition", "tal-abyad")),
    ("Al-Yarubiyah, the Syrian side of the Rabia crossing, fell under the control of the YPG.", ("captured", "sdf", "rabia")),
])
def test_under_someones_control(text, expected):
    assert events(text) == [expected]


@pytest.mark.parametrize("text, expected", [
    ("Iraqi forces lost the Al Waleed crossing to the Islamic State in May 2015.", ("captured", "islamic-state", "al-waleed")),
    ("The Syrian army ceded the Nasib crossing to rebels.", ("captured", "syria-opposition", "nasib")),
    ("The liberation of the Al Qaim crossing by Iraqi forces was announced.", ("captured", "iraq-gov", "al-qaim")),
])
def test_losing_a_crossing_to_someone_is_their_capture(text, expected):
    assert events(text) == [expected]


def test_a_nominal_capture_without_its_agent_is_left_out():
    assert events("With the capture of the Nasib crossing, the rebels control the south.") == []


def test_the_border_post_near_a_town_is_that_towns_crossing():
    assert events("Iraqi security forces re-took the border post near the town of Al-Qaim in late 2017.") == [
        ("captured", "iraq-gov", "al-qaim")]


def test_a_place_near_a_crossing_is_not_the_crossing():
    assert events("Peshmerga forces retook the village of Mahmoudia near the Rabia border crossing.") == []


def test_fleeing_some_other_place_leaves_no_crossing():
    assert events("Kurdish forces took the Rabia crossing after Iraqi troops fled the area.") == [("captured", "krg", "rabia")]


def test_a_pronoun_subject_after_an_attribution_is_the_group_named_there():
    assert events("Peshmerga commanders said they had taken the Rabia crossing.") == [("captured", "krg", "rabia")]


def test_inverted_attribution():
    found = one("\u201cIraqi forces have liberated the Al-Qaim border crossing,\u201d Army Colonel Walid al-Duleimi said.")
    assert found["source"] == "Army Colonel Walid al-Duleimi"
    assert one("Rebels seized the Nasib crossing, said the activist.")["source"] == "the activist"


def test_the_kurdish_administration_of_syria_is_not_the_syrian_government():
    assert events("The Autonomous Administration of North East Syria (AANES) closed the Semalka crossing.") == [
        ("closed", "sdf", "faysh-khabur")]


def test_a_single_crossing_article_resolves_the_crossing_paragraphs_later():
    text = ("Rebels seized the Nasib crossing on Wednesday.\n\nFilling text one. Filling text two.\n\n"
            "More filler here. And more.\n\nThe ministry said Syria closed the crossing.")
    assert events(text)[-1] == ("closed", "syria-gov", "nasib")


def test_a_leading_they_is_the_one_group_of_the_sentence_before():
    text = "ISIS holds most of Anbar province. They sacked the Waleed border crossing today."
    assert events(text) == [("attacked", "islamic-state", "al-waleed")]


def test_a_leading_they_after_two_groups_is_left_out():
    text = "ISIS and the Iraqi army fought in Anbar. They sacked the Waleed border crossing today."
    assert events(text) == []


def test_came_under_attack_by():
    text = "The border crossings with Syria, notably al-Qaim, came under attack by Syrian warplanes."
    assert events(text) == [("attacked", "syria-gov", "al-qaim")]


def test_in_the_hands_of_including_a_crossing():
    text = "The war has left most of eastern Syria in the hands of Sunni militants, including the Albukamal-Qaim crossing."
    assert events(text) == [("holds", "militants", "al-qaim")]


def test_al_qaeda_in_syria_is_hts():
    assert events("The Albukamal gate is run by al-Qaeda's Syria branch.") == [("holds", "hts", "al-qaim")]


def test_withdrawing_from_a_side_of_a_named_crossing():
    text = "Iraqi security forces had also withdrawn from their side of the crossing known as al-Waleed."
    assert events(text) == [("withdrew", "iraq-gov", "al-waleed")]


def test_a_list_after_a_plural_crossing_noun_is_the_object():
    text = "Iraqi forces now control all three crossings with Syria: Al Qaim, Al Waleed and Rabia."
    assert events(text) == [("holds", "iraq-gov", "al-qaim"), ("holds", "iraq-gov", "al-waleed"), ("holds", "iraq-gov", "rabia")]


def test_a_base_attacked_is_not_the_crossing():
    assert events("The al-Tanf garrison, a US base near the Iraqi border, was attacked by drones on Sunday.") == []


def test_an_unnamed_headline_crossing_is_the_articles_only_crossing():
    text = "Iraqi forces retake border crossing with Syria\n\nIraqi forces wrested control of the Al-Qaim border crossing from IS."
    assert events(text) == [("captured", "iraq-gov", "al-qaim"), ("captured", "iraq-gov", "al-qaim")]


def test_an_unnamed_headline_crossing_is_the_one_the_lede_names_first():
    text = "Rebels seize border crossing\n\nRebels seized the Nasib crossing on Wednesday. Bab al-Hawa was quiet."
    assert events(text) == [("captured", "syria-opposition", "nasib"), ("captured", "syria-opposition", "nasib")]
    late = "Rebels seize border crossing\n\n" + "Fighting went on. " * 100 + "Rebels seized the Nasib crossing. Bab al-Hawa was quiet."
    assert events(late) == [("captured", "syria-opposition", "nasib")]  # no crossing named near the top: unresolved


def test_an_agentless_passive_takes_a_group_only_as_the_subject_of_a_later_verb():
    assert events("The Trebil crossing was captured after the Islamic State launched two suicide bombings.") == [
        ("captured", "islamic-state", "trebil")]
    assert events("The Bab al-Hawa crossing was closed following clashes between fighters of the Islamic Front and others.") == []


def test_which_after_a_crossing_is_that_crossing():
    assert events("Rebels shelled the Nasib crossing, which is held by government forces.") == [
        ("attacked", "syria-opposition", "nasib"), ("holds", "syria-gov", "nasib")]
    found = extract_article("IS retook the Al Qaim crossing, which Iraqi forces had seized on Monday.", published=PUB).events
    assert [(e["actor"], e["date"]) for e in found] == [("islamic-state", None), ("iraq-gov", "2019-10-14")]
    assert found[1]["crossing_text"] == "the Al Qaim crossing"


def test_a_relative_clause_keeps_its_own_actor():
    # the relative clause's actor stays in it; the reopening names no one, so the one who closed it reopens it
    assert events("The Semalka crossing, which the KRG closed in December, reopened on Monday.") == [
        ("closed", "krg", "faysh-khabur"), ("reopened", "krg", "faysh-khabur")]


def test_something_else_as_the_object_is_no_event():
    assert events("Turkish authorities held a meeting at the Habur crossing on Monday.") == []
    assert events("The Kurdish fighters had taken command of the border crossing at Tal Abyad.") == [
        ("captured", "sdf", "tal-abyad")]


def test_every_group_of_a_coordinated_subject():
    assert events("Iraqi forces and the PMF retook the Al Qaim border crossing on Friday.") == [
        ("captured", "iraq-gov", "al-qaim"), ("captured", "pmf", "al-qaim")]
    assert events("Fighters of the YPG and IS fought at the Tal Abyad crossing.") == []


def test_a_held_compound_names_the_holder_as_of_the_report():
    found = extract_article("Rebels attacked the regime-held Nasib crossing on Sunday.", published=PUB).events
    assert [(e["type"], e["actor"], e["date"]) for e in found] == [
        ("attacked", "syria-opposition", "2019-10-13"), ("holds", "syria-gov", PUB)]
    assert events("Aid entered Syria through the rebel-held Bab al-Hawa crossing.") == [("holds", "syria-opposition", "bab-al-hawa")]
    assert events("The IS-held Al Qaim crossing was quiet.") == [("holds", "islamic-state", "al-qaim")]


def test_demands_calls_and_foiled_attacks_are_no_events():
    assert events("Protesters demanded the withdrawal of Iraqi forces from the Trebil crossing.") == []
    assert events("Turkey called for the closure of the Habur crossing.") == []
    assert events("Iraqi forces foiled an attack on the Trebil crossing.") == []
    assert events("Iraqi forces repelled an IS attack on the Trebil crossing.") == [("attacked", "islamic-state", "trebil")]


def test_a_possessive_withdrawal():
    assert events("The army's withdrawal from the Rabia crossing left it undefended.") == [("withdrew", "iraq-gov", "rabia")]


def test_coordinated_groups_and_crossings_respectively():
    assert events("The YPG and IS control the Semalka and Tal Abyad crossings respectively.") == [
        ("holds", "sdf", "faysh-khabur"), ("holds", "islamic-state", "tal-abyad")]


def test_a_possessive_capture_names_its_agent():
    assert events("The Islamic State's seizure of the Al Qaim crossing cut the road.") == [("captured", "islamic-state", "al-qaim")]


def test_an_indefinite_border_post_in_a_one_crossing_article():
    text = ("Militants seized the town of Al Qaim and the border crossing on Friday. "
            "Sunni fighters have seized a border post on the Iraq-Syria frontier, security sources said.")
    assert events(text)[-1] == ("captured", "militants", "al-qaim")
    two = "IS holds the Rabia crossing. Sunni fighters have seized a border post near the Nasib crossing."
    assert ("captured", "militants", "rabia") not in events(two)


def test_border_guards_leaving_their_posts_in_a_one_crossing_article():
    text = ("Militants took the town of Al Qaim and the border crossing on Friday. "
            "Once border guards heard that Al Qaim had fallen, they left their posts, the sources said.")
    assert events(text)[-1] == ("withdrew", "iraq-gov", "al-qaim")


def test_in_someones_hands():
    assert events("IS militants shelled the Kobani border crossing, which remains in Kurdish hands.") == [
        ("attacked", "islamic-state", "kobani"), ("holds", "sdf", "kobani")]
    assert events("The Nasib crossing fell into rebel hands in April 2015.") == [("captured", "syria-opposition", "nasib")]
    assert events("The trucks were in good hands at the Nasib crossing.") == []


def test_they_still_hold_after_an_attribution():
    assert events("Kurdish fighters said they still hold the Mursitpinar crossing.") == [("holds", "sdf", "kobani")]


def test_a_passive_subject_is_close_to_its_verb():
    assert events("Near the Al Qaim crossing, the vast desert area stretching west to the river under IS control grew.") == []
