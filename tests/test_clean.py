"""Cleaning: what an analyst reads is the article, not the web page around it."""
from __future__ import annotations

from store.extract import extract_article
from store.extract.clean import clean_body, normalize_spaces

BODY = "Militants seize Rabia crossing\n\nKurdish forces said on Monday that militants had seized the Rabia border crossing.\n"


def test_headline_is_kept_as_the_first_line():
    assert clean_body(BODY).startswith("Militants seize Rabia crossing\n\n")


def test_non_breaking_and_odd_spaces_become_plain_spaces():
    text = normalize_spaces("the\u00a0Al\u2009Waleed\u202fpost\u200b was\t seized")
    assert text == "the Al Waleed post was seized"


def test_escape_sequences_and_controls_are_removed_before_offsets():
    result = extract_article("Militants \x1b[31mseized\x1b[0m the Al Waleed border post\x07 on Sunday.", published="2014-06-24")
    assert "\x1b" not in result.text and "\x07" not in result.text
    event = result.events[0]
    assert result.text[event["start"]:event["end"]] == event["sentence"]


def test_reader_comments_are_cut():
    body = BODY + "\n2 Comments\n\n  • Oberron says:\n\n    I heard the al-Walid Crossing has now fallen.\n"
    assert "Oberron" not in clean_body(body) and "fallen" not in clean_body(body)


def test_a_comment_without_a_count_is_cut_at_its_says_line():
    body = BODY + "\nFred says:\nThe Peshmerga took the Rabia crossing yesterday.\n"
    assert "Peshmerga" not in clean_body(body)


def test_author_bio_is_cut():
    body = BODY + "\nJane Doe is a senior analyst at the Example Institute, where she focuses on Iraq.\n"
    assert "Jane Doe" not in clean_body(body)


def test_donation_appeal_is_cut():
    body = BODY + "\nSupport our independent reporting today by considering a monthly donation. Thanks!\n"
    assert "donation" not in clean_body(body)


def test_tag_list_and_trailing_topic_lines_are_cut():
    body = BODY + "\nTags: , ,\n\nIraq\n\nIslamic state\n\nSyria\n\nBoko Haram\n"
    cleaned = clean_body(body)
    assert "Tags" not in cleaned and "Boko Haram" not in cleaned
    assert cleaned.endswith("Rabia border crossing.")


def test_list_of_unrelated_headlines_is_cut_with_its_dates():
    body = (BODY + "Source: AFP\nGMT 16:04 2018 Friday ,14 December\nTurkey orders arrest of 219 soldiers"
            "GMT 15:51 2018 Friday ,14 December\n")
    cleaned = clean_body(body)
    assert "2018" not in cleaned and "Turkey orders" not in cleaned
    assert cleaned.endswith("Source: AFP")


def test_site_boilerplate_lines_are_dropped():
    body = BODY + "All rights reserved to Example Media Group 2025 \u00a9\nSend your comments\nYour comment as a visitor\n"
    cleaned = clean_body(body)
    assert "rights reserved" not in cleaned and "Send your comments" not in cleaned and "visitor" not in cleaned


def test_article_text_mentioning_comments_is_not_cut():
    body = "Officials said the crossing reopened.\n\nThe minister's comments came a day after the closure.\n"
    assert "minister's comments" in clean_body(body)


def test_bundled_report_003_keeps_no_2018_headlines(bundled_articles):
    raw = next(p for p in bundled_articles if p.name.startswith("003")).read_text(encoding="utf-8")
    result = extract_article(raw)
    assert "2018" not in result.text and "Gulen" not in result.text
    assert result.meta["published"] == "2014-06-23"


def test_read_more_links_and_reply_forms_are_cut():
    body = BODY + "\nRead More:Syrian rebels capture main border crossing with Jordan.\n\nLeave a Reply\n\nYour email address will not be published.\n"
    cleaned = clean_body(body)
    assert "Read More" not in cleaned and "Jordan" not in cleaned and "email" not in cleaned


def test_wire_credits_are_dropped():
    body = BODY + "\n(Reporting by Jane Doe; Editing by John Roe)\n"
    assert "Reporting by" not in clean_body(body)


def test_a_read_more_line_mid_article_is_dropped_alone():
    body = "Headline\n\nFirst paragraph about the Nasib crossing.\n\nRead more: Jordan reopens Jaber crossing\n\nSecond paragraph stays.\n"
    cleaned = clean_body(body)
    assert "Read more" not in cleaned and "Second paragraph stays." in cleaned


def test_a_quote_introduced_by_says_mid_article_is_kept():
    body = ("Headline\n\nFirst paragraph.\n\nThe spokesman said:\n\n\u201cWe hold the Rabia crossing.\u201d\n\n"
            "Second paragraph.\n\nThird paragraph.\n\nFourth paragraph.\n\nFifth paragraph.\n")
    cleaned = clean_body(body)
    assert "We hold the Rabia crossing" in cleaned and "Fifth paragraph." in cleaned
