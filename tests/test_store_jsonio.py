"""The store's JSON: the same bytes-on-disk contract with orjson or the standard library."""
from __future__ import annotations

import json

import pytest

from store.db import Store, jsonio


@pytest.mark.parametrize("fast", [True, False], ids=["orjson", "stdlib"])
def test_a_store_written_with_either_parser_reads_back_with_the_other(tmp_path, monkeypatch, fast):
    import store.db.jsonio as module

    if not fast:
        monkeypatch.setattr(module, "orjson", None)
    folder = tmp_path / "store"
    with Store.open_or_build(folder) as st:
        event_id = st.events()[0]["id"]
        st.save_note(event_id, "سيطر تنظيم داعش على معبر الوليد ✓")
    monkeypatch.undo()
    if fast:
        monkeypatch.setattr(module, "orjson", None)
    with Store.open(folder) as st:
        assert st.event(event_id)["note"] == "سيطر تنظيم داعش على معبر الوليد ✓"
    for path in (folder / "corpus").glob("*.json"):
        json.loads(path.read_bytes())  # plain JSON, whichever wrote it


def test_a_note_with_a_lone_surrogate_is_kept_exactly(tmp_path):
    note = "pasted from a broken clipboard: \ud83d end"
    folder = tmp_path / "store"
    with Store.open_or_build(folder) as st:
        event_id = st.events()[0]["id"]
        st.save_note(event_id, note)
    with Store.open(folder) as st:
        assert st.event(event_id)["note"] == note


def test_dumps_and_loads_round_trip():
    data = {"t": {"1": {"text": "Café “quoted” \u202e", "n": 3, "none": None, "yes": True}}}
    assert jsonio.loads(jsonio.dumps(data)) == data
