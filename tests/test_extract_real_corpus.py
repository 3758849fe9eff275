"""Extraction scored on real reports written by others (tests/data/corpus/), with the scorer users run.

The corpus is 196 real reports, gold labelled by hand before the extractor ran on them, split once at
random by story into a development half and a test half (split.json); 276 more were collected later
for rule work (gold-extra.json), and 40 fresh ones after session 4's rules (gold-fresh.json), held out like
the test half. Rules are fitted to the development reports only: the test half and the fresh set are
scored to measure. Each floor sits a little under the figure reached, so a change that loses events
on unseen real wording fails here (rerun: `python -m tests.corpus_score test`).
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.corpus_score import CORPUS, extract_half, load_gold
from tests.scoring import fold, score

# half: (precision, recall, recall_easy, date_accuracy) floors; figures reached are in the README
FLOORS = {
    "test": (0.74, 0.36, 0.44, 0.86),  # dates 0.914 -> 0.886 in session 4 as more events matched (31 of 35 right)
    "dev": (0.90, 0.68, 0.84, 0.95),
    "extra": (0.86, 0.62, 0.77, 0.89),  # 276 reports since session 4 (40 Syria- and 40 Iraq-border reports added)
    "fresh": (0.71, 0.48, 0.57, 0.75),  # 40 reports collected after session 4's rules: held out like the test half
}
MIN_DATED = {"fresh": 10}  # events with a gold date the figure rests on


@pytest.fixture(scope="module", params=sorted(FLOORS))
def half(request):
    gold = load_gold(request.param)
    t, _misses, _extras = score(gold, extract_half(gold))
    return request.param, t


def test_real_reports_keep_their_floors(half):
    name, t = half
    precision, recall, recall_easy, dates = FLOORS[name]
    assert t["precision"] >= precision, (name, t["precision"])
    assert t["recall"] >= recall, (name, t["recall"])
    assert t["recall_easy"] >= recall_easy, (name, t["recall_easy"])
    assert t["dated"] >= MIN_DATED.get(name, 20) and t["date_accuracy"] >= dates, (name, t["date_accuracy"])


def test_the_split_is_disjoint_and_covers_the_corpus():
    split = json.loads((CORPUS / "split.json").read_text(encoding="utf-8"))
    gold = json.loads((CORPUS / "gold.json").read_text(encoding="utf-8"))
    files = {a["file"] for a in gold["articles"]}
    assert not set(split["dev"]) & set(split["test"])
    assert set(split["dev"]) | set(split["test"]) == files
    assert len(files) >= 80 and len({a["outlet"] for a in gold["articles"]}) >= 40


@pytest.mark.parametrize("gold_file", ["gold.json", "gold-extra.json", "gold-fresh.json"])
def test_every_gold_snippet_is_in_its_report_and_uses_known_ids(gold_file):
    gazetteer = json.loads((Path(__file__).parent.parent / "data" / "gazetteer.json").read_text(encoding="utf-8"))
    factions = json.loads((Path(__file__).parent.parent / "data" / "factions.json").read_text(encoding="utf-8"))
    crossings = {c["id"] for c in gazetteer["crossings"]}
    ids = {f["id"] for f in factions["factions"]}
    for article in json.loads((CORPUS / gold_file).read_text(encoding="utf-8"))["articles"]:
        text = fold((CORPUS / "texts" / article["file"]).read_text(encoding="utf-8"))
        for event in article["events"]:
            assert fold(event["snippet"]) in text, (article["file"], event["snippet"])
            assert event["crossing"] in crossings and set(event["actors"]) <= ids, (article["file"], event)


def test_offsets_hold_on_every_real_report():
    from store.extract import extract_article

    for path in sorted((CORPUS / "texts").glob("*.txt")):
        result = extract_article(path.read_text(encoding="utf-8"))
        for event in result.events + result.candidates:
            assert result.text[event["start"]:event["end"]] == event["sentence"], path.name
