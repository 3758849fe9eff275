"""Any sequence of note saves, re-ingests (of the same or an edited report) and reopenings loses no note."""
from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from store.db import Store
from tests.conftest import ARTICLES

BASE = (ARTICLES / "004_13ff700055651627.txt").read_text(encoding="utf-8")
OTHER = ARTICLES / "003_b4b07374c830938f.txt"
FIRST_CLAIM = (
    "Baghdad: Sunni Arab militants have seized the Al Waleed border post between Iraq and Syria, "
    "officers said yesterday, meaning that all crossings between the neighbouring countries are now "
    "outside government control."
)
VERSIONS = {
    "as published": BASE,
    "first claim cut": BASE.replace(FIRST_CLAIM, ""),
    "correction appended": BASE + "\nCorrection: the Rabia crossing was closed by Kurdish forces on Monday.\n",
}

note_text = st.text(min_size=1, max_size=40).filter(str.strip)
operation = st.one_of(
    st.tuples(st.just("note"), st.integers(0, 50), note_text),
    st.tuples(st.just("ingest"), st.sampled_from(sorted(VERSIONS))),
    st.tuples(st.just("reopen")),
)


def served_notes(store: Store) -> dict[str, str]:
    """Every note the store serves: on live events and as orphans."""
    notes = {e["id"]: e["note"] for e in store.events() if e["note"] is not None}
    for orphan in store.orphaned_notes():
        key = orphan.get("event_id") or orphan.get("event") or orphan.get("id")
        notes.setdefault(key, orphan.get("note") if "note" in orphan else orphan.get("text"))
    return notes


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(operation, min_size=1, max_size=12))
def test_no_sequence_of_saves_and_reingests_loses_a_note(operations):
    with tempfile.TemporaryDirectory() as tmp:
        report = Path(tmp) / "report.txt"
        report.write_text(BASE, encoding="utf-8")
        folder = Path(tmp) / "store"
        store = Store.open(folder)
        store.ingest([report, OTHER])
        expected: dict[str, str] = {}
        try:
            for op in operations:
                if op[0] == "note":
                    events = store.events()
                    if not events:
                        continue
                    event_id = events[op[1] % len(events)]["id"]
                    store.save_note(event_id, op[2])
                    expected[event_id] = op[2]
                elif op[0] == "ingest":
                    report.write_text(VERSIONS[op[1]], encoding="utf-8")
                    store.ingest([report])
                else:
                    store.close()
                    store = Store.open(folder)
                served = served_notes(store)
                for event_id, note in expected.items():
                    assert served.get(event_id) == note, (op, event_id)
        finally:
            store.close()
