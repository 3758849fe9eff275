"""Starting the browser: first run builds the store (with a loading screen), `--screenshot`
saves an SVG headless, a broken store is refused in one line and left untouched, the
status runs off the UI thread, and `l` opens the timeline."""
from __future__ import annotations

import asyncio
import threading

import pytest

import tui.launch
from store.db import Store
from test_tui_support import browse, bundled_store_template, needs_events, press, settle, store_dir  # noqa: F401
from tui.app import CrosswatchApp
from tui.cli import main as crosswatch
from tui.screens.loading import LoadingScreen
from tui.screens.main import MainScreen
from tui.screens.status_feed import StatusFeed
from tui.widgets.lists import EventList, StatusTable


@needs_events
def test_first_run_builds_the_store_and_screenshot_saves_an_svg(tmp_path, capsys):
    folder, svg = tmp_path / "new-store", tmp_path / "shots" / "main.svg"
    code = crosswatch(["--store", str(folder), "--screenshot", str(svg), "--size", "140x40", "--press", "j,j"])
    assert code == 0
    assert f"saved {svg}" in capsys.readouterr().out
    text = svg.read_text(encoding="utf-8")
    assert text.startswith("<svg") and "Articles&#160;5" in text
    with Store.open(folder, readonly=True) as store:
        assert len(store.articles()) == 5 and store.count() > 0


def test_bad_screenshot_size_is_one_line():
    with pytest.raises(SystemExit) as err:
        tui.launch.parse_size("big")
    assert "--size must look like 160x48" in str(err.value)
    assert tui.launch.parse_keys("j, j,enter,,") == ["j", "j", "enter"]


async def test_loading_screen_shows_while_the_store_opens_in_a_worker(tmp_path, monkeypatch):
    release = threading.Event()
    real = tui.launch.open_or_build

    def slow_open(store_dir, build_from, progress):
        progress(1, 5, "Reading reports … 001.txt")
        release.wait(10)
        return real(store_dir, build_from, progress)

    monkeypatch.setattr(tui.launch, "open_or_build", slow_open)
    app = CrosswatchApp(tmp_path / "store")
    async with app.run_test(size=(120, 30)) as pilot:
        for _ in range(50):
            await pilot.pause(0.02)
            if isinstance(app.screen, LoadingScreen) and app.screen.query_one("ProgressBar").total == 5:
                break
        assert isinstance(app.screen, LoadingScreen), "the UI is up while the store opens"
        assert app.screen.query_one("LoadingIndicator").display
        assert "Reading reports" in str(app.screen.query_one("#loading-what").render())
        release.set()
        await asyncio.wait_for(app.ready.wait(), 30)
        await settle(pilot)
        assert isinstance(app.screen, MainScreen)


async def test_a_broken_store_is_refused_with_a_message_and_left_untouched(tmp_path):
    folder = tmp_path / "store"
    with Store.open(folder):
        pass
    meta = folder / "store.json"
    meta.write_text('{"schema": ', encoding="utf-8")  # cut short
    before = {p: p.read_bytes() for p in folder.rglob("*") if p.is_file() and p.name != ".lock"}
    app = CrosswatchApp(folder)
    async with app.run_test(size=(120, 30)) as pilot:
        await asyncio.wait_for(app.ready.wait(), 30)
        await pilot.pause()
        assert app.failed and "store.json" in app.failed and "\n" not in app.failed
        assert isinstance(app.screen, LoadingScreen)
        assert "Cannot open the store" in str(app.screen.query_one("#loading-what").render())
        await press(pilot, "q")
    assert {p: p.read_bytes() for p in before} == before


@needs_events
async def test_second_window_is_read_only_and_writes_nothing(store_dir):
    with Store.open(store_dir) as holder:
        async with browse(store_dir) as (app, pilot):
            assert app.store.readonly and "READ-ONLY" in app.sub_title
            event_id = app.screen.query_one(EventList).cursor_key
            await press(pilot, "a", "n", *"lost?", "f2")
            assert app.is_running
            assert any("read-only" in str(n.message).lower() for n in app._notifications)
        assert holder.event(event_id)["decision"] is None and holder.event(event_id)["note"] is None


@needs_events
async def test_l_opens_the_timeline_of_the_selected_crossing(store_dir):
    async with browse(store_dir) as (app, pilot):
        crossing = app.events[app.screen.query_one(EventList).cursor_key]["crossing"]
        await press(pilot, "l")
        assert type(app.screen).__name__ == "TimelineScreen"
        assert app.screen.crossing == crossing
        await press(pilot, "escape")
        assert isinstance(app.screen, MainScreen)
        await press(pilot, "tab", "tab")
        status = app.screen.query_one(StatusTable)
        status.cursor = len(status.rows) - 1
        await press(pilot, "l")
        assert app.screen.crossing == status.rows[-1]["crossing"]


@needs_events
def test_the_status_child_process_answers_as_the_thread_does(store_dir):
    answers: dict[str, tuple] = {}
    done = {name: threading.Event() for name in ("thread", "process")}

    def collect(name):
        def deliver(asked, day, posts, error):
            answers[name] = (day, posts, error)
            done[name].set()
        return deliver

    with Store.open(store_dir) as store:
        feeds = [StatusFeed(store, collect("thread"), in_process=True), StatusFeed(store, collect("process"), in_process=False)]
        for feed in feeds:
            feed.ask(1, "2014-06-24")
        assert all(event.wait(60) for event in done.values())
        for feed in feeds:
            feed.close()
    assert answers["process"][2] is None, answers["process"][2]
    assert answers["thread"][0] == answers["process"][0] == "2014-06-24"
    assert answers["thread"][1] == answers["process"][1] and answers["thread"][1]
    assert feeds[1].days == feeds[0].days


@needs_events
async def test_decisions_reach_the_status_pane(store_dir):
    async with browse(store_dir) as (app, pilot):
        screen = app.screen
        status = screen.query_one(StatusTable)
        post = status.rows[0]
        supporting = set(post.get("events") or ())
        assert supporting
        events = screen.query_one(EventList)
        for event_id in supporting:
            events.move_to_key(event_id)
            await press(pilot, "x")
        assert screen.status_shown == screen.status_asked
        after = {(p["crossing"], p.get("side")): p for p in status.rows}
        key = (post["crossing"], post.get("side"))
        assert key not in after or after[key].get("events") != post["events"], "rejected events no longer support the post"
