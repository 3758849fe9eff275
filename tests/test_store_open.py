"""Opening: the fast path serves exactly what the careful one would, and odd files are still refused."""
from __future__ import annotations

import json

import pytest

from store.db import Store, StoreError
from store.db.indexes import sort_key
from store.paths import bundled_articles


@pytest.fixture
def built(tmp_path):
    folder = tmp_path / "store"
    with Store.open(folder) as st:
        st.ingest([bundled_articles()])
    return folder


def test_a_date_corrected_before_the_open_is_sorted_by_the_new_date(built):
    with Store.open(built) as st:
        events = st.events()
        late, early = events[-1], events[0]
        st.decide(late["id"], "accepted", {"date": "1999-01-01"})
        st.save_note(early["id"], "kept in place")
    with Store.open(built) as st:
        events = st.events()
        assert events[0]["id"] == late["id"] and events[0]["date"] == "1999-01-01"
        keys = [sort_key(e)[:3] for e in events]
        assert keys == sorted(keys)
        assert st.event(early["id"])["note"] == "kept in place"


def test_an_event_lacking_a_field_is_served_by_the_careful_path_or_refused(built):
    shard = next(p for p in sorted((built / "corpus").glob("*.json")) if json.loads(p.read_bytes())["events"])
    data = json.loads(shard.read_bytes())
    events = next(iter(data["events"].values()))["events"]
    del events[0]["date"]  # tolerated: served as undated
    shard.write_text(json.dumps(data), encoding="utf-8")
    with Store.open(built) as st:
        served = st.events()
        keys = [sort_key(e)[:3] for e in served]
        assert keys == sorted(keys) and len(served) == st.count()
    del events[0]["start"]  # refused, naming the file
    shard.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(StoreError, match=str(shard.name)):
        Store.open(built)


def test_an_empty_store_opens(tmp_path):
    with Store.open(tmp_path / "empty") as st:
        assert st.events() == [] and st.count() == 0 and st.values("article_id") == {}


def test_indexes_built_in_load_order_equal_those_built_in_sorted_order(built):
    from store.db.indexes import INDEXED, notes_by_position, position_of, positions_by_value
    from store.db.textindex import TextIndex

    with Store.open(built) as st:
        st.save_note(st.events()[7]["id"], "a note to index")
    with Store.open(built) as st:
        st.wait_ready()
        index = st._index
        order = index.order()
        assert index._loaded is not None  # the open's permutation is there to use
        assert index.positions() == position_of(order)
        assert index.sentences().lines == TextIndex(order).lines
        assert index.notes() == notes_by_position(order) and len(index.notes()) == 1
        for name in INDEXED:
            walked_field = positions_by_value(order, name, index._loaded)
            assert {k: list(v) for k, v in walked_field.items()} == {k: list(v) for k, v in positions_by_value(order, name).items()}
