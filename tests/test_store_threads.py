"""The browser saves notes while an ingest runs on a worker thread: nothing is lost or mixed up."""
from __future__ import annotations

import json
import threading

from store.db import Store
from store.filters import EventFilter
from store.paths import bundled_articles


def test_notes_saved_during_an_ingest_on_another_thread_all_survive(tmp_path):
    batch = tmp_path / "batch"
    batch.mkdir()
    base = (bundled_articles() / "004_13ff700055651627.txt").read_text(encoding="utf-8")
    for i in range(30):
        (batch / f"r{i:02d}.txt").write_text(base + f"\nUpdate {i}.\n", encoding="utf-8")
    folder = tmp_path / "store"
    st = Store.open_or_build(folder)
    ids = [e["id"] for e in st.events()]
    worker = threading.Thread(target=st.ingest, args=([batch],), kwargs={"progress": None})
    worker.start()
    saved = {}
    i = 0
    while worker.is_alive() or i < 40:
        event_id = ids[i % len(ids)]
        st.save_note(event_id, f"note {i}")
        saved[event_id] = f"note {i}"
        st.events(EventFilter(text="note"))
        i += 1
    worker.join()
    assert len(st.articles()) == 35
    st.close()
    seqs = [json.loads(line)["seq"] for line in (folder / "journal.jsonl").read_text(encoding="utf-8").splitlines()]
    assert seqs == list(range(1, len(seqs) + 1))
    with Store.open(folder) as reopened:
        assert {event_id: reopened.event(event_id)["note"] for event_id in saved} == saved
        noted = {e["id"] for e in reopened.events(EventFilter(text="note "))}
        assert set(saved) <= noted
