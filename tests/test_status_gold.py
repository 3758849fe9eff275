"""The status gold of the bundled reports (tests/data/status-gold-bundled.json, issue 11 "Done when").

A store is built from data/articles/ by the real extractor in a temporary folder, and every
row of the gold (every post of every crossing the reports name, on six days) is checked:
holder, assumed, since, contested. Each row says why, from the texts.
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from store.db import Store
from store.holding import can_hold
from store.status import engine_for

GOLD = json.loads((Path(__file__).parent / "data" / "status-gold-bundled.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def statuses(tmp_path_factory):
    store = Store.open_or_build(tmp_path_factory.mktemp("gold") / "store")
    try:
        engine = engine_for(store)
        yield {day: {(p["crossing"], p["side"]): p for p in engine.status(day)["posts"]} for day in GOLD["as_of"]}
    finally:
        store.close()


def test_the_gold_covers_every_post_on_at_least_four_days():
    days = {r["as_of"] for r in GOLD["rows"]}
    posts = {(r["crossing"], r["side"]) for r in GOLD["rows"]}
    assert len(days) >= 4
    assert len(GOLD["rows"]) == len(days) * len(posts)  # every post on every day
    assert all(r["why"].strip() for r in GOLD["rows"])
    assert all(can_hold(r["holder"], r["side"]) for r in GOLD["rows"])


def test_the_status_lists_exactly_the_gold_posts(statuses):
    posts = {(r["crossing"], r["side"]) for r in GOLD["rows"]}
    for day, table in statuses.items():
        assert set(table) == posts, day


@pytest.mark.parametrize("row", GOLD["rows"], ids=lambda r: f"{r['as_of']}-{r['crossing']}-{r['side']}")
def test_gold_row(statuses, row):
    post = statuses[row["as_of"]][(row["crossing"], row["side"])]
    got = {k: post[k] for k in ("holder", "assumed", "since", "contested")}
    want = {k: row[k] for k in ("holder", "assumed", "since", "contested")}
    assert got == want, row["why"]
