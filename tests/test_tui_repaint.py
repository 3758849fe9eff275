"""A key repaints what it changed, and only that: the other panes stay as they were drawn.

Textual redraws, across the whole width, every line of the box around what is dirty, so
one needless refresh in another pane makes a key cost four panes. These tests watch
which widgets ask to be drawn again while the analyst types a search and walks events.
"""
from __future__ import annotations

from collections import Counter

import pytest
from textual.scrollbar import ScrollBar
from textual.widget import Widget

from bench.synth import build_store
from test_tui_support import browse, settle
from tui.widgets.lists import ArticleList, EventList, StatusTable


@pytest.fixture
def scrolling_store(tmp_path):
    """Enough events that every table scrolls (the bundled reports fit on one screen)."""
    folder = tmp_path / "store"
    build_store(folder, articles=150).close()
    return folder


def owner(widget: Widget) -> str:
    """The pane a widget belongs to (a scrollbar belongs to the view it scrolls)."""
    node = widget.parent if isinstance(widget, ScrollBar) else widget
    while node is not None and node.id not in ("articles", "events-pane", "article", "status"):
        node = node.parent
    return node.id if node is not None else type(widget).__name__


class RefreshLog:
    def __init__(self, monkeypatch):
        self.panes: Counter[str] = Counter()
        self.recording = False
        original = Widget.refresh
        log = self

        def refresh(widget, *regions, **kwargs):
            if log.recording:
                log.panes[owner(widget)] += 1
            return original(widget, *regions, **kwargs)

        monkeypatch.setattr(Widget, "refresh", refresh)

    async def during(self, pilot, *keys: str) -> Counter[str]:
        self.panes.clear()
        self.recording = True
        for key in keys:
            await pilot.press(key)
        await pilot.pause()
        self.recording = False
        return Counter(self.panes)


async def test_typing_a_search_redraws_the_event_pane_only(scrolling_store, monkeypatch):
    log = RefreshLog(monkeypatch)
    async with browse(scrolling_store) as (app, pilot):
        await pilot.press("slash")
        await settle(pilot)
        events = app.screen.query_one(EventList)
        article_before = app.screen.query_one("#article").lit
        drawn = await log.during(pilot, "b", "o", "r", "d")
        assert drawn["events-pane"] > 0
        if app.screen.query_one("#article").lit is article_before:  # the lit event stayed: its pane has no reason to move
            assert drawn["article"] == 0, drawn
        assert drawn["articles"] == 0 and drawn["status"] == 0, drawn
        # the list's scrollbar already knows the new length (no layout pass was needed for it)
        assert events.vertical_scrollbar.window_virtual_size == len(events.rows) + 1
        assert 0 < len(events.rows) < len(app.events)


async def test_walking_events_leaves_the_articles_and_status_panes_alone(scrolling_store, monkeypatch):
    log = RefreshLog(monkeypatch)
    async with browse(scrolling_store) as (app, pilot):
        drawn = await log.during(pilot, "j", "j", "j", "k")
        assert drawn["events-pane"] > 0 and drawn["article"] > 0
        assert drawn["articles"] == 0 and drawn["status"] == 0, drawn
        assert app.screen.query_one(ArticleList).vertical_scrollbar.window_virtual_size == len(app.articles) + 1
        assert app.screen.query_one(StatusTable).rows
