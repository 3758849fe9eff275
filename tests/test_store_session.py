"""An analyst's session with the store: first run, notes, decisions, undo, history, reopening."""
from __future__ import annotations

import pytest

from store.db import Store, StoreError, StoreLocked
from store.filters import EventFilter
from store.paths import bundled_articles


@pytest.fixture
def store(tmp_path):
    st = Store.open_or_build(tmp_path / "store")
    yield st
    st.close()


def test_first_run_builds_the_store_from_the_bundled_reports(store):
    names = sorted(a["name"] for a in store.articles())
    assert names == sorted(p.name for p in bundled_articles().glob("*.txt"))
    events = store.events()
    assert events, "the bundled reports hold events"
    assert all(e["article_id"] in {a["id"] for a in store.articles()} for e in events)
    first = events[0]
    for field in ("id", "type", "actor", "crossing", "sentence", "start", "end", "extractor", "published", "outlet",
                  "note", "decision", "corrected", "extracted", "article"):
        assert field in first, field
    article = store.article(first["article_id"])
    assert article["text"][first["start"]:first["end"]] == first["sentence"]


def test_articles_serve_their_text_lazily(store):
    record = store.articles()[0]
    assert "text" not in dict(record)  # metadata only until asked
    assert record["text"] == store.article_text(record["id"]) == record.get("text")
    assert len(record["text"]) > 100


def test_second_open_does_not_rebuild(tmp_path):
    folder = tmp_path / "store"
    Store.open_or_build(folder).close()
    st = Store.open_or_build(folder)
    try:
        assert len(st.articles()) == 5 and st.meta.get("seeded") is True
    finally:
        st.close()


def test_events_are_sorted_by_day_article_and_place(store):
    keys = [(e["date"] or e["published"] or "\uffff", e["article"], e["start"]) for e in store.events()]
    assert keys == sorted(keys)


def test_a_note_is_saved_served_searched_and_kept_after_reopening(tmp_path):
    folder = tmp_path / "store"
    st = Store.open_or_build(folder)
    event = st.events()[3]
    st.save_note(event["id"], "Confirmed by a second officer; see the AFP wire.")
    assert st.event(event["id"])["note"].startswith("Confirmed")
    assert [e["id"] for e in st.events(EventFilter(text="second officer"))] == [event["id"]]
    st.close()
    st = Store.open(folder)
    try:
        assert st.event(event["id"])["note"] == "Confirmed by a second officer; see the AFP wire."
        assert [e["id"] for e in st.events(EventFilter(text="SECOND OFFICER"))] == [event["id"]]
    finally:
        st.close()


def test_a_correction_is_an_overlay_served_in_the_corrected_view(store):
    event = next(e for e in store.events() if e["crossing"] != "rabia" and e["actor"] != "pmf")
    raw_actor, raw_crossing = event["actor"], event["crossing"]
    store.decide(event["id"], "accepted", {"actor": "pmf", "crossing": "rabia"})
    served = store.event(event["id"])
    assert (served["actor"], served["crossing"], served["decision"]) == ("pmf", "rabia", "accepted")
    assert served["corrected"] == {"actor": "pmf", "crossing": "rabia"}
    assert served["extracted"] == {"actor": raw_actor, "crossing": raw_crossing}
    assert event["id"] in {e["id"] for e in store.events(EventFilter(crossings={"rabia"}, factions={"pmf"}))}
    assert event["id"] not in {e["id"] for e in store.events(EventFilter(crossings={raw_crossing}))}


def test_a_correction_back_to_the_extracted_value_is_no_correction(store):
    event = store.events()[0]
    store.decide(event["id"], None, {"actor": event["actor"]})
    assert store.event(event["id"])["corrected"] == {}


def test_decisions_keep_earlier_corrections_unless_replaced(store):
    event = store.events()[1]
    side = "sy" if event["side"] != "sy" else "iq"
    store.decide(event["id"], None, {"side": side})
    store.decide(event["id"], "accepted")
    assert store.event(event["id"])["corrected"] == {"side": side}
    store.decide(event["id"], "rejected", {})
    assert store.event(event["id"])["corrected"] == {} and store.event(event["id"])["decision"] == "rejected"


def test_a_correction_of_the_date_moves_the_event_in_the_order(store):
    event = store.events()[0]
    store.decide(event["id"], None, {"date": "2099-01-01"})
    assert store.events()[-1]["id"] == event["id"] or store.events()[-1]["date"] is None
    keys = [(e["date"] or e["published"] or "\uffff", e["article"], e["start"]) for e in store.events()]
    assert keys == sorted(keys)


def test_bad_decisions_and_fields_are_refused(store):
    event_id = store.events()[0]["id"]
    with pytest.raises(ValueError):
        store.decide(event_id, "maybe")
    with pytest.raises(ValueError):
        store.decide(event_id, "accepted", {"sentence": "rewritten"})
    with pytest.raises(KeyError):
        store.save_note("no-such-event", "x")


def test_a_note_on_an_event_that_is_gone_is_refused_in_one_line_and_nothing_is_written(store):
    """A re-read can remove the event under the analyst's cursor: a StoreError, which the browser says, not a crash."""
    from store.db import StoreError

    store.save_note(store.events()[0]["id"], "an earlier note")
    journal = (store.folder / "journal.jsonl").read_bytes()
    with pytest.raises(StoreError) as refused:
        store.save_note("gone-after-a-re-read", "checked")
    assert "gone-after-a-re-read" in str(refused.value) and "\n" not in str(refused.value)
    assert (store.folder / "journal.jsonl").read_bytes() == journal


def test_history_lists_every_change_with_time_and_analyst_and_undo_walks_back(store):
    event_id = store.events()[2]["id"]
    store.save_note(event_id, "first thought")
    store.save_note(event_id, "second thought")
    store.decide(event_id, "rejected")
    history = store.history(event_id)
    assert [(h["kind"], h["value"]) for h in history] == [
        ("note", "first thought"), ("note", "second thought"), ("decision", {"decision": "rejected", "corrections": {}}),
    ]
    assert all(h["analyst"] == "test-analyst" and h["at"].endswith("Z") for h in history)
    assert store.undo()["kind"] == "undo"
    assert store.event(event_id)["decision"] is None and store.event(event_id)["note"] == "second thought"
    store.undo()
    assert store.event(event_id)["note"] == "first thought"
    store.undo()
    assert store.event(event_id)["note"] is None
    assert store.undo() is None
    assert [h["kind"] for h in store.history(event_id)] == ["note", "note", "decision", "undo", "undo", "undo"]


def test_undo_survives_reopening(tmp_path):
    folder = tmp_path / "store"
    st = Store.open_or_build(folder)
    event_id = st.events()[0]["id"]
    st.save_note(event_id, "one")
    st.save_note(event_id, "two")
    st.close()
    st = Store.open(folder)
    try:
        st.undo()
        assert st.event(event_id)["note"] == "one"
    finally:
        st.close()


def test_an_empty_note_removes_the_note_but_not_its_history(store):
    event_id = store.events()[0]["id"]
    store.save_note(event_id, "temporary")
    store.save_note(event_id, "")
    assert store.event(event_id)["note"] is None
    assert [h["value"] for h in store.history(event_id)] == ["temporary", None]
    assert store.save_note(event_id, None) is None  # nothing changed, nothing appended


def test_a_second_opener_is_read_only_and_says_so(tmp_path):
    folder = tmp_path / "store"
    first = Store.open_or_build(folder)
    try:
        second = Store.open(folder)
        try:
            assert second.readonly and "another" in second.readonly_reason
            event_id = second.events()[0]["id"]
            with pytest.raises(StoreLocked, match="read-only"):
                second.save_note(event_id, "x")
            with pytest.raises(StoreError):
                second.ingest([bundled_articles()])
            assert not first.readonly
            first.save_note(event_id, "the first window writes")
        finally:
            second.close()
    finally:
        first.close()
    reopened = Store.open(folder)
    try:
        assert not reopened.readonly
    finally:
        reopened.close()


def test_values_count_events_per_field(store):
    crossings = store.values("crossing")
    assert sum(crossings.values()) == store.count()
    assert crossings["al-waleed"] == len(store.events(EventFilter(crossings={"al-waleed"})))


def test_the_analyst_name_comes_from_the_user_config(tmp_path, monkeypatch):
    import json

    config = tmp_path / "user-config"
    config.mkdir(exist_ok=True)
    (config / "config.json").write_text(json.dumps({"analyst": "R. Analyst"}), encoding="utf-8")
    monkeypatch.setenv("CROSSWATCH_CONFIG", str(config))
    st = Store.open_or_build(tmp_path / "store")
    try:
        event_id = st.events()[0]["id"]
        st.save_note(event_id, "signed")
        assert st.history(event_id)[-1]["analyst"] == "R. Analyst"
    finally:
        st.close()
