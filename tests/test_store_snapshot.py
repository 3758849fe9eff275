"""The open's snapshot: the same events, order and indexes as from the shards, or not used at all."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from bench.synth import build_store, write_article_files
from store.db import Store
from store.db import snapshot as snap
from store.db import store as store_module
from store.filters import EventFilter


def served(store: Store) -> dict:
    """Everything a reader of the store sees, to compare two opens."""
    events = store.events()
    first = events[0]
    return {
        "order": [e["id"] for e in events],
        "events": [dict(e) for e in events],
        "positions": store.positions(),
        "articles": [dict(a) for a in store.articles()],
        "by_crossing": [e["id"] for e in store.events(EventFilter(crossings=frozenset([first["crossing"]])))],
        "by_article": [e["id"] for e in store.events(EventFilter(article_id=first["article_id"]))],
        "text": [e["id"] for e in store.events(EventFilter(text="border"))],
    }


@pytest.fixture
def big(tmp_path) -> Path:
    """A synthetic store of 120 articles with an analyst's notes, decisions and a corrected date."""
    folder = tmp_path / "store"
    build_store(folder, articles=120).close()
    with Store.open(folder) as store:
        events = store.events()
        store.save_note(events[5]["id"], "checked against the ministry's statement")
        store.decide(events[9]["id"], "rejected")
        store.decide(events[40]["id"], "accepted", {"date": "2001-01-02"})  # moves to the top of the order
        store.decide(events[41]["id"], "accepted", {"crossing": "rabia"})
    return folder


def test_an_open_from_the_snapshot_serves_what_the_shards_do(big):
    with Store.open(big) as store:
        assert not store.from_snapshot
        expected = served(store)
    assert snap.write_snapshot(big)
    with Store.open(big) as store:
        assert store.from_snapshot
        got = served(store)
        assert store.events()[0]["date"] == "2001-01-02"  # the correction moved it, over the snapshot's order
    assert got == expected


def test_the_snapshot_never_holds_notes_or_decisions(big):
    assert snap.write_snapshot(big)
    payload = snap.snapshot_path(big).read_bytes()
    assert b"ministry's statement" not in payload
    with Store.open(big) as store:  # an undo after the snapshot was written is honoured
        store.undo()
        store.undo()
        store.undo()
        store.undo()
    with Store.open(big) as store:
        assert store.from_snapshot
        assert not any(e["note"] or e["decision"] for e in store.events())


def test_an_ingest_makes_the_snapshot_stale_and_the_new_reports_are_served(big, tmp_path):
    assert snap.write_snapshot(big)
    files = write_article_files(tmp_path / "new", count=3)
    with Store.open(big) as store:
        before = store.count()
        store.ingest(files)
        after = store.count()
    assert after > before
    with Store.open(big) as store:
        assert not store.from_snapshot
        assert store.count() == after


@pytest.mark.parametrize("damage", ["truncated", "garbage", "empty", "other format", "other python"])
def test_a_damaged_or_foreign_snapshot_is_ignored(big, damage, monkeypatch):
    with Store.open(big) as store:
        expected = served(store)
    assert snap.write_snapshot(big)
    path = snap.snapshot_path(big)
    data = path.read_bytes()
    if damage == "truncated":
        path.write_bytes(data[: len(data) // 2])
    elif damage == "garbage":
        path.write_bytes(b"\x00\xff not marshal" * 100)
    elif damage == "empty":
        path.write_bytes(b"")
    elif damage == "other format":
        monkeypatch.setattr(snap, "FORMAT", snap.FORMAT + 1)
    else:
        monkeypatch.setattr(snap, "PYTHON", "cpython-399/9")
    shards = {p: p.read_bytes() for p in (big / "corpus").iterdir()}
    with Store.open(big) as store:
        assert not store.from_snapshot
        assert served(store) == expected
    assert {p: p.read_bytes() for p in (big / "corpus").iterdir()} == shards


def test_a_snapshot_of_shards_that_changed_while_read_is_not_written(big, monkeypatch):
    load = snap.Corpus.load

    def load_then_touch(self):
        result = load(self)
        shard = next((big / "corpus").iterdir())
        shard.write_bytes(shard.read_bytes())  # another writer replaced a shard meanwhile
        return result

    monkeypatch.setattr(snap.Corpus, "load", load_then_touch)
    assert not snap.write_snapshot(big)
    assert not snap.snapshot_path(big).exists()


def test_shards_restored_from_a_backup_are_read_not_the_snapshot(big, tmp_path):
    """copy2 writes in place and keeps the backup's older mtime: the stamp still differs."""
    backup = tmp_path / "backup"
    shutil.copytree(big / "corpus", backup)
    with Store.open(big) as store:
        store.ingest(write_article_files(tmp_path / "new", count=4))
    assert snap.write_snapshot(big)
    for shard in backup.iterdir():
        shutil.copy2(shard, big / "corpus" / shard.name)
    with Store.open(big) as store:
        assert not store.from_snapshot
        assert not any("new" in (a["path"] or "") for a in store.articles())


def test_a_big_store_writes_its_snapshot_in_a_child_process(big, monkeypatch):
    monkeypatch.setattr(store_module, "SNAPSHOT_MIN_EVENTS", 10)
    with Store.open(big) as store:
        store.keep_snapshot()
        assert store._snapshot_writer is not None
        assert store._snapshot_writer.wait(timeout=60) == 0
        store.keep_snapshot()  # current now: no second child
        assert store._snapshot_writer.returncode == 0
    with Store.open(big) as store:
        assert store.from_snapshot


def test_small_and_read_only_stores_write_no_snapshot(big, monkeypatch):
    with Store.open(big) as store:  # 120 articles: far below the threshold
        store.keep_snapshot(wait=True)
    assert not snap.snapshot_path(big).exists()
    monkeypatch.setattr(store_module, "SNAPSHOT_MIN_EVENTS", 10)
    with Store.open(big, readonly=True) as store:
        store.keep_snapshot(wait=True)
    assert not snap.snapshot_path(big).exists()


def test_the_ingest_command_leaves_a_current_snapshot(big, tmp_path, monkeypatch, capsys):
    from tui.cli import main

    monkeypatch.setattr(store_module, "SNAPSHOT_MIN_EVENTS", 10)
    files = write_article_files(tmp_path / "new", count=2)
    assert main(["ingest", "--store", str(big), *map(str, files)]) == 0
    with Store.open(big) as store:
        assert store.from_snapshot
        assert {str(f) for f in files} <= {a["path"] for a in store.articles()}
