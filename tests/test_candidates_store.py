"""Candidates in the store: stored marked beside the events, kept out of status and exports until an
analyst completes and accepts them, and their notes and completion kept across re-reading."""
from __future__ import annotations

import json

import pytest

from candidate_report import RABIA, TANF, by_sentence, write_report
from store import ids, reread
from store.asof import change_dates
from store.counted import counts, open_candidate, stands, still_missing
from store.db import Store
from store.db.records import raw_fields
from store.db.snapshot import write_snapshot
from store.export import export, left_out
from store.incidents import incident_index
from store.status import compute_status, engine_for
from tui.cli import main


@pytest.fixture
def folder(tmp_path):
    write_report(tmp_path / "reports")
    folder = tmp_path / "store"
    with Store.open(folder) as st:
        summary = st.ingest([tmp_path / "reports"])
    assert "1 events stored and 2 candidates for review" in summary.lines()[0]
    return folder


def test_candidates_are_stored_marked_with_stable_ids_beside_the_events(folder):
    with Store.open(folder, readonly=True) as st:
        events = st.events()
        rabia, tanf = by_sentence(events, RABIA), by_sentence(events, TANF)
        assert rabia["candidate"] is True and rabia["missing"] == ["actor"] and rabia["confidence"] == 0.5
        assert rabia["actor"] is None and rabia["crossing"] == "rabia" and rabia["type"] == "captured"
        event = next(e for e in events if not e.get("candidate"))
        assert "candidate" not in event, "events keep their stored shape"
        article = st.articles()[0]
        assert article["n_events"] == 3, "the article's count is of what its list shows, candidates too"
        stored = [{k: e.get(k) for k in ("sentence", "type", "crossing", "start", "end")} for e in (event, rabia, tanf)]
        assert [event["id"], rabia["id"], tanf["id"]] == ids.event_ids(article["id"], stored)


def test_an_open_candidate_counts_nowhere_and_a_completed_accepted_one_everywhere(folder):
    with Store.open(folder) as st:
        rabia = by_sentence(st.events(), RABIA)["id"]
        engine = engine_for(st)
        assert not any(rabia in p["events"] for p in engine.status()["posts"])
        assert "2016-03-02" not in change_dates(st.events())
        assert json.loads(export(st, "jsonl").splitlines()[0])["sentence"] not in (RABIA, TANF)
        assert left_out(st) == {"rejected": 0, "candidates": 2}

        st.decide(rabia, "accepted")  # through the API, with no actor: still open
        assert open_candidate(st.event(rabia)) and not counts(st.event(rabia))
        st.decide(rabia, None, {"actor": "pmf"})  # completed but not accepted: still open
        assert still_missing(st.event(rabia)) == [] and not counts(st.event(rabia))
        st.decide(rabia, "accepted", {"actor": "pmf"})
        event = st.event(rabia)
        assert counts(event) and stands(event) and event["corrected"] == {"actor": "pmf"}

        engine.replace(event)
        rabia_posts = [p for p in engine.status()["posts"] if p["crossing"] == "rabia"]
        assert any(p["holder"] == "pmf" and rabia in p["events"] for p in rabia_posts)
        assert engine.status() == compute_status(st.events(), st.articles())  # the fast path agrees
        assert "2016-03-02" in change_dates(st.events())
        assert rabia in incident_index(st.events())
        exported = [json.loads(line) for line in export(st, "jsonl").splitlines()]
        record = next(r for r in exported if r["id"] == rabia)
        assert record["actor"] == "pmf" and record["candidate"] is True and record["decision"] == "accepted"
        assert TANF not in {r["sentence"] for r in exported}
        assert left_out(st) == {"rejected": 0, "candidates": 1}


def test_rejecting_a_candidate_keeps_it_out_even_with_include_rejected(folder):
    with Store.open(folder) as st:
        tanf = by_sentence(st.events(), TANF)["id"]
        st.decide(tanf, "rejected")
        assert TANF not in export(st, "jsonl", include_rejected=True)
        assert left_out(st, include_rejected=True) == {"rejected": 0, "candidates": 2}


def test_note_and_completion_survive_ingesting_the_changed_file_and_a_reread(folder, tmp_path, monkeypatch):
    with Store.open(folder) as st:
        rabia = by_sentence(st.events(), RABIA)["id"]
        st.save_note(rabia, "PMF units, per a local source.")
        st.decide(rabia, "accepted", {"actor": "pmf"})
    write_report(tmp_path / "reports", extra="\nThe weather was mild.\n")  # same file, changed: re-extracted
    with Store.open(folder) as st:
        summary = st.ingest([tmp_path / "reports"])
        assert len(summary.updated) == 1 and summary.orphaned == 0
        monkeypatch.setattr(reread, "EXTRACTOR_VERSION", "99.0")  # the next extractor re-reads from the stored text
        assert len(reread.reread_stale(st, workers=1).reread) == 1
    with Store.open(folder, readonly=True) as st:
        event = st.event(rabia)
        assert event["candidate"] is True and event["note"] == "PMF units, per a local source."
        assert event["actor"] == "pmf" and event["decision"] == "accepted" and counts(event)
        assert st.orphaned_notes() == []


def test_candidates_survive_another_article_written_to_their_shard(folder, tmp_path):
    with Store.open(folder) as st:
        shard = st.articles()[0]["id"][0]
        other = tmp_path / "more" / "other.txt"
        other.parent.mkdir()
        for n in range(400):  # a text whose id lands in the same shard file
            text = f"Report {n}. Islamic State fighters attacked the Rabia crossing on May 1, 2016.\n"
            if ids.article_id(ids.content_hash(text))[0] == shard:
                break
        other.write_text(text, encoding="utf-8")
        st.ingest([other])
        assert len(st.articles()) == 2
        assert raw_fields(by_sentence(st.events(), RABIA))["candidate"] is True
    with Store.open(folder, readonly=True) as st:
        assert by_sentence(st.events(), RABIA)["missing"] == ["actor"]


def test_the_snapshot_carries_the_marks(folder):
    assert write_snapshot(folder)
    with Store.open(folder, readonly=True) as st:
        assert st.from_snapshot
        assert by_sentence(st.events(), TANF)["candidate"] is True


def test_export_cli_says_how_many_candidates_it_left_out(folder, capsys):
    assert main(["export", "--format", "jsonl", "--store", str(folder)]) == 0
    out, err = capsys.readouterr()
    assert len(out.splitlines()) == 1
    assert err.strip() == ("crosswatch export: left out 2 candidates not completed and accepted "
                           "(review them with r in the browser)")
