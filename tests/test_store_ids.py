"""Event ids stay put when the same event is extracted again, however the extractor changed."""
from __future__ import annotations

from store import ids

ARTICLE = "a1b2c3d4e5f6"
SENTENCE = "Militants seized the Al Waleed border post on Sunday, officers said."


def event(**fields) -> dict:
    base = {"type": "captured", "crossing": "al-waleed", "actor": "militants", "sentence": SENTENCE, "start": 100, "end": 168}
    return {**base, **fields}


def test_offsets_actor_and_whitespace_do_not_change_the_id():
    first = ids.event_ids(ARTICLE, [event()])
    moved = ids.event_ids(ARTICLE, [event(start=140, end=208, actor="islamic-state",
                                          sentence="Militants  seized the Al Waleed\nborder post on Sunday, officers said.")])
    assert first == moved


def test_type_crossing_sentence_and_article_do():
    first = ids.event_ids(ARTICLE, [event()])[0]
    assert ids.event_ids(ARTICLE, [event(type="holds")])[0] != first
    assert ids.event_ids(ARTICLE, [event(crossing="trebil")])[0] != first
    assert ids.event_ids(ARTICLE, [event(sentence="Militants seized Trebil.")])[0] != first
    assert ids.event_ids("ffffffffffff", [event()])[0] != first


def test_repeats_are_told_apart_in_text_order_whatever_the_run_order():
    a, b = event(start=10, end=78, side="iq"), event(start=300, end=368, side="sy")
    forward = ids.event_ids(ARTICLE, [a, b])
    backward = ids.event_ids(ARTICLE, [b, a])
    assert forward == backward[::-1]
    assert forward[1] == forward[0] + "-2" and len(set(forward)) == 2


def test_an_article_keeps_the_id_of_its_first_text():
    text_hash = ids.content_hash("Some report.\r\nSecond line.")
    assert text_hash == ids.content_hash("Some report.\nSecond line.")  # line endings do not matter
    assert ids.article_id(text_hash) == text_hash[:12]
