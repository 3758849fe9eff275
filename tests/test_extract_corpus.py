"""The whole bundled corpus, scored against the hand-made gold file (tests/data/gold-seeds.json)."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from store.extract import extract_article
from tests.scoring import score

GOLD = Path(__file__).parent / "data" / "gold-seeds.json"


@pytest.fixture(scope="module")
def tally():
    gold = json.loads(GOLD.read_text(encoding="utf-8"))
    articles = Path(__file__).resolve().parent.parent / "data" / "articles"
    by_file = {}
    for path in sorted(articles.glob("*.txt")):
        result = extract_article(path.read_text(encoding="utf-8"))
        by_file[path.name] = [dict(event, article=str(path)) for event in result.events]
    t, _misses, _extras = score(gold, by_file)
    return t


def test_precision_at_least_0_90(tally):
    assert tally["precision"] >= 0.90


def test_recall_of_easy_events_at_least_0_95(tally):
    assert tally["recall_easy"] >= 0.95


def test_recall_at_least_0_70(tally):
    assert tally["recall"] >= 0.70


def test_date_accuracy_at_least_0_95(tally):
    assert tally["dated"] > 0 and tally["date_accuracy"] >= 0.95


def test_every_bundled_article_has_a_publication_date_and_offsets_that_hold(bundled_articles):
    for path in bundled_articles:
        result = extract_article(path.read_text(encoding="utf-8"))
        assert result.meta["published"]
        for event in result.events:
            assert result.text[event["start"]:event["end"]] == event["sentence"]
