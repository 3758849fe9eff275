"""Sentence splitting: offsets that hold, news abbreviations, paragraph breaks."""
from __future__ import annotations

import pytest

from store.extract import extract_article
from store.extract.sentences import split_sentences


def sentences(text):
    spans = list(split_sentences(text))
    for s, e in spans:
        assert text[s:e] == text[s:e].strip() and text[s:e]
    return [text[s:e] for s, e in spans]


@pytest.mark.parametrize("text", [
    "On Nov. 25, the Islamic State launched a suicide attack. It failed.",
    "Lt. Gen. Qassem Atta said the crossing was lost. He gave no details.",
    "The U.S. Army and U.N. officials arrived. They left.",
    "President George W. Bush spoke on Jan. 5. Then he left.",
])
def test_abbreviations_and_initials_do_not_end_sentences(text):
    assert len(sentences(text)) == 2


def test_a_dotted_acronym_before_a_sentence_opener_ends_the_sentence():
    assert sentences("Troops came from the U.S. The crossing reopened.") == ["Troops came from the U.S.", "The crossing reopened."]


def test_quotes_close_with_their_sentence():
    assert sentences("He said: \u201cThe crossing fell.\u201d Then he left.") == ["He said: \u201cThe crossing fell.\u201d", "Then he left."]


def test_a_question_inside_quotes_followed_by_lower_case_goes_on():
    assert len(sentences("\u201cCan you confirm it?\u201d he asked.")) == 1


def test_paragraph_breaks_always_end_a_sentence():
    assert sentences("Militants seize crossing\n\nThe militants took it") == ["Militants seize crossing", "The militants took it"]


def test_a_headline_line_ends_before_the_next_line():
    assert sentences("Militants seize Iraq-Syria border crossing\nJune 24, 2014 - 5:02:35 am") == [
        "Militants seize Iraq-Syria border crossing", "June 24, 2014 - 5:02:35 am"]


def test_a_wrapped_line_does_not_end_a_sentence():
    assert sentences("Sunni militants seized the\nAl Waleed border post on Sunday.") == ["Sunni militants seized the\nAl Waleed border post on Sunday."]


def test_a_byline_is_its_own_sentence():
    text = "BY CALEB WEISS | May 25th, 2015 | Long War Journal \u2013 Just days after capturing the crossing, IS held it."
    assert sentences(text)[1].startswith("Just days after")


def test_agrees_with_syntok_on_the_bundled_reports(bundled_articles):
    """syntok is the reference library; ours differs only where syntok splits a title ("Lt. Gen.")."""
    segmenter = pytest.importorskip("syntok.segmenter")  # a test-only dependency: the engine does not use it
    ours_total = agree = 0
    for path in bundled_articles:
        text = extract_article(path.read_text(encoding="utf-8")).text
        ours = {s for s, _e in split_sentences(text)}
        theirs = {sent[0].offset for para in segmenter.analyze(text) for sent in para}
        ours_total += len(ours)
        agree += len(ours & theirs)
    assert agree / ours_total >= 0.95


def test_offsets_hold_on_every_bundled_report(bundled_articles):
    for path in bundled_articles:
        text = extract_article(path.read_text(encoding="utf-8")).text
        for s, e in split_sentences(text):
            assert text[s:e].strip() == text[s:e]


def test_a_run_on_line_is_cut_into_bounded_pieces():
    from store.extract.sentences import MAX_SENTENCE

    text = "IS seized the Al Waleed crossing and " * 300
    spans = list(split_sentences(text))
    assert len(spans) > 1
    assert all(e - s <= MAX_SENTENCE and text[s:e] == text[s:e].strip() for s, e in spans)
    assert extract_article(text, published="2015-01-01").events


def test_a_long_single_line_of_sentences_splits_at_every_sentence_with_exact_offsets():
    """One line of many sentences (a report pasted without breaks): every sentence found, offsets exact."""
    text = "  ".join(f"Rebels shelled the Nasib crossing on day {i}.\u00a0 Guards at Jaber said it held." for i in range(2000))
    spans = list(split_sentences(text))
    assert len(spans) == 4000
    assert text[spans[0][0]:spans[0][1]] == "Rebels shelled the Nasib crossing on day 0."
    assert text[spans[-1][0]:spans[-1][1]] == "Guards at Jaber said it held."
    assert all(text[s:e] == text[s:e].strip() for s, e in spans)


def test_sentences_glued_by_a_scraper_are_split():
    from store.extract.sentences import split_sentences

    text = "Turkey closed the crossing on Friday.On Sunday afternoon, refugees came. The U.S.Army left."
    assert [text[a:b] for a, b in split_sentences(text)] == [
        "Turkey closed the crossing on Friday.", "On Sunday afternoon, refugees came.", "The U.S.Army left."]
