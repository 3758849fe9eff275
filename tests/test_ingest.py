"""Ingesting reports: files, folders and globs; duplicates; changed files; bad files; encodings; summary."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from store.db import Store
from store.filters import EventFilter
from store.ingest import ingest_paths
from store.paths import bundled_articles
from tui.cli import main

REPORT = bundled_articles() / "004_13ff700055651627.txt"
CLAIM = "Sunni Arab militants have seized the Al Waleed border post"


@pytest.fixture
def store(tmp_path):
    st = Store.open(tmp_path / "store")
    yield st
    st.close()


def test_files_folders_and_globs_go_in_once_each(store, tmp_path):
    folder = tmp_path / "reports"
    shutil.copytree(bundled_articles(), folder)
    summary = store.ingest([folder / "000_0cad9fb06748103d.txt", folder, str(folder / "00[34]_*.txt")])
    assert len(summary.ingested) == 5 and summary.skipped == []
    assert summary.events + summary.candidates == store.count() > summary.candidates > 0
    again = store.ingest([folder])
    assert again.ingested == [] and {reason for _, reason in again.skipped} == {"unchanged since last ingest"}


def test_a_folder_gives_its_reports_and_passes_over_other_files_with_the_reason(store, tmp_path):
    folder = tmp_path / "mixed"
    folder.mkdir()
    shutil.copy(REPORT, folder / "report.txt")
    (folder / "generate.py").write_text("print('not a report')\n")
    (folder / "map.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    summary = store.ingest([folder])
    assert summary.ingested == [str(folder / "report.txt")]
    assert {name.rsplit("/", 1)[-1] for name, _ in summary.skipped} == {"generate.py", "map.png"}
    assert all("not a report file" in reason for _, reason in summary.skipped)
    named = store.ingest([folder / "generate.py"])  # named on the command line: read, and judged by the reader
    assert named.skipped == [] or "generate.py" in named.skipped[0][0]


def test_a_copy_under_another_name_is_skipped_as_a_duplicate(store, tmp_path):
    store.ingest([REPORT])
    copy = tmp_path / "copy.txt"
    shutil.copy(REPORT, copy)
    summary = store.ingest([copy])
    assert summary.skipped == [(str(copy), f"same text as {REPORT.name}")]
    assert len(store.articles()) == 1


def test_the_same_text_in_another_encoding_is_a_duplicate_too(store, tmp_path):
    text = "Militants seized the Al Waleed border post, officials said on Sunday. Caf\u00e9 owners fled.\n"
    (tmp_path / "utf8.txt").write_text(text, encoding="utf-8")
    (tmp_path / "cp1252.txt").write_bytes(text.encode("cp1252"))
    summary = store.ingest([tmp_path / "utf8.txt", tmp_path / "cp1252.txt"])
    assert len(summary.ingested) == 1 and "same text as utf8.txt" in summary.skipped[0][1]


def test_non_utf8_text_is_decoded_correctly(store, tmp_path):
    text = ("Baghdad \u2013 Iraqi border guards said on Sunday that militants had seized the Al Qaim border crossing "
            "with Syria, a \u201cmajor\u201d blow to the government in Baghdad, officials said. Caf\u00e9 prices rose.\n")
    path = tmp_path / "cp1252.txt"
    path.write_bytes(text.encode("cp1252"))
    store.ingest([path])
    article = store.articles()[0]
    assert "\u201cmajor\u201d" in article["text"] and "Caf\u00e9" in article["text"]


def test_bad_input_is_skipped_with_its_reason_and_the_rest_goes_in(store, tmp_path):
    folder = tmp_path / "batch"
    folder.mkdir()
    shutil.copy(REPORT, folder / "good.txt")
    (folder / "empty.txt").write_bytes(b"")
    (folder / "image.png").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(200))
    summary = store.ingest([folder, tmp_path / "missing.txt", str(tmp_path / "nothing-*.txt")])
    reasons = {path.rsplit("/", 1)[-1]: reason for path, reason in summary.skipped}
    assert summary.ingested == [str(folder / "good.txt")]
    assert "empty" in reasons["empty.txt"] and "not a report file" in reasons["image.png"]
    assert reasons["missing.txt"] == "no such file or folder" and reasons["nothing-*.txt"] == "no file matches this pattern"


def test_an_improved_extractor_rereads_an_unchanged_file_and_keeps_its_notes(store, tmp_path, monkeypatch):
    path = tmp_path / "report.txt"
    path.write_text(REPORT.read_text(encoding="utf-8"), encoding="utf-8")
    store.ingest([path])
    event = store.events()[0]
    store.save_note(event["id"], "checked against the wire copy")
    store.decide(event["id"], "accepted")
    assert store.ingest([path]).skipped == [(str(path), "unchanged since last ingest")]

    monkeypatch.setattr("store.ingest.EXTRACTOR_VERSION", "99.0")  # the extractor improves
    summary = store.ingest([path])
    assert summary.updated == [str(path)] and summary.orphaned == 0
    assert store.articles()[0]["extractor"] == "99.0"
    kept = store.event(event["id"])
    assert kept["note"] == "checked against the wire copy" and kept["decision"] == "accepted"
    assert store.ingest([path]).skipped == [(str(path), "unchanged since last ingest")]


def test_reingesting_a_changed_file_updates_its_events_and_keeps_every_note_and_decision(store, tmp_path):
    path = tmp_path / "report.txt"
    original = REPORT.read_text(encoding="utf-8")
    path.write_text(original, encoding="utf-8")
    store.ingest([path])
    events = store.events()
    claim = next(e for e in events if CLAIM in e["sentence"])
    other = next(e for e in events if (e["type"], e["crossing"]) == ("holds", "al-qaim"))  # its offsets will move
    store.save_note(claim["id"], "the claim that gets cut")
    store.save_note(other["id"], "a note on an event that stays")
    store.decide(other["id"], "accepted", {"side": "sy" if other["side"] != "sy" else "iq"})
    article_id = claim["article_id"]

    path.write_text(original.replace(claim["sentence"], "") + "\nCorrection: an earlier claim was withdrawn.\n", encoding="utf-8")
    summary = store.ingest([path])
    assert summary.updated == [str(path)] and summary.orphaned == 1
    assert [a["id"] for a in store.articles()] == [article_id]  # the same article, updated
    kept = store.event(other["id"])  # same id, though its offsets moved
    assert kept["start"] < other["start"]
    assert kept["note"] == "a note on an event that stays" and kept["decision"] == "accepted" and kept["corrected"]
    orphan = store.orphaned_notes()
    assert [(o["event_id"], o["note"], o["sentence"]) for o in orphan] == [(claim["id"], "the claim that gets cut", claim["sentence"])]

    path.write_text(original, encoding="utf-8")  # the claim comes back: its note is attached again
    store.ingest([path])
    assert store.event(claim["id"])["note"] == "the claim that gets cut" and store.orphaned_notes() == []


def test_events_record_the_extractor_version(store):
    from store.extract import EXTRACTOR_VERSION

    store.ingest([REPORT])
    assert {e["extractor"] for e in store.events()} == {EXTRACTOR_VERSION}
    assert store.articles()[0]["extractor"] == EXTRACTOR_VERSION


def test_a_big_batch_is_extracted_in_parallel_with_progress(tmp_path):
    from store import ingest as ingest_module

    folder = tmp_path / "batch"
    folder.mkdir()
    base = REPORT.read_text(encoding="utf-8")
    for i in range(ingest_module.PARALLEL_MIN + 6):
        (folder / f"r{i:03d}.txt").write_text(base + f"\nUpdate {i}: the crossing stayed closed.\n", encoding="utf-8")
    seen = []
    serial_dir, parallel_dir = tmp_path / "serial", tmp_path / "parallel"
    with Store.open(parallel_dir) as st:
        summary = ingest_paths(st, [folder], progress=lambda done, total, name: seen.append((done, total)), workers=2)
        parallel = [(e["id"], e["type"], e["crossing"]) for e in st.events()]
    with Store.open(serial_dir) as st:
        ingest_paths(st, [folder], workers=1)
        serial = [(e["id"], e["type"], e["crossing"]) for e in st.events()]
    assert len(summary.ingested) == ingest_module.PARALLEL_MIN + 6
    assert parallel == serial and parallel
    assert seen[-1] == (len(summary.ingested), len(summary.ingested)) and len(seen) == len(summary.ingested)


def test_extractor_failure_on_one_file_is_reported_and_the_rest_go_in(store, tmp_path, monkeypatch):
    import store.ingest as ingest_module

    real = ingest_module.extract_article

    def fragile(raw, published=None):
        if "EXPLODE" in raw:
            raise RuntimeError("boom")
        return real(raw, published)

    monkeypatch.setattr(ingest_module, "extract_article", fragile)
    (tmp_path / "bad.txt").write_text("EXPLODE " * 20, encoding="utf-8")
    summary = store.ingest([tmp_path / "bad.txt", REPORT])
    assert summary.skipped == [(str(tmp_path / "bad.txt"), "extraction failed: RuntimeError: boom")]
    assert len(summary.ingested) == 1


def test_the_ingest_command_prints_a_summary_and_honours_store(capsys, tmp_path):
    folder = tmp_path / "cli-store"
    (tmp_path / "empty.txt").write_bytes(b"   \n")
    code = main(["ingest", str(bundled_articles()), str(tmp_path / "empty.txt"), "--store", str(folder)])
    out, err = capsys.readouterr()
    assert code == 1  # one file could not be read
    assert out.startswith("5 ingested, 0 updated, 1 skipped") and str(folder) in out
    assert "empty.txt" in err and "empty file" in err
    code = main(["--store", str(folder), "ingest", str(bundled_articles())])
    out, _ = capsys.readouterr()
    assert code == 0 and out.startswith("0 ingested, 0 updated, 5 skipped")
    with Store.open(folder) as st:
        assert len(st.articles()) == 5 and st.events(EventFilter(crossings={"al-waleed"}))


def test_a_file_of_only_boilerplate_is_skipped_with_its_reason(store, tmp_path):
    page = tmp_path / "page.txt"
    shutil.copy(Path(__file__).parent / "data" / "hostile" / "boilerplate.txt", page)
    summary = store.ingest([page, REPORT])
    assert summary.skipped == [(str(page), "no article text left once navigation, comments and appeals were cut")]
    assert len(summary.ingested) == 1


def test_a_worker_that_dies_loses_no_file_silently(tmp_path, monkeypatch):
    import multiprocessing

    from store import ingest as ingest_module

    if multiprocessing.get_start_method() != "fork":
        pytest.skip("the stand-in extractor reaches workers only when they are forked")

    folder = tmp_path / "batch"
    folder.mkdir()
    base = REPORT.read_text(encoding="utf-8")
    for i in range(ingest_module.PARALLEL_MIN + 4):
        (folder / f"r{i:03d}.txt").write_text(base + f"\nUpdate {i}.\n" + ("DIE-HERE\n" if i == 30 else ""), encoding="utf-8")

    real = ingest_module.extract_article

    def dies_on_one(raw, published=None):
        if "DIE-HERE" in raw:
            import os
            os._exit(9)  # what the kernel's out-of-memory killer looks like from here
        return real(raw, published)

    monkeypatch.setattr(ingest_module, "extract_article", dies_on_one)  # forked workers inherit it
    with Store.open(tmp_path / "store") as st:
        summary = ingest_paths(st, [folder], workers=2)
        stored = len(st.articles())
    total = ingest_module.PARALLEL_MIN + 4
    assert len(summary.ingested) + len(summary.skipped) == total
    assert stored == len(summary.ingested) and any("worker died" in reason for _, reason in summary.skipped)


def test_ingesting_a_folder_that_holds_the_store_leaves_the_store_files_alone(tmp_path):
    shutil.copy(REPORT, tmp_path / "report.txt")
    with Store.open(tmp_path / "store") as st:  # the store lives inside the folder being ingested
        st.ingest([REPORT])
        summary = st.ingest([tmp_path])
        assert {a["name"] for a in st.articles()} == {REPORT.name}
        assert summary.ingested == [] and summary.skipped == [(str(tmp_path / "report.txt"), f"same text as {REPORT.name}")]
