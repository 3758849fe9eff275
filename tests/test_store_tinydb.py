"""The store's files are TinyDB databases: plain TinyDB opens and queries them."""
from __future__ import annotations

from tinydb import Query, TinyDB
from tinydb.storages import JSONStorage

from store.db import Store
from store.db.storages import AtomicJSONStorage, JsonLinesStorage


def test_plain_tinydb_reads_the_corpus_texts_meta_and_journal(tmp_path):
    folder = tmp_path / "store"
    with Store.open_or_build(folder) as st:
        event = st.events()[0]
        st.save_note(event["id"], "read me with TinyDB")
        article_id = event["article_id"]
    shard = folder / "corpus" / f"{article_id[0]}.json"
    with TinyDB(shard, storage=JSONStorage, access_mode="r") as db:  # TinyDB's own storage
        article = db.table("articles").get(Query().id == article_id)
        events = db.table("events").get(Query().article_id == article_id)["events"]
    assert article["name"] and event["id"] in {e["id"] for e in events}
    with TinyDB(folder / "texts" / f"{article_id[0]}.json", storage=JSONStorage, access_mode="r") as db:
        assert db.table("texts").get(Query().article == article_id)["text"]
    with TinyDB(folder / "store.json", storage=AtomicJSONStorage) as db:
        assert db.table("meta").all()[0]["schema"] >= 1
    db = TinyDB(storage=lambda: JsonLinesStorage(folder / "journal.jsonl", readonly=True))
    notes = db.table("journal").search(Query().kind == "note")
    assert [n["value"] for n in notes] == ["read me with TinyDB"]


def test_tinydb_inserts_through_the_journal_storage_are_appends(tmp_path):
    path = tmp_path / "journal.jsonl"
    db = TinyDB(storage=lambda: JsonLinesStorage(path))
    table = db.table("journal")
    table.insert({"seq": 1, "kind": "note", "event": "e", "value": "one", "prev": None})
    first = path.read_bytes()
    table.insert({"seq": 2, "kind": "note", "event": "e", "value": "two", "prev": "one"})
    assert path.read_bytes().startswith(first) and path.read_bytes().count(b"\n") == 2
