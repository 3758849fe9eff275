"""Any sequence of notes, decisions, undos and reopenings: the store serves what a simple model says."""
from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import pytest

from store.db import Store
from store.db.corrections import BadCorrection
from store.paths import bundled_articles

REPORT = bundled_articles() / "004_13ff700055651627.txt"

operation = st.one_of(
    st.tuples(st.just("note"), st.integers(0, 5), st.one_of(st.just(""), st.text(max_size=30))),
    st.tuples(st.just("decide"), st.integers(0, 5), st.sampled_from(["accepted", "rejected", None]),
              st.one_of(st.none(), st.dictionaries(st.sampled_from(["actor", "side", "hedged"]),
                                                   st.sampled_from(["pmf", "sy", True, None]), max_size=2))),
    st.tuples(st.just("undo")),
    st.tuples(st.just("reopen")),
)


def refused(corrections: dict | None) -> bool:
    """The store's boundary (store/db/corrections.py): hedged is true or false, actor and side text or nothing."""
    return any(type(v) is not bool if k == "hedged" else not (v is None or isinstance(v, str))
               for k, v in (corrections or {}).items())


def apply_model(model: dict, history: list, op: tuple, raw: dict) -> None:
    """The reference: per event (note, decision, corrections), and a stack of previous states."""
    if op[0] == "reopen":
        return
    if op[0] == "undo":
        if history:
            event_id, state = history.pop()
            model[event_id] = state
        return
    event_id = op[1]
    note, decision, corrections = model.get(event_id, (None, None, {}))
    if op[0] == "note":
        new = (op[2] or None, decision, corrections)
    else:
        kept = corrections if op[3] is None else {k: v for k, v in op[3].items() if raw[event_id].get(k) != v}
        new = (note, op[2], kept)
    if new != (note, decision, corrections):
        history.append((event_id, (note, decision, corrections)))
        model[event_id] = new


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(operation, min_size=1, max_size=15))
def test_served_state_follows_the_model(operations):
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "store"
        store = Store.open(folder)
        store.ingest([REPORT])
        ids = [e["id"] for e in store.events()][:6]
        raw = {i: {k: store.event(event_id)[k] for k in ("actor", "side", "hedged")} for i, event_id in enumerate(ids)}
        model: dict = {}
        history: list = []
        try:
            for op in operations:
                if op[0] == "note":
                    store.save_note(ids[op[1]], op[2])
                elif op[0] == "decide" and refused(op[3]):
                    with pytest.raises(BadCorrection):
                        store.decide(ids[op[1]], op[2], op[3])
                    continue  # nothing written: the model and the store stay as they were
                elif op[0] == "decide":
                    store.decide(ids[op[1]], op[2], op[3])
                elif op[0] == "undo":
                    store.undo()
                else:
                    store.close()
                    store = Store.open(folder)
                apply_model(model, history, op, raw)
                for i, event_id in enumerate(ids):
                    note, decision, corrections = model.get(i, (None, None, {}))
                    served = store.event(event_id)
                    assert (served["note"], served["decision"], served["corrected"]) == (note, decision, corrections), (op, i)
                    for field, value in corrections.items():
                        assert served[field] == value and served["extracted"][field] == raw[i][field]
                    for field in ("actor", "side", "hedged"):
                        if field not in corrections:
                            assert served[field] == raw[i][field]
        finally:
            store.close()
