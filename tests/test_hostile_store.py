"""Broken store files, crashes, a full disk and a second window: refused or survived, never lost.

Each store file is damaged in each way an analyst's disk can damage it; the store must refuse
it with a message naming the file and leave every byte as it was.
"""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from store.db import Store, StoreError
from tests.conftest import ARTICLES

REPORTS = sorted(ARTICLES.glob("*.txt"))


def snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def store_files(folder: Path) -> list[Path]:
    """The data files of a store (not its lock or temporary files)."""
    return [p for p in sorted(folder.rglob("*")) if p.is_file() and p.suffix in (".json", ".jsonl")]


@pytest.fixture(scope="module")
def built_store(tmp_path_factory) -> Path:
    """A real store from the bundled reports, with a note and a decision in its journal."""
    folder = tmp_path_factory.mktemp("built") / "store"
    st = Store.open(folder)
    try:
        st.ingest(REPORTS)
        events = st.events()
        st.save_note(events[0]["id"], "checked against the AFP wire")
        st.decide(events[1]["id"], "accepted")
    finally:
        st.close()
    return folder


@pytest.fixture
def store_copy(built_store, tmp_path) -> Path:
    copy = tmp_path / "store"
    shutil.copytree(built_store, copy)
    return copy


def use_everything(folder: Path) -> None:
    """Open the store and read all it serves, article texts included, then try to write."""
    st = Store.open(folder)
    try:
        for article in st.articles():
            st.article(article["id"])
        events = st.events()
        st.orphaned_notes()
        if events and not st.readonly:
            st.save_note(events[0]["id"], "a note written after the damage")
    finally:
        st.close()


def truncated(raw: bytes) -> bytes:
    return raw[: len(raw) // 2]


def not_json(raw: bytes) -> bytes:
    return b"<html><body>502 Bad Gateway</body></html>\n"


def wrong_shape(raw: bytes) -> bytes:
    return b'[{"id": 1}, 2, "three"]'


def wrong_documents(raw: bytes) -> bytes:
    tables = json.loads(raw)
    return json.dumps({name: {"1": {"unexpected": True}} for name in tables}).encode()


def deeply_nested(raw: bytes) -> bytes:
    return b'{"articles": ' + b"[" * 200_000 + b"]" * 200_000 + b"}"


def binary_garbage(raw: bytes) -> bytes:
    return bytes(range(256)) * 4


DAMAGES = {
    "truncated": truncated, "not JSON": not_json, "wrong shape": wrong_shape, "wrong documents": wrong_documents,
    "deeply nested": deeply_nested, "binary garbage": binary_garbage,
}


def test_the_built_store_has_the_files_these_tests_damage(built_store):
    names = {p.name for p in store_files(built_store)}
    assert "store.json" in names and "journal.jsonl" in names
    assert len(names) >= 4, names


@pytest.mark.parametrize("label", list(DAMAGES))
def test_every_damaged_json_file_is_refused_by_name_and_left_untouched(built_store, tmp_path, label):
    damage = DAMAGES[label]
    cases = [p for p in store_files(built_store) if p.suffix == ".json"]
    assert cases
    for original in cases:
        rel = original.relative_to(built_store)
        folder = tmp_path / f"{label}-{str(rel).replace('/', '_')}"
        shutil.copytree(built_store, folder)
        target = folder / rel
        target.write_bytes(damage(target.read_bytes()))
        before = snapshot(folder)
        with pytest.raises(StoreError) as caught:
            use_everything(folder)
        message = str(caught.value)
        assert rel.name in message and "\n" not in message, (rel, message)
        after = snapshot(folder)
        assert {k: v for k, v in after.items() if k in before} == before, f"{rel} ({label}) was changed"


def test_store_from_a_newer_schema_is_refused_and_left_untouched(store_copy):
    meta = store_copy / "store.json"
    data = json.loads(meta.read_bytes())
    for doc in data["meta"].values():
        doc["schema"] = 999
    meta.write_text(json.dumps(data))
    before = snapshot(store_copy)
    with pytest.raises(StoreError) as caught:
        Store.open(store_copy)
    assert "store.json" in str(caught.value) and "newer" in str(caught.value)
    assert snapshot(store_copy) == before


def test_journal_line_that_is_not_json_is_refused(store_copy):
    journal = store_copy / "journal.jsonl"
    journal.write_bytes(b"not json at all\n" + journal.read_bytes())
    before = snapshot(store_copy)
    with pytest.raises(StoreError) as caught:
        use_everything(store_copy)
    assert "journal.jsonl" in str(caught.value)
    assert snapshot(store_copy) == before


def test_journal_line_of_the_wrong_shape_is_refused(store_copy):
    journal = store_copy / "journal.jsonl"
    journal.write_bytes(journal.read_bytes() + b'[1, 2, 3]\n{"seq": "x"}\n')
    before = snapshot(store_copy)
    with pytest.raises(StoreError) as caught:
        use_everything(store_copy)
    assert "journal.jsonl" in str(caught.value)
    assert snapshot(store_copy) == before


def test_deeply_nested_journal_line_is_refused(store_copy):
    journal = store_copy / "journal.jsonl"
    journal.write_bytes(journal.read_bytes() + b"[" * 200_000 + b"]" * 200_000 + b"\n")
    before = snapshot(store_copy)
    with pytest.raises(StoreError) as caught:
        use_everything(store_copy)
    assert "journal.jsonl" in str(caught.value)
    assert snapshot(store_copy) == before


def test_truncated_journal_keeps_every_whole_entry_and_sets_the_torn_one_aside(store_copy):
    """A journal cut mid-line is what a crash leaves: whole entries are served, the torn bytes kept."""
    journal = store_copy / "journal.jsonl"
    raw = journal.read_bytes()
    journal.write_bytes(raw + b'{"seq": 999, "kind": "note", "ev')
    st = Store.open(store_copy)
    try:
        noted = [e for e in st.events() if e["note"]]
        assert [e["note"] for e in noted] == ["checked against the AFP wire"]
    finally:
        st.close()
    torn = [p for p in store_copy.iterdir() if p.name.startswith("journal.jsonl.torn")]
    assert torn and torn[0].read_bytes() == b'{"seq": 999, "kind": "note", "ev'


def test_ingest_into_a_store_with_a_damaged_text_file_does_not_overwrite_it(store_copy, tmp_path):
    texts = sorted((store_copy / "texts").glob("*.json")) if (store_copy / "texts").is_dir() else []
    if not texts:
        pytest.skip("this store keeps no separate text files")
    for path in texts:
        path.write_bytes(not_json(b""))
    before = snapshot(store_copy)
    fresh = tmp_path / "fresh"
    fresh.mkdir()
    for i, report in enumerate(REPORTS):
        (fresh / f"variant-{i}.txt").write_text(report.read_text(encoding="utf-8") + f"\nEdited copy {i}.\n", encoding="utf-8")
    with pytest.raises(StoreError):
        st = Store.open(store_copy)
        try:
            st.ingest(sorted(fresh.iterdir()))
            for article in st.articles():
                st.article(article["id"])
        finally:
            st.close()
    after = snapshot(store_copy)
    for name in (k for k in before if k.startswith("texts")):
        assert after[name] == before[name], name


def test_cli_names_the_damaged_file_in_one_line(store_copy, capsys):
    from tui.cli import main

    (store_copy / "store.json").write_bytes(b"{ this is not json")
    before = snapshot(store_copy)
    code = main(["export", "--store", str(store_copy), "--format", "jsonl"])
    out, err = capsys.readouterr()
    assert code != 0
    said = [line for line in (out + err).splitlines() if "store.json" in line]
    assert said and "Traceback" not in out + err
    assert snapshot(store_copy) == before


# ---- notes that are big, hostile or in another script --------------------------------------


@pytest.mark.parametrize(
    "note",
    [
        pytest.param("x" * 1_000_000 + " end of a one-megabyte note", id="1MB"),
        pytest.param("[bold red]not bold[/] [link=file:///etc/passwd]x[/] [@click=app.quit]q[/]", id="markup"),
        pytest.param("سيطر تنظيم داعش على معبر الوليد الحدودي يوم الأحد، حسب ضابطين\u200f.", id="arabic"),
        pytest.param("line one\n\tline two — “quoted” ✓", id="multiline"),
    ],
)
def test_note_is_saved_and_served_as_written(store_copy, note):
    st = Store.open(store_copy)
    event_id = st.events()[2]["id"]
    st.save_note(event_id, note)
    st.close()
    st = Store.open(store_copy)
    try:
        assert st.event(event_id)["note"] == note
    finally:
        st.close()


def test_note_with_escapes_is_kept_and_served_neutralised_or_as_written(store_copy):
    from store.sanitize import safe_text

    note = "seen\x1b[2J\x1b]52;c;cHduZWQ=\x07 on video\x00\u202e"
    st = Store.open(store_copy)
    event_id = st.events()[2]["id"]
    st.save_note(event_id, note)
    st.close()
    st = Store.open(store_copy)
    try:
        assert st.event(event_id)["note"] in (note, safe_text(note))
    finally:
        st.close()
