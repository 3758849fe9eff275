"""Exports as a spreadsheet user meets them: run `crosswatch export`, open the file, read the exit status.

Crossings and factions are given by any of their names (issue 12); the CSV carries names for
people beside the id columns, the post's coordinates, the article's title, outlet, url and date,
and the speaker apart from the outlet; rejected events are left out and said so, or kept on
request; the Markdown brief writes sentences.
"""
from __future__ import annotations

import csv
import io
import json

import pytest

from store.db import Store
from tui.cli import main

REPORT = """---
title: Rebels and jihadists fight for the Iraq-Syria border
source: Border Wire
published: 2015-05-26
url: https://example.org/border-wire/2015/05/26
---
Islamic State fighters captured the Al Waleed border post on Monday, officials said.

The Kurdish People's Protection Units (YPG) control the Al Yarubiyah crossing, a spokesman said.

Militants reportedly hold the Syrian side of the Al Qaim crossing, known as Albu Kamal.
"""


@pytest.fixture(scope="module")
def template(tmp_path_factory):
    """The bundled reports plus one report with a url in its front matter."""
    folder = tmp_path_factory.mktemp("names") / "store"
    report = folder.parent / "border-wire.txt"
    report.write_text(REPORT, encoding="utf-8")
    with Store.open_or_build(folder) as store:
        store.ingest([report])
    return folder


@pytest.fixture
def folder(template, tmp_path):
    import shutil

    target = tmp_path / "store"
    shutil.copytree(template, target, ignore=shutil.ignore_patterns(".lock"))
    return target


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def jsonl(out: str) -> list[dict]:
    return [json.loads(line) for line in out.splitlines()]


def csv_rows(text: str) -> list[dict]:
    return list(csv.DictReader(io.StringIO(text)))


# -- names, not ids, on the command line ------------------------------------------------------

@pytest.mark.parametrize("name", ["YPG", "ypg", "Syrian Democratic Forces", "People's Protection Units", "sdf"])
def test_faction_by_any_of_its_names(folder, capsys, name):
    code, out, err = run(capsys, "export", "--format", "jsonl", "--faction", name, "--store", str(folder))
    records = jsonl(out)
    assert code == 0 and records and {r["actor"] for r in records} == {"sdf"}  # ids stay in JSONL


@pytest.mark.parametrize("name, crossing", [("Al Waleed", "al-waleed"), ("al-waleed", "al-waleed"), ("Tanf", "al-waleed"),
                                            ("abu kamal", "al-qaim"), ("ALBU KAMAL", "al-qaim"), ("Rabia", "rabia")])
def test_crossing_by_any_of_its_or_its_posts_names(folder, capsys, name, crossing):
    code, out, _ = run(capsys, "export", "--format", "csv", "--crossing", name, "--store", str(folder))
    rows = csv_rows(out)
    assert code == 0 and rows and {r["crossing"] for r in rows} == {crossing}


def test_daesh_and_a_crossing_combine(folder, capsys):
    code, out, _ = run(capsys, "export", "--format", "jsonl", "--faction", "Daesh", "--crossing", "Al Qaim", "--store", str(folder))
    records = jsonl(out)
    assert code == 0 and records and all((r["actor"], r["crossing"]) == ("islamic-state", "al-qaim") for r in records)


@pytest.mark.parametrize("option, value, known", [("--faction", "Hamas", "Islamic State"), ("--crossing", "Erbil", "Al Waleed / Al Tanf")])
def test_an_unknown_name_is_refused_with_the_known_ones(folder, tmp_path, capsys, option, value, known):
    target = tmp_path / "out.csv"
    code, out, err = run(capsys, "export", "--format", "csv", option, value, "-o", str(target), "--store", str(folder))
    assert code == 2 and out == "" and not target.exists()  # no empty file, no exit 0
    lines = err.strip().splitlines()
    assert len(lines) == 1 and repr(value) in lines[0] and known in lines[0] and "known" in lines[0]


# -- the CSV a spreadsheet user wants ---------------------------------------------------------

def test_csv_has_names_ids_coordinates_article_and_speaker_columns(folder, capsys):
    code, out, err = run(capsys, "export", "--format", "csv", "--store", str(folder))
    assert code == 0
    rows = csv_rows(out)
    for column in ("hedged", "article_title", "outlet", "speaker", "url", "published", "latitude", "longitude",
                   "actor1", "actor1_id", "location", "crossing", "side"):
        assert column in rows[0], column
    assert "source" not in rows[0]  # split into outlet and speaker

    wire = [r for r in rows if r["outlet"] == "Border Wire"]
    capture = next(r for r in wire if r["event_type"] == "captured")
    assert capture["article_title"] == "Rebels and jihadists fight for the Iraq-Syria border"
    assert capture["url"] == "https://example.org/border-wire/2015/05/26" and capture["published"] == "2015-05-26"
    assert (capture["actor1"], capture["actor1_id"]) == ("Islamic State", "islamic-state")
    assert (capture["location"], capture["crossing"], capture["side"]) == ("Al Waleed (Iraq)", "al-waleed", "iq")
    assert (capture["latitude"], capture["longitude"], capture["geo_precision"]) == ("33.39", "38.79", "1")  # the gazetteer's post
    assert capture["speaker"] == "officials" and capture["hedged"] == "false"

    ypg = next(r for r in wire if r["actor1_id"] == "sdf")
    assert ypg["actor1"] == "People's Protection Units (YPG)"  # named as on its day: the SDF came in October 2015
    hedged = next(r for r in wire if r["crossing"] == "al-qaim")
    assert hedged["hedged"] == "true" and hedged["location"] == "Albu Kamal (Syria)"

    no_side = next(r for r in rows if r["crossing"] == "al-waleed" and not r["side"])
    assert no_side["location"] == "Al Waleed / Al Tanf" and no_side["geo_precision"] == "2"  # the crossing: between its posts
    assert 33.39 <= float(no_side["latitude"]) <= 33.5 and 38.66 <= float(no_side["longitude"]) <= 38.79
    early = next(r for r in rows if r["actor1_id"] == "islamic-state" and r["event_date"] == "2014-06-22")
    assert early["actor1"] == "ISIS (Islamic State of Iraq and al-Sham)"


def test_rejected_events_are_left_out_and_said_so_or_kept_on_request(folder, tmp_path, capsys):
    with Store.open(folder) as store:
        rejected = [e for e in store.events() if not e.get("candidate")][:2]
        for event in rejected:
            store.decide(event["id"], "rejected")
    target = tmp_path / "events.csv"
    code, out, err = run(capsys, "export", "--format", "csv", "-o", str(target), "--store", str(folder))
    ids = {r["event_id"] for r in csv_rows(target.read_text(encoding="utf-8"))}
    assert code == 0 and ids and not ids & {e["id"] for e in rejected}
    assert "left out 2 rejected events (--include-rejected keeps them)" in err

    code, out, err = run(capsys, "export", "--format", "csv", "--include-rejected", "-o", str(target), "--store", str(folder))
    rows = {r["event_id"]: r for r in csv_rows(target.read_text(encoding="utf-8"))}
    assert code == 0 and all(rows[e["id"]]["decision"] == "rejected" for e in rejected)
    assert "rejected" not in err


# -- the Markdown brief writes sentences ----------------------------------------------------------

def test_markdown_brief_writes_sentences_a_person_would(folder, capsys):
    code, out, _ = run(capsys, "export", "--format", "md", "--store", str(folder))
    assert code == 0
    events = out[out.index("# Events by crossing"):]
    assert "holds by" not in events and " by Militants" not in events
    assert "Islamic State captured the Iraqi post (Al Waleed), according to officials." in events
    assert "Militants reportedly hold the Syrian post (Albu Kamal)." in events
    assert "YPG holds the Syrian post (Al Yarubiyah), according to a spokesman." in events
    assert "Militants hold the crossing." in events  # "The two other official crossings ... with militants holding the first"
    assert "## Al Waleed / Al Tanf" in events and "islamic-state" not in events and "al-waleed" not in events


# -- `crosswatch status` and `crosswatch extract` tables are for people -------------------------------

def test_status_table_names_posts_and_holders_as_of_its_day(folder, capsys):
    code, out, _ = run(capsys, "status", "--as-of", "2014-06-24", "--store", str(folder))
    table = out.splitlines()
    assert code == 0 and table[1].split()[:3] == ["crossing", "post", "holder"]
    waleed = next(line for line in table if "Al Waleed (Iraq)" in line)
    assert waleed.startswith("Al Waleed / Al Tanf") and "ISIS (Islamic State of Iraq and al-Sham)" in waleed  # before 29 June 2014
    tanf = next(line for line in table if "Al Tanf (Syria)" in line)
    assert tanf.startswith(" ") and "Syrian government forces (assumed)" in tanf  # the crossing named once
    assert not [i for i in ("islamic-state", "al-waleed", "syria-gov", " iq ", " sy ") if i in out]
    code, out, _ = run(capsys, "status", "--format", "json", "--store", str(folder))
    posts = json.loads(out)["posts"]
    assert {p["crossing"] for p in posts} >= {"al-waleed", "al-qaim"} and all(p["side"] in {"iq", "sy", "jo"} for p in posts)


def test_extract_table_names_actor_and_post(tmp_path, capsys):
    report = tmp_path / "wire.txt"
    report.write_text(REPORT, encoding="utf-8")
    code, out, _ = run(capsys, "extract", str(report), "--format", "table")
    assert code == 0 and "Al Waleed (Iraq)" in out and "Islamic State" in out and "People's Protection" in out
    assert "al-waleed" not in out and "islamic-state" not in out and "sdf" not in out
    code, out, _ = run(capsys, "extract", str(report))
    assert {json.loads(line)["actor"] for line in out.splitlines()} >= {"islamic-state", "sdf"}  # JSONL: ids
