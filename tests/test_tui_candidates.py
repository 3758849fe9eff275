"""An analyst completes a candidate in the browser: `r` offers it first with what is missing, `a` is
refused until `e` has chosen the actor, and the completed event then shows in the status and the export;
the candidate left alone shows in neither."""
from __future__ import annotations

import json

import pytest

from candidate_report import RABIA, TANF, by_sentence, write_report
from store.status import engine_for
from test_tui_support import browse, build_store, lines, press, reopen
from tui.cli import main
from tui.screens.complete import ActorScreen, actor_options
from tui.widgets.lists import EventList, StatusTable


@pytest.fixture
def candidate_store(tmp_path):
    return build_store(tmp_path / "store", [write_report(tmp_path / "reports")])


def shown(widget) -> str:
    return str(widget.render())


async def test_review_offers_the_candidate_and_e_completes_it(candidate_store, capsys):
    async with browse(candidate_store, size=(80, 24)) as (app, pilot):
        rows = "\n".join(lines(app.screen.query_one(EventList)))
        assert "◌ no actor" in rows, "the list marks a candidate apart from the confident events"
        rabia = by_sentence(app.events.values(), RABIA)["id"]
        app.screen.query_one(EventList).move_to_key(rabia)
        await press(pilot, "a")  # accepting from the list is refused the same way
        assert app.events[rabia]["decision"] is None
        assert any("complete the actor first: e" in str(n.message) for n in app._notifications)
        app.clear_notifications()

        await press(pilot, "r")
        review = app.screen
        assert type(review).__name__ == "ReviewScreen"
        detail = shown(review.query_one("#review-event"))
        assert "CANDIDATE" in detail and "missing: actor" in detail
        assert review.current["id"] == rabia, "candidates come first"
        assert "candidate 1 of 3" in shown(review.query_one("#review-progress"))

        await press(pilot, "a")  # the actor is still missing: refused, and the queue stays put
        assert review.current["id"] == rabia and app.events[rabia]["decision"] is None
        assert any("complete the actor first: e" in str(n.message) for n in app._notifications)

        await press(pilot, "e")
        assert isinstance(app.screen, ActorScreen)
        pmf = [fid for fid, _ in actor_options()].index("pmf")
        await press(pilot, *["down"] * pmf, "enter")
        assert app.screen is review and review.current["id"] != rabia, "completing moves on"
        assert app.events[rabia]["actor"] == "pmf" and app.events[rabia]["decision"] == "accepted"

        await press(pilot, "escape")
        status = app.screen.query_one(StatusTable)
        assert any(p["crossing"] == "rabia" and p["holder"] == "pmf" and rabia in p["events"] for p in status.posts.values())

    with reopen(candidate_store) as store:
        posts = engine_for(store).status()["posts"]
        tanf = by_sentence(store.events(), TANF)["id"]
        assert any(p["holder"] == "pmf" and rabia in p["events"] for p in posts if p["crossing"] == "rabia")
        assert not any(tanf in p["events"] for p in posts), "an unaccepted candidate counts nowhere"
    assert main(["export", "--format", "jsonl", "--store", str(candidate_store)]) == 0
    out, err = capsys.readouterr()
    records = {r["id"]: r for r in map(json.loads, out.splitlines())}
    assert records[rabia]["actor"] == "pmf" and records[rabia]["sentence"] == RABIA
    assert TANF not in {r["sentence"] for r in records.values()}
    assert "left out 1 candidate " in err
