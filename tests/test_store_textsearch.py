"""Free-text search: the word index and the typing shortcut never change what is found."""
from __future__ import annotations

import time

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from store.db import Store
from store.db.textindex import TextIndex
from store.filters import EventFilter, fold, matches

SENTENCES = [
    "Militants seized the Al Waleed border post on Monday.",
    "Border guards abandoned al-Qaim – Husaybah, officials said.",
    "Nuri Al Maliki’s spokesman said the crossing at Ceylanpınar was closed.",
    "The Islamic State controls the crossing; border police withdrew.",
    "Kurdish forces reopened Rabia after clashes (AFP).",
    "",
]
OUTLETS = ["Reuters", "The Peninsula (AFP)", "Rudaw", None]


def order_of(count: int) -> list[dict]:
    return [
        {"id": f"e{i}", "sentence": SENTENCES[i % len(SENTENCES)] + (f" Item {i}." if i % 3 else ""),
         "outlet": OUTLETS[i % len(OUTLETS)], "note": "checked by the desk" if i % 7 == 0 else None}
        for i in range(count)
    ]


def reference(order: list[dict], needle: str) -> list[int]:
    return [i for i, event in enumerate(order) if matches(event, EventFilter(text=needle))]


ORDER = order_of(120)
NOTES = {i: fold(e["note"]) for i, e in enumerate(ORDER) if e["note"]}
SCANNING = TextIndex(ORDER)
INDEXED = TextIndex(ORDER)
INDEXED.words = INDEXED.build_words()
FRAGMENTS = st.one_of(
    st.sampled_from(SENTENCES + ["Reuters", "AFP)", "desk", "item 1", "x\x00", "\x00reu"]).flatmap(
        lambda text: st.tuples(st.integers(0, len(text)), st.integers(1, 14)).map(lambda cut: text[cut[0]: cut[0] + cut[1]])
    ),
    st.text(max_size=6),
)


@settings(max_examples=400, deadline=None)
@given(FRAGMENTS)
@example("w.")  # a word ending in "w" that also holds a "w" earlier: "withdrew"
@example("l-qaim – hus")
@example("s (afp")
@example("x\x00")
def test_the_word_index_finds_exactly_what_a_scan_finds(fragment):
    needle = fold(fragment.strip())
    if not needle:
        return
    expected = reference(ORDER, needle)
    assert SCANNING.hits(needle, NOTES) == expected
    assert INDEXED.hits(needle, NOTES) == expected
    # narrowing from any shorter piece of the needle (what typing does) gives the same
    shorter = needle[: max(1, len(needle) // 2)]
    assert INDEXED.hits(needle, NOTES, reference(ORDER, shorter)) == expected
    within = list(range(0, len(ORDER), 5))
    assert INDEXED.hits_within(needle, NOTES, within) == [i for i in expected if i % 5 == 0]


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    st_ = Store.open_or_build(tmp_path_factory.mktemp("textsearch") / "store")
    st_.wait_ready()
    yield st_
    st_.close()


def typed(store, phrase: str, **restrictions) -> None:
    """Type the phrase one key at a time, then delete it again: every step agrees with the rule."""
    steps = [phrase[:k] for k in range(1, len(phrase) + 1)]
    for text in steps + steps[::-1]:
        flt = EventFilter(text=text, **restrictions)
        assert store.events(flt) == [e for e in store.events() if matches(e, flt)], text


@pytest.mark.parametrize("phrase", ["border guards", "al-qaim – husay", "MALIKI'S", "the", "rder po", "(afp)", "ceylanpinar"])
def test_typing_a_search_finds_what_the_rule_finds_at_every_key(store, phrase):
    typed(store, phrase)


def test_typing_within_a_crossing(store):
    typed(store, "the border", crossings={"al-waleed", "rabia"})


def test_a_note_saved_between_keys_is_found_by_the_next_one(store):
    target = store.events()[3]
    assert store.events(EventFilter(text="zebra")) == []
    store.save_note(target["id"], "Zebra-striped barrier seen")
    assert store.events(EventFilter(text="zebra")) == [target]
    assert store.events(EventFilter(text="zebra-s")) == [target]
    store.save_note(target["id"], "")
    assert store.events(EventFilter(text="zebra-s")) == []


def test_the_word_index_comes_back_after_an_ingest(tmp_path):
    from store.paths import bundled_articles

    with Store.open(tmp_path / "store") as st_:
        st_.wait_ready()
        st_.ingest([bundled_articles()])
        flt = EventFilter(text="border")
        assert st_.events(flt) == [e for e in st_.events() if matches(e, flt)]
        deadline = time.monotonic() + 20
        while st_._index.sentences().words is None and time.monotonic() < deadline:
            time.sleep(0.02)
        assert st_._index.sentences().words is not None
        assert st_.events(EventFilter(text="border gu")) == [e for e in st_.events() if matches(e, EventFilter(text="border gu"))]


def test_the_article_index_made_at_open_equals_one_counted_from_the_events(store):
    from store.db.indexes import positions_by_value

    made_at_open = store._index.field("article_id")
    counted = positions_by_value(store._index.order(), "article_id")
    assert {k: list(v) for k, v in made_at_open.items()} == {k: list(v) for k, v in counted.items()}
    some = store.articles()[2]
    assert store.events(EventFilter(article_id=some["id"])) == [e for e in store.events() if e["article_id"] == some["id"]]
