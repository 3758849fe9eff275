"""Properties of the extraction steps over any text: the cleaner, the front matter, the sentence
splitter and the date resolver never raise, and every offset they give points at what they say."""
from __future__ import annotations

from datetime import date

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from store.sanitize import is_safe
from tests.hostile import WORDS, any_text, days

SETTINGS = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
front_matter_text = st.lists(
    st.sampled_from(["---\n", "title: ", "source: ", "published: ", "url: ", "  nested: ", "- item\n", "\n", "x: y\n"] + WORDS),
    max_size=40,
).map("".join)


@SETTINGS
@given(st.one_of(any_text, front_matter_text))
def test_front_matter_fields_are_safe_single_lines_and_the_body_is_the_rest(text):
    from store.extract.frontmatter import split_front_matter

    fields, body = split_front_matter(text)
    assert isinstance(fields, dict)
    for value in fields.values():
        assert value is None or (isinstance(value, str) and "\n" not in value and is_safe(value)), value
    assert text.endswith(body)


@SETTINGS
@given(any_text)
def test_cleaner_never_raises_and_gives_text(text):
    from store.extract.clean import clean_body

    assert isinstance(clean_body(text), str)


@SETTINGS
@given(any_text)
def test_sentence_spans_are_inside_the_text_in_order_and_do_not_overlap(text):
    from store.extract.sentences import split_sentences

    previous_end = 0
    for start, end in split_sentences(text):
        assert previous_end <= start < end <= len(text), (start, end, len(text))
        previous_end = end


@SETTINGS
@given(any_text, st.one_of(st.none(), days))
def test_date_expressions_point_at_their_words_and_resolve_to_a_day_or_none(text, published):
    from store.extract.dates import find_dates, resolve_date

    for expr in find_dates(text):
        assert text[expr.start : expr.end] == expr.text
        day = resolve_date(expr, published)
        assert day is None or isinstance(day, date)
        if day is not None and published is not None and expr.kind not in ("iso", "full"):
            assert day <= published  # relative expressions never point after publication


@SETTINGS
@given(st.one_of(st.text(max_size=40), st.sampled_from(["2014-13-45", "0000-00-00", "9999-12-31", "not a date", "June 31, 2014", "Feb. 30"])))
def test_published_value_parses_to_a_day_or_none(value):
    from store.extract.dates import parse_published

    day = parse_published(value)
    assert day is None or isinstance(day, date)


@SETTINGS
@given(st.sampled_from(["yesterday", "on Sunday", "last Monday", "Nov. 25", "today", "Feb. 29", "Jan. 1"]),
       st.dates(min_value=date(1, 1, 1), max_value=date(1, 1, 14)) | st.dates(min_value=date(9999, 12, 20)))
def test_relative_dates_at_the_ends_of_the_calendar_do_not_raise(words, published):
    from store.extract.dates import resolve_date

    day = resolve_date(words, published)
    assert day is None or isinstance(day, date)
