"""The browser re-reads, in the background, the reports an older extractor read.

The store is written by an "older extractor" (the real one less an event per article,
one type changed, version 1.5: see test_reread_store); the app must show the current
extractor's events once settled, keep notes, and leave every article current on disk.
"""
from __future__ import annotations

import asyncio
import threading
import time

import pytest
from test_reread_store import annotate, build
from test_tui_support import SIZE, browse, lines, needs_events, reopen, settle, title  # noqa: F401

from store import ingest
from store.db import Store
from store.extract import EXTRACTOR_VERSION
from store.reread import stale_articles
from tui.app import CrosswatchApp
from tui.widgets.lists import EventList

pytestmark = needs_events


def said(app) -> str:
    return " ".join(str(n.message) for n in app._notifications)


@pytest.fixture
def old_store(tmp_path, monkeypatch):
    folder = build(tmp_path / "store", monkeypatch)
    with Store.open(folder) as store:
        marks = annotate(store)
    return folder, marks


def current_ids(tmp_path, monkeypatch) -> set[str]:
    fresh = build(tmp_path / "fresh", monkeypatch, old=False)
    with Store.open(fresh, readonly=True) as store:
        return {e["id"] for e in store.events()}


async def test_opening_an_old_store_rereads_it_and_shows_the_new_events(old_store, tmp_path, monkeypatch):
    folder, marks = old_store
    expected = current_ids(tmp_path, monkeypatch)
    async with browse(folder) as (app, pilot):
        assert "Re-reading 5 reports with the new extractor" in said(app)
        assert "re-read 5 reports with extractor" in said(app) and "notes kept: 1, orphaned: 1" in said(app)
        events = app.screen.query_one(EventList)
        assert set(events.keys) == expected
        assert title(app.screen.query_one("#events-pane")) == f"Events {len(expected)}"
        assert app.screen.query_one("#events-pane").border_subtitle == ""
        assert app.events[marks["kept"]]["note"] == "checked with a second source"
        assert marks["doomed"] not in app.events
        assert "✎" in "\n".join(lines(events))
        assert {a["extractor"] for a in app.articles.values()} == {EXTRACTOR_VERSION}
    with reopen(folder) as store:
        assert {a["extractor"] for a in store.articles()} == {EXTRACTOR_VERSION}
        assert {e["id"] for e in store.events()} == expected
        assert store.event(marks["kept"])["note"] == "checked with a second source"
        assert [o["event_id"] for o in store.orphaned_notes()] == [marks["doomed"]]


async def test_the_cursor_stays_on_its_event_and_the_ui_answers_during_the_reread(old_store, monkeypatch):
    folder, marks = old_store
    gate = threading.Event()
    real = ingest.extract_article

    def slow(raw, published=None):
        gate.wait(20)  # held until the test has moved the cursor and pressed keys
        return real(raw, published)

    monkeypatch.setattr(ingest, "extract_article", slow)
    app = CrosswatchApp(folder)
    async with app.run_test(size=SIZE) as pilot:
        await app.ready.wait()
        await pilot.pause()
        events = app.screen.query_one(EventList)
        assert app.screen.query_one("#events-pane").border_subtitle.startswith("re-reading 0 of 5 reports")
        assert events.move_to_key(marks["kept"])
        started = time.perf_counter()
        await pilot.press("j", "k")  # the UI is not frozen while the re-read waits
        assert time.perf_counter() - started < 5
        assert events.cursor_key == marks["kept"]
        gate.set()
        await settle(pilot)
        assert stale_articles(app.store) == []
        assert events.cursor_key == marks["kept"]
        assert app.screen.lit_id == marks["kept"]
        assert app.events[marks["kept"]]["decision"] == "accepted"


async def test_quitting_mid_reread_loses_nothing_and_the_next_open_finishes(old_store, monkeypatch):
    folder, marks = old_store
    real = ingest.extract_article
    calls = []

    def slow(raw, published=None):
        calls.append(1)
        time.sleep(0.3)
        return real(raw, published)

    monkeypatch.setattr(ingest, "extract_article", slow)
    app = CrosswatchApp(folder)
    async with app.run_test(size=SIZE) as pilot:
        await app.ready.wait()
        for _ in range(100):
            if len(calls) >= 2:
                break
            await asyncio.sleep(0.05)
        await app.action_quit()
    with Store.open(folder) as store:  # the lock was released: the app closed the store
        left = stale_articles(store)
        assert 0 < len(left) < 5, "stopped part way, what was extracted is written"
        assert store.event(marks["kept"])["note"] == "checked with a second source"
    monkeypatch.setattr(ingest, "extract_article", real)
    async with browse(folder) as (app, pilot):
        assert f"Re-reading {len(left)} reports" in said(app)
        assert stale_articles(app.store) == []
    with reopen(folder) as store:
        assert {a["extractor"] for a in store.articles()} == {EXTRACTOR_VERSION}
        assert store.event(marks["kept"])["note"] == "checked with a second source"
        assert [o["event_id"] for o in store.orphaned_notes()] == [marks["doomed"]]


async def test_a_read_only_store_is_not_reread_and_says_so_once(old_store):
    folder, _ = old_store
    with Store.open(folder) as holder:
        async with browse(folder) as (app, pilot):
            assert app.store.readonly
            assert said(app).count("read by an older extractor") == 1
            assert "Re-reading" not in said(app)
        assert len(stale_articles(holder)) == 5
