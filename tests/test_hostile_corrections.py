"""Issue 13 item 6: corrections are checked and made safe at the store's boundary (Store.decide):
a value of the wrong shape is refused before a byte is written, and escape sequences, controls
and bidi overrides never reach the panes, the palette, the exports or the Markdown brief."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from store.db import Store, StoreError
from store.export import export
from tests.conftest import ARTICLES
from tests.hostile import forbidden_in

OSC_TITLE = "\x1b]0;pwned\x07"
OSC_CLIPBOARD = "\x1b]52;c;cHduZWQ=\x07"


@pytest.fixture
def built(tmp_path) -> Path:
    folder = tmp_path / "store"
    with Store.open(folder) as store:
        store.ingest(sorted(ARTICLES.glob("*.txt")))
    return folder


def journal_bytes(folder: Path) -> bytes:
    path = folder / "journal.jsonl"
    return path.read_bytes() if path.exists() else b""


@pytest.mark.parametrize("corrections, words", [
    ({"date": 20140622}, "date"),
    ({"date": "22 June 2014"}, "date"),
    ({"date": "2014-02-30"}, "date"),
    ({"actor": ["islamic-state"]}, "actor"),
    ({"side": {"iq": 1}}, "side"),
    ({"crossing": None}, "crossing"),
    ({"hedged": "yes"}, "hedged"),
    ({"type": "exploded"}, "type"),
    ({"type": 3}, "type"),
    ({"source": "x" * 500}, "source"),
    ({"actor": OSC_TITLE}, "actor"),  # nothing left once the escape is removed
    ({"colour": "red"}, "colour"),
])
def test_a_correction_of_the_wrong_shape_is_refused_before_anything_is_written(built, corrections, words):
    with Store.open(built) as store:
        event_id = store.events()[0]["id"]
        before = journal_bytes(built)
        with pytest.raises(StoreError) as caught:
            store.decide(event_id, "accepted", corrections)
        assert isinstance(caught.value, ValueError)  # callers checking arguments catch it too
        message = str(caught.value)
        assert words in message and "\n" not in message and not forbidden_in(message)
        assert journal_bytes(built) == before
        assert store.event(event_id)["decision"] is None
        assert store.wait_ready(10)
    with Store.open(built) as store:  # still opens, still serves
        assert store.event(event_id)["decision"] is None and store.count() > 0


def test_a_good_correction_is_kept_and_the_store_reopens(built):
    with Store.open(built) as store:
        event_id = store.events()[0]["id"]
        store.decide(event_id, "accepted", {"date": "2014-06-22", "hedged": True, "side": "sy", "actor": "ypg"})
    with Store.open(built) as store:
        event = store.event(event_id)
        assert (event["date"], event["hedged"], event["side"], event["actor"]) == ("2014-06-22", True, "sy", "ypg")


@pytest.mark.parametrize("field, hostile, shown", [
    ("actor", f"{OSC_TITLE}Islamic State", "Islamic State"),
    ("actor", f"Islamic{OSC_CLIPBOARD} State\x1b[2J", "Islamic State"),
    ("side", "\u202eqi", "qi"),
    ("side", "iq\u2066", "iq"),
    ("source", "officers\x07\x1b[31m said\u202e", "officers said"),
    ("crossing", "al-\x00waleed", "al-waleed"),
])
def test_escapes_controls_and_bidi_are_stripped_from_corrections(built, field, hostile, shown):
    with Store.open(built) as store:
        event_id = store.events()[0]["id"]
        store.decide(event_id, "accepted", {field: hostile})
        assert store.event(event_id)[field] == shown
        assert not forbidden_in(json.dumps(store.history(event_id), ensure_ascii=False))
    assert not forbidden_in(journal_bytes(built).decode("utf-8"))
    assert "\\u001b" not in journal_bytes(built).decode("utf-8")
    with Store.open(built, readonly=True) as store:
        assert store.event(event_id)[field] == shown
        assert not any(forbidden_in(str(value)) for value in store.values(field))
        for fmt in ("md", "csv", "jsonl"):
            text = export(store, fmt)
            assert not forbidden_in(text), fmt
            assert "u202e" not in text.lower() and "\\u001b" not in text.lower(), fmt


def test_the_markdown_brief_never_carries_a_bidi_override_from_a_corrected_side(built):
    from store.status_brief import render_status_brief

    with Store.open(built) as store:
        for event in store.events()[:10]:
            store.decide(event["id"], "accepted", {"side": "\u202eiq\u202c"})
    with Store.open(built, readonly=True) as store:
        brief = render_status_brief(store)
        assert "\u202e" not in brief and "\u202c" not in brief


def test_an_unsafe_correction_an_older_version_wrote_is_served_made_safe(built):
    with Store.open(built) as store:
        event_id = store.events()[0]["id"]
        store.decide(event_id, "accepted", {"actor": "militants"})
    path = built / "journal.jsonl"
    path.write_text(path.read_text(encoding="utf-8").replace('"militants"', json.dumps(f"{OSC_TITLE}militants\u202e")),
                    encoding="utf-8")
    with Store.open(built, readonly=True) as store:
        assert store.event(event_id)["actor"] == "militants"
        assert set(store.values("actor")) >= {"militants"}
        assert not any(forbidden_in(str(value)) for value in store.values("actor"))


def test_a_correction_of_the_wrong_type_in_the_journal_is_blamed_on_the_journal(built):
    with Store.open(built) as store:
        event_id = store.events()[0]["id"]
        store.decide(event_id, "accepted", {"date": "2014-06-22"})
    path = built / "journal.jsonl"
    path.write_text(path.read_text(encoding="utf-8").replace('"2014-06-22"', "20140622"), encoding="utf-8")
    with pytest.raises(StoreError) as caught:
        Store.open(built)
    message = str(caught.value)
    assert "journal.jsonl" in message and "date" in message and "corpus" not in message


async def test_a_corrected_actor_with_an_osc_sequence_never_reaches_the_palette(built):
    from test_tui_support import browse, press

    with Store.open(built) as store:
        event_id = store.events()[0]["id"]
        store.decide(event_id, "accepted", {"actor": f"{OSC_TITLE}pwned-faction"})
    async with browse(built) as (app, pilot):
        await press(pilot, "ctrl+p", *"Faction: ")
        prompts = []
        for _ in range(40):
            await pilot.pause(0.05)
            commands = app.screen.query_one("CommandList")
            if commands.option_count:
                prompts = [str(commands.get_option_at_index(i).prompt) for i in range(commands.option_count)]
                if any("pwned-faction" in p for p in prompts):
                    break
        assert any("pwned-faction" in p for p in prompts), prompts
        assert not any(forbidden_in(p) for p in prompts)
        assert app.is_running
