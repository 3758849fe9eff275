"""Report text is untrusted: every pane of the browser shows markup as text and no escape byte."""
from __future__ import annotations

from pathlib import Path

import pytest

from test_tui_support import browse, build_store, lines, needs_events, press, title
from tui.widgets.article_view import ArticleView, display_text
from tui.widgets.lists import ArticleList, EventList

pytestmark = needs_events

TITLE = "[bold red]Seized[/] [@click=app.quit]x[/] [AFP] [/"
OUTLET = "[link=file:///etc/passwd]Wire[/link]"
BODY = (
    "Baghdad: Sunni Arab militants have seized the Al-Waleed border post between Iraq and Syria, "
    "officers said on Monday [bold]really[/bold] [@click=app.quit]quit[/].\n\n"
    "Reporters saw \x1b[2Jsmoke\x1b]52;c;cHduZWQ=\x07 over the crossing [/ and [AFP] more.\n"
)


@pytest.fixture
def hostile_dir(tmp_path) -> Path:
    report = tmp_path / "reports" / "hostile.txt"
    report.parent.mkdir()
    report.write_text(f"---\ntitle: {TITLE}\nsource: {OUTLET}\npublished: 2014-06-24\n---\n{BODY}", encoding="utf-8")
    return build_store(tmp_path / "store", [report])


def everything_shown(app) -> str:
    screen = app.screen
    parts = [*lines(screen.query_one(ArticleList)), *lines(screen.query_one(EventList)), *lines(screen.query_one(ArticleView))]
    parts += [title(screen.query_one(ArticleView)), title(screen.query_one("#events-pane"))]
    return "\n".join(parts)


def test_display_text_keeps_offsets_and_drops_every_control():
    raw = "a\x1b[2Jb\x07c\td\u202ee"
    shown = display_text(raw)
    assert len(shown) == len(raw) and "\x1b" not in shown and "\x07" not in shown and "\u202e" not in shown
    assert shown.replace("\ufffd", "") == "a[2Jbc de"


async def test_titles_outlets_and_text_are_shown_literally(hostile_dir):
    async with browse(hostile_dir) as (app, pilot):
        assert app.events, "the extractor found the event in the hostile report"
        shown = everything_shown(app)
        assert "[bold red]Seized[/]" in shown  # the title in the articles pane and the article's border
        assert "[@click=app.quit]x[/]" in title(app.screen.query_one(ArticleView))
        assert "[link=file:///etc/passwd]Wire" in shown or "[link=file:///etc/passwd]Wire" in title(app.screen.query_one(ArticleView))
        assert "[bold]really[/bold]" in shown and "[@click=app.quit]quit[/]" in shown
        assert "[/ and [AFP] more" in shown
        assert "\x1b" not in shown and "\x07" not in shown
        await press(pilot, "enter")  # open the event in the article pane
        assert app.is_running and app.return_code is None


async def test_notes_with_markup_and_escapes_are_shown_as_written(hostile_dir):
    async with browse(hostile_dir) as (app, pilot):
        await press(pilot, "n", *"[b]mine[/b] [@click=app.quit]q[/]", "f2")
        note = app.events[app.screen.query_one(EventList).cursor_key]["note"]
        assert note == "[b]mine[/b] [@click=app.quit]q[/]"
        assert any(line.startswith("✎ [b]mine[/b] [@click=app.quit]q[/]") for line in lines(app.screen.query_one(ArticleView)))
        await press(pilot, "slash", *"[b]mine", "enter")
        assert len(app.screen.query_one(EventList).rows) == 1
        assert '[b]mine' in title(app.screen.query_one("#events-pane"))
        await press(pilot, "y")
        assert "[bold]really[/bold]" in app.clipboard and "\x1b" not in app.clipboard
        assert app.is_running


async def test_the_palette_and_review_show_report_text_literally(hostile_dir):
    async with browse(hostile_dir) as (app, pilot):
        await press(pilot, "ctrl+p", *"Article: [bold")
        for _ in range(40):
            await pilot.pause(0.05)
            if app.screen.query_one("CommandList").option_count:
                break
        prompt = str(app.screen.query_one("CommandList").get_option_at_index(0).prompt)
        assert "[bold red]Seized[/]" in prompt
        await press(pilot, "enter")
        assert app.screen.query_one(ArticleList).cursor_key == next(iter(app.articles))
        await press(pilot, "r")
        detail = str(app.screen.query_one("#review-event").render())
        assert "Wire" in detail and "\x1b" not in detail
        assert app.is_running and app.return_code is None
