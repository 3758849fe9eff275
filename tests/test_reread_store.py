"""Re-reading stored reports after an extractor upgrade, from the store's own texts.

The "older extractor" is the real one with one event left out and one event's type
changed per article, recorded as version 1.5: the re-read must then add the missing
events, drop the changed ones (their notes kept as orphans, as a re-ingest keeps them)
and leave everything else as it was.
"""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from store import ingest
from store.db import Store, StoreLocked
from store.extract import EXTRACTOR_VERSION, extract_article
from store.reread import is_stale, reread_input, reread_stale, stale_articles

REPO = Path(__file__).resolve().parent.parent
ARTICLES = REPO / "data" / "articles"
HOSTILE = REPO / "tests" / "data" / "hostile"
OLD = "1.5"
META = ("id", "name", "path", "title", "source", "published", "url", "hash", "ingested_at")


def older_extractor(raw: str, published=None):
    """The real extraction, less its first event, with its last event's type changed."""
    extraction = extract_article(raw, published)
    events = [dict(e) for e in extraction.events[1:]]
    if len(events) >= 2:
        events[-1]["type"] = "reopened" if events[-1]["type"] != "reopened" else "closed"
    extraction.events = events
    return extraction


def build(folder: Path, monkeypatch, files=(ARTICLES,), old=True) -> Path:
    """A store whose articles an older extractor read (version 1.5), or the current one."""
    with monkeypatch.context() as m:
        if old:
            m.setattr(ingest, "EXTRACTOR_VERSION", OLD)
            m.setattr(ingest, "extract_article", older_extractor)
        with Store.open(folder) as store:
            store.ingest(list(files))
    return folder


def annotate(store: Store) -> dict:
    """A note on an event both extractors find, a note and a decision on one only the old one found."""
    by_article = {}
    for event in store.events():
        by_article.setdefault(event["article_id"], []).append(event)
    article_id, events = max(by_article.items(), key=lambda item: len(item[1]))
    events.sort(key=lambda e: e["start"])
    kept, doomed = events[0], events[-1]  # the old extractor changed the type of the last one
    store.save_note(kept["id"], "checked with a second source")
    store.decide(kept["id"], "accepted")
    store.save_note(doomed["id"], "doubtful: the type looks wrong")
    store.decide(doomed["id"], "rejected")
    return {"kept": kept["id"], "doomed": doomed["id"], "article": article_id}


@pytest.fixture
def old_store(tmp_path, monkeypatch) -> Path:
    return build(tmp_path / "store", monkeypatch)


def raw_events(store: Store) -> list[tuple]:
    return sorted((e["id"], e["article_id"], e["type"], e["start"], e["end"], e["date"], e["crossing"], e["side"])
                  for e in store.events())


# -- stale detection -------------------------------------------------------------------------


def test_stale_means_read_by_an_older_extractor():
    assert is_stale({"extractor": "1.5"}, "1.6") and is_stale({"extractor": "1.2"}, "1.6")
    assert is_stale({"extractor": None}, "1.6") and is_stale({}, "1.6") and is_stale({"extractor": "schema-0"}, "1.6")
    assert not is_stale({"extractor": "1.6"}, "1.6")
    assert not is_stale({"extractor": "1.10"}, "1.6")  # newer, compared as numbers: never downgraded
    assert is_stale({"extractor": "1.6"}, "1.10")
    assert not is_stale({"extractor": "hand"}, "1.6") and not is_stale({"extractor": "synthetic"}, "1.6")


def test_stale_articles_lists_the_old_ones_only(old_store, tmp_path, monkeypatch):
    with Store.open(old_store) as store:
        assert len(stale_articles(store)) == len(store.articles()) == 5
    fresh = build(tmp_path / "fresh", monkeypatch, old=False)
    with Store.open(fresh) as store:
        assert stale_articles(store) == []


# -- same events as extracting the original file ---------------------------------------------


@pytest.mark.parametrize("path", sorted(ARTICLES.glob("*.txt")), ids=lambda p: p.name)
def test_rereading_a_stored_text_gives_the_events_of_the_original_file(path):
    first = extract_article(path.read_text(encoding="utf-8"))
    again = extract_article(reread_input(first.meta["published"], first.text))
    assert first.events, "a bundled report with events"
    assert again.text == first.text
    assert again.events == first.events  # same offsets, dates, sides, everything
    assert again.meta["published"] == first.meta["published"]


@pytest.mark.parametrize("name", ["bad_published.txt", "bad_published_numbers.txt"])
def test_a_date_that_did_not_parse_stays_unknown_on_a_reread(name):
    first = extract_article((HOSTILE / name).read_text(encoding="utf-8"))
    assert first.meta["published"] is None
    again = extract_article(reread_input(None, first.text))
    assert again.meta["published"] is None and again.events == first.events and again.text == first.text


def test_a_dateline_date_is_kept_without_its_front_matter():
    raw = "BAGHDAD, June 23, 2014 (AFP) - Militants seized the Al Waleed border crossing yesterday, officials said.\n"
    first = extract_article(raw)
    again = extract_article(reread_input(first.meta["published"], first.text))
    assert first.meta["published"] == "2014-06-23" and first.events
    assert again.events == first.events


def test_the_rereaded_store_equals_a_fresh_ingest_of_the_same_files(old_store, tmp_path, monkeypatch):
    fresh = build(tmp_path / "fresh", monkeypatch, old=False)
    with Store.open(old_store) as store:
        before = raw_events(store)
        reread_stale(store)
    with Store.open(old_store, readonly=True) as reread, Store.open(fresh, readonly=True) as ingested:
        assert raw_events(reread) == raw_events(ingested) != before
        assert {a["id"]: reread.article_text(a["id"]) for a in reread.articles()} == \
               {a["id"]: ingested.article_text(a["id"]) for a in ingested.articles()}


# -- notes, decisions, metadata ----------------------------------------------------------------


def test_notes_and_decisions_stay_on_surviving_events_and_vanished_ones_become_orphans(old_store):
    with Store.open(old_store) as store:
        marks = annotate(store)
        meta_before = {a["id"]: {k: a.get(k) for k in META} for a in store.articles()}
        counts_before = store.count()
        summary = reread_stale(store)
        assert len(summary.reread) == 5 and summary.failed == [] and summary.left == 0
        assert summary.notes_kept == 1 and summary.decisions_kept == 1 and summary.orphaned == 1
        assert summary.added - summary.removed == store.count() - counts_before
        assert summary.added > summary.removed > 0
        assert summary.lines()[0] == (f"re-read 5 reports with extractor {EXTRACTOR_VERSION}: +{summary.added} events, "
                                      f"-{summary.removed} events; notes kept: 1, orphaned: 1")
    with Store.open(old_store, readonly=True) as store:  # as it is on disk
        kept = store.event(marks["kept"])
        assert kept["note"] == "checked with a second source" and kept["decision"] == "accepted"
        with pytest.raises(KeyError):
            store.event(marks["doomed"])
        [orphan] = store.orphaned_notes()
        assert orphan["event_id"] == marks["doomed"] and orphan["note"].startswith("doubtful")
        assert orphan["decision"] == "rejected"
        assert {a["id"]: {k: a.get(k) for k in META} for a in store.articles()} == meta_before
        assert {a["extractor"] for a in store.articles()} == {e["extractor"] for e in store.events()} == {EXTRACTOR_VERSION}
        assert all(a["n_events"] == store.values("article_id").get(a["id"], 0) for a in store.articles())
        assert len(store.history(marks["kept"])) == 2  # the journal is as it was


def test_notes_end_where_a_reingest_puts_them(old_store, tmp_path, monkeypatch):
    twin = tmp_path / "twin"
    shutil.copytree(old_store, twin, ignore=shutil.ignore_patterns(".lock"))
    for folder in (old_store, twin):
        with Store.open(folder) as store:
            annotate(store)
    with Store.open(old_store) as store:
        reread_stale(store)
    with Store.open(twin) as store:
        assert len(store.ingest([ARTICLES]).updated) == 5  # same text, same path, older extractor: updated
    with Store.open(old_store, readonly=True) as reread, Store.open(twin, readonly=True) as reingested:
        assert raw_events(reread) == raw_events(reingested)
        noted = lambda st: sorted((e["id"], e["note"], e["decision"]) for e in st.events() if e["note"] or e["decision"])  # noqa: E731
        assert noted(reread) == noted(reingested)
        orphans = lambda st: sorted((o["event_id"], o["note"], o["decision"]) for o in st.orphaned_notes())  # noqa: E731
        assert orphans(reread) == orphans(reingested) and len(orphans(reread)) == 1


def test_a_second_reread_does_nothing(old_store):
    with Store.open(old_store) as store:
        reread_stale(store)
        events = raw_events(store)
        again = reread_stale(store)
        assert again.reread == [] and again.failed == [] and again.added == again.removed == 0
        assert raw_events(store) == events


# -- failures and stops ------------------------------------------------------------------------


def test_a_failed_extraction_is_reported_and_the_rest_go_in(old_store, monkeypatch):
    victim = sorted(ARTICLES.glob("*.txt"))[2]
    marker = extract_article(victim.read_text(encoding="utf-8")).text[:80]

    def flaky(raw: str, published=None):
        if marker in raw:
            raise RuntimeError("extractor bug")
        return extract_article(raw, published)

    with Store.open(old_store) as store:
        with monkeypatch.context() as m:
            m.setattr(ingest, "extract_article", flaky)
            summary = reread_stale(store)
        assert len(summary.reread) == 4
        assert summary.failed == [(victim.name, "extraction failed: RuntimeError: extractor bug")]
        assert any(line == f"not re-read {victim.name}: extraction failed: RuntimeError: extractor bug" for line in summary.lines())
        [left] = stale_articles(store)
        assert left["name"] == victim.name and left["extractor"] == OLD
        assert len(reread_stale(store).reread) == 1  # the next re-read finishes it
        assert stale_articles(store) == []


def test_an_unreadable_stored_text_is_reported_and_the_rest_go_in(old_store, monkeypatch):
    with Store.open(old_store) as store:
        victim = store.articles()[0]
        real = store.article_text

        def broken(article_id: str) -> str:
            if article_id == victim["id"]:
                raise OSError("texts shard unreadable")
            return real(article_id)

        monkeypatch.setattr(store, "article_text", broken)
        summary = reread_stale(store)
        assert len(summary.reread) == 4
        assert summary.failed == [(victim["name"], "stored text unreadable: OSError: texts shard unreadable")]
        assert [a["id"] for a in stale_articles(store)] == [victim["id"]]


def test_stopping_part_way_keeps_what_was_written_and_leaves_the_rest_stale(old_store):
    with Store.open(old_store) as store:
        annotate(store)
        calls = []
        summary = reread_stale(store, progress=lambda done, total, name: calls.append((done, total)),
                               stop=lambda: len(calls) >= 2, commit_every=1)
        assert len(summary.reread) == 2 and summary.left == 3
        assert calls == [(1, 5), (2, 5)]
    with Store.open(old_store) as store:  # reopened: two are done, three still stale
        assert len(stale_articles(store)) == 3
        rest = reread_stale(store)
        assert len(rest.reread) == 3 and stale_articles(store) == []
        assert len([e for e in store.events() if e["note"]]) == 1 and len(store.orphaned_notes()) == 1


def test_a_read_only_store_is_not_reread(old_store):
    with Store.open(old_store) as writer, Store.open(old_store) as second:
        assert second.readonly
        with pytest.raises(StoreLocked):
            reread_stale(second)
        assert len(stale_articles(writer)) == 5


def test_the_parallel_path_rereads_too(tmp_path, monkeypatch):
    """64 reports or more go through worker processes, as a big ingest does."""
    folder = tmp_path / "many"
    folder.mkdir()
    for i in range(70):
        path = sorted(ARTICLES.glob("*.txt"))[i % 5]
        folder.joinpath(f"{i:03d}.txt").write_text(path.read_text(encoding="utf-8") + f"\nCopy {i}.\n", encoding="utf-8")
    with monkeypatch.context() as m:
        m.setattr(ingest, "EXTRACTOR_VERSION", OLD)
        with Store.open(tmp_path / "store") as store:
            ingest.ingest_paths(store, [folder], workers=1)  # in this process, where the old version is set
    with Store.open(tmp_path / "store") as store:
        before = raw_events(store)
        seen = []
        summary = reread_stale(store, progress=lambda done, total, name: seen.append(done), workers=2)
        assert len(summary.reread) == 70 and summary.failed == [] and summary.added == summary.removed == 0
        assert seen[-1] == 70 and raw_events(store) == before and stale_articles(store) == []


def test_an_article_an_ingest_changed_meanwhile_is_not_overwritten(old_store, tmp_path, monkeypatch):
    """The browser can add reports while it re-reads: the ingest's newer events win."""
    from store import reread

    with Store.open(old_store) as store:
        victim = store.articles()[0]
        real_commit = reread._commit

        def ingest_first(st, pending, summary, new_ids):
            if pending:  # an ingest of the changed file lands just before the re-read's write
                changed = tmp_path / "changed" / Path(victim["path"]).name
                changed.parent.mkdir(exist_ok=True)
                changed.write_text(Path(victim["path"]).read_text(encoding="utf-8") + "\nA late paragraph.\n", encoding="utf-8")
                fresh = ingest.extract_article(changed.read_text(encoding="utf-8"))
                meta = {**{k: v for k, v in victim.items() if k != "text"}, "hash": "changed", "ingested_at": "later",
                        "extractor": EXTRACTOR_VERSION, "n_events": len(fresh.events)}
                st.replace_articles([(meta, ingest.event_records(victim["id"], fresh), fresh.text)])
            real_commit(st, pending, summary, new_ids)

        monkeypatch.setattr(reread, "_commit", ingest_first)
        summary = reread_stale(store)
        assert len(summary.reread) == 4
        assert summary.failed == [(victim["name"], "changed by an ingest meanwhile; its new events are kept")]
        kept = next(a for a in store.articles() if a["id"] == victim["id"])
        assert (kept["hash"], kept["ingested_at"]) == ("changed", "later")
        assert stale_articles(store) == []
