"""The analyst's desk at 80x24 and 160x48 (issue 12): what the screen shows, key by key.

80x24 is a first-class size: the panes stack with the focused one large, `z` maximises a pane,
columns give way in order (type, actor and crossing stay), the footer keeps Help and Quit, and
every dialog stays inside the screen. Feedback: Enter after a search gives the keys back to the
list, an empty result says so, a bad date says what is wrong, undo names its event and goes to it,
`]` at the newest date keeps one toast, F1 is help, and filters that do not fit the title go to a
line of chips under it, all of them on `i`.
"""
from __future__ import annotations

import pytest
from textual.widgets import Input

from candidate_report import RABIA, by_sentence, write_report
from test_tui_support import browse, build_store, lines, needs_events, press, settle, store_dir, bundled_store_template, title  # noqa: F401
from store.names import event_day, faction_name, post_label
from tui.screens.main import MainScreen, pane_roles
from tui.screens.main_analyst import event_name
from tui.widgets.article_view import ArticleView
from tui.widgets.chips import FilterChips, chips_that_fit
from tui.widgets.key_bar import KeyBar
from tui.widgets.lists import ArticleList, EventList, StatusTable
from tui.widgets.row_table import column_widths

pytestmark = needs_events

SMALL, LARGE = (80, 24), (160, 48)
BOTH = pytest.mark.parametrize("size", [SMALL, LARGE], ids=["80x24", "160x48"])


def screen_text(app) -> str:
    """Every line the terminal shows now (the screen on top, dialogs included)."""
    return "\n".join("".join(segment.text for segment in strip) for strip in app.screen._compositor.render_strips())


def toasts(app, title: str | None = None) -> list[str]:
    return [str(n.message) for n in app._notifications if title is None or n.title == title]


def inside_the_screen(app, widget) -> bool:
    region, screen = widget.region, app.screen.region
    return region.x >= 0 and region.y >= 0 and region.right <= screen.right and region.bottom <= screen.bottom


# -- 1. the layout ------------------------------------------------------------------------------------


async def test_at_80x24_the_event_list_is_large_with_type_actor_and_crossing_and_the_sentence_under_it(store_dir):
    async with browse(store_dir, size=SMALL) as (app, pilot):
        await press(pilot, "j", "j")
        shown = screen_text(app).splitlines()
        assert len(shown) == 24 and all(len(line) <= 80 for line in shown)
        header = next(line for line in shown if "type" in line and "actor" in line)
        assert "crossing / post" in header, "the crossing column stays at 80 columns"
        assert "Al Qaim / Albu Kamal" in screen_text(app) and "Al Qaim (Iraq)" in screen_text(app)  # names whole, not cut
        event_rows = lines(app.screen.query_one(EventList))
        assert len([row for row in event_rows if row.strip()]) >= 9, "at least eight events on show, with the header"
        # the other panes fold to their title line; the article shows the lit sentence under the list
        assert any(line.startswith("─Articles 5─") for line in shown)
        assert any(line.startswith("─Status as of ") for line in shown)
        article = app.screen.query_one(ArticleView)
        lit = [line for line in lines(article) if line.startswith(("▶", "┃"))]
        assert lit and app.events[app.screen.query_one(EventList).cursor_key]["sentence"].split()[0] in lit[0]
        footer = shown[-1]
        assert "q Quit" in footer and "? Help" in footer and "/ Search" in footer


async def test_at_80x24_tab_brings_each_pane_up_in_turn(store_dir):
    async with browse(store_dir, size=SMALL) as (app, pilot):
        await press(pilot, "tab")  # the article: large, the lists folded
        article = app.screen.query_one(ArticleView)
        assert article.has_focus and article.size.height >= 15
        assert any(line.startswith("─Events ") for line in screen_text(app).splitlines()), "the events pane folds to its title"
        await press(pilot, "tab")  # the status: every post with its holder and dates, whole
        status = "\n".join(lines(app.screen.query_one(StatusTable)))
        assert "Al Karameh (Jordan)" in status and "Islamic State " in status and "Islamic…" not in status
        assert "since" in status and "2014-06-21" in status
        await press(pilot, "shift+tab", "shift+tab", "shift+tab")  # the articles: titles, outlets and dates
        articles = "\n".join(lines(app.screen.query_one(ArticleList)))
        assert app.screen.query_one(ArticleList).has_focus
        assert "Long War Journal" in articles and "2014-06-21" in articles
        assert app.screen.query_one(ArticleView).size.height >= 3, "the article previews under the article list"


async def test_at_80x24_a_click_on_a_folded_pane_brings_it_up(store_dir):
    async with browse(store_dir, size=SMALL) as (app, pilot):
        status_line = next(y for y, line in enumerate(screen_text(app).splitlines()) if line.startswith("─Status as of"))
        await pilot.click(offset=(10, status_line))
        await settle(pilot)
        assert app.screen.query_one(StatusTable).has_focus
        assert "Al Karameh (Jordan)" in "\n".join(lines(app.screen.query_one(StatusTable)))


async def test_at_160x48_the_four_panes_stand_side_by_side(store_dir):
    async with browse(store_dir, size=LARGE) as (app, pilot):
        shown = screen_text(app)
        assert "Articles 5" in shown and "Events " in shown and "Status as of" in shown
        for pane in (ArticleList, EventList, ArticleView, StatusTable):
            assert app.screen.query_one(pane).size.height >= 5
        footer = shown.splitlines()[-1]
        for key in ("/ Search", "n Note", "a Accept", "x Reject", "u Undo", "z Maximise", "q Quit", "? Help"):
            assert key in footer, key


@BOTH
async def test_z_maximises_the_focused_pane_and_z_or_esc_restores(store_dir, size):
    async with browse(store_dir, size=size) as (app, pilot):
        await press(pilot, "z")
        shown = screen_text(app)
        assert app.screen.maximized is app.screen.query_one("#events-pane")
        assert "Articles 5" not in shown and "Status as of" not in shown
        assert "Crosswatch" in shown.splitlines()[0] and "q Quit" in shown.splitlines()[-1]
        assert len(lines(app.screen.query_one(EventList))) >= size[1] - 5
        await press(pilot, "z")
        assert app.screen.maximized is None and "Status as of" in screen_text(app)
        await press(pilot, "tab", "z")
        assert app.screen.maximized is app.screen.query_one(ArticleView)
        assert app.screen.query_one(ArticleView).size.height >= size[1] - 5
        await press(pilot, "escape")
        assert app.screen.maximized is None and app.screen.query_one(ArticleView).has_focus


def test_columns_give_way_in_order_and_type_actor_and_crossing_stay():
    def shown(columns, width, hidden=frozenset()):
        return [c.label for c, w in zip(columns, column_widths(columns, width, hidden)) if w]

    events, hidden = EventList.COLUMNS, frozenset(["┆"])
    assert shown(events, 200, hidden) == ["date", "type", "actor", "crossing / post", "?", "✎", "✓", "sentence"]
    assert shown(events, 78, hidden) == ["date", "type", "actor", "crossing / post", "?", "✎", "✓"]  # the sentence first
    assert shown(events, 50, hidden) == ["type", "actor", "crossing / post", "?", "✎", "✓"]  # then the date
    widths = dict(zip((c.label for c in events), column_widths(events, 40, hidden)))
    assert widths["type"] >= 8 and widths["actor"] >= 10 and widths["crossing / post"] >= 14  # shrunk, kept
    at_78 = dict(zip((c.label for c in events), column_widths(events, 78, hidden)))
    assert at_78["crossing / post"] >= 22 and at_78["actor"] >= 16, "the dropped sentence's room shows names whole"
    status = StatusTable.COLUMNS
    assert shown(status, 78) == ["post", "holder", "since", "last rep.", "src", "⚠", "gate"]
    assert shown(status, 50)[:2] == ["post", "holder"] and "last rep." not in shown(status, 50) and "⚠" in shown(status, 50)
    assert shown(ArticleList.COLUMNS, 40) == ["≡", "title", "outlet"]


def test_pane_roles_for_each_size_and_focus():
    assert set(pane_roles(False, False, "events-pane").values()) == {""}
    small = pane_roles(True, True, "events-pane")
    assert small == {"articles": "-collapsed", "events-pane": "-large", "article": "-preview", "status": "-collapsed"}
    assert pane_roles(True, True, "status")["status"] == "-large" and pane_roles(True, True, "status")["article"] == "-collapsed"
    assert pane_roles(False, True, "articles") == {"articles": "-half", "events-pane": "", "article": "", "status": "-collapsed"}


@BOTH
async def test_the_footer_keeps_help_and_quit(store_dir, size):
    async with browse(store_dir, size=size) as (app, pilot):
        for keys in ((), ("tab",), ("tab",)):
            await press(pilot, *keys)
            footer = app.screen.query_one(KeyBar).text
            assert "q Quit" in footer and "? Help" in footer and len(footer) <= size[0], footer
        await press(pilot, "shift+tab", "shift+tab", "r")
        footer = app.screen.query_one(KeyBar).text
        assert "esc Leave review" in footer and "q Quit" in footer and "? Help" in footer, footer


@BOTH
async def test_every_dialog_stays_inside_the_screen(store_dir, size):
    async with browse(store_dir, size=size) as (app, pilot):
        for keys, dialog in (
            (("question_mark",), "#help"), (("j", "n"), "#note-editor"), (("c",), "#picker"), (("f",), "#picker"),
            (("t",), "#picker"), (("d",), "#dates"),
        ):
            await press(pilot, *keys)
            box = app.screen.query_one(dialog)
            assert inside_the_screen(app, box), (dialog, box.region, size)
            await press(pilot, "escape")
            assert isinstance(app.screen, MainScreen), dialog
        await press(pilot, "j", "n")
        shown = screen_text(app)
        assert "F2: save" in shown and "Save" in shown and "Cancel" in shown, "the note editor's keys and buttons show"
        about = app.screen.query_one("#note-editor .about")
        assert inside_the_screen(app, about) and about.size.height >= 1, "the event's summary wraps inside the dialog"
        if size == SMALL:
            summary = next(line for line in shown.splitlines() if "captured ·" in line or "holds ·" in line)
            assert summary.startswith("┃ ") and summary.rstrip().endswith("┃"), summary
        await press(pilot, "escape")
        await press(pilot, "l")  # the timeline: the picture, the stretch and its events
        assert type(app.screen).__name__ == "TimelineScreen"
        for widget in ("#timeline-view", "#timeline-events"):
            assert inside_the_screen(app, app.screen.query_one(widget))
        assert app.screen.query_one("#timeline-events").size.height >= 4
        await press(pilot, "escape", "r")  # review: the event and its article
        assert type(app.screen).__name__ == "ReviewScreen"
        assert inside_the_screen(app, app.screen.query_one("#review-article"))
        assert app.screen.query_one("#review-article").size.height >= 5
        assert "decision  unreviewed" in screen_text(app)


async def test_the_actor_chooser_of_a_candidate_stays_inside_80x24(tmp_path):
    store = build_store(tmp_path / "store", [write_report(tmp_path / "reports")])
    async with browse(store, size=SMALL) as (app, pilot):
        app.screen.query_one(EventList).move_to_key(by_sentence(app.events.values(), RABIA)["id"])
        await press(pilot, "e")
        assert type(app.screen).__name__ == "ActorScreen"
        assert inside_the_screen(app, app.screen.query_one("#complete"))
        assert "Islamic State" in screen_text(app)


# -- 2. focus and feedback ------------------------------------------------------------------------------


@BOTH
async def test_enter_after_a_search_gives_tab_and_single_keys_back_to_the_list(store_dir, size):
    async with browse(store_dir, size=size) as (app, pilot):
        events, search = app.screen.query_one(EventList), app.screen.query_one("#search", Input)
        await press(pilot, "slash", *"waleed", "enter")
        assert events.has_focus and search.display and search.value == "waleed"
        await press(pilot, "g")  # a key for the list, not a letter for the box
        assert search.value == "waleed" and "by incident" in app.screen.events_heading
        await press(pilot, "tab")
        assert app.screen.query_one(ArticleView).has_focus, "Tab goes to the next pane, not back into the search box"
        await press(pilot, "shift+tab")
        assert events.has_focus
        await press(pilot, "slash")  # `/` goes back to the search, with its words
        assert search.has_focus and search.value == "waleed"
        await press(pilot, "escape")
        assert events.has_focus and not search.display and search.value == ""


@BOTH
async def test_an_empty_result_says_so_and_no_sentence_stays_lit(store_dir, size):
    async with browse(store_dir, size=size) as (app, pilot):
        await press(pilot, "j", "slash", *"qqqzzz")
        events, article = app.screen.query_one(EventList), app.screen.query_one(ArticleView)
        assert not events.keys
        assert "no events match — Esc clears" in "\n".join(lines(events))
        assert "no events match — Esc clears" in screen_text(app)
        assert article.lit is None and not any(line.startswith(("▶", "┃")) for line in lines(article))
        assert article.border_subtitle == "no event shown"
        await press(pilot, "escape")
        assert events.keys and article.lit is app.events[events.cursor_key]


async def test_a_bad_date_is_refused_saying_what_is_wrong(store_dir):
    async with browse(store_dir, size=SMALL) as (app, pilot):
        await press(pilot, "d", *"2014-13-01", "enter", "enter")
        assert type(app.screen).__name__ == "DateRangeScreen", "refused: the dialog stays"
        assert "“2014-13-01” (from): month must be in 1..12" in screen_text(app)
        assert app.screen.query_one("#date-from", Input).has_focus, "the focus goes back to the wrong box"
        await press(pilot, "ctrl+u", *"June 2014", "enter", "enter")
        assert "“June 2014” (from): not a date: write it as YYYY-MM-DD" in screen_text(app)
        await press(pilot, "ctrl+u", *"2014-08-01", "enter", *"2014-06-01", "enter")
        assert "the start 2014-08-01 is after the end 2014-06-01" in screen_text(app)
        await press(pilot, "ctrl+u", "enter", "enter")  # an open start: accepted
        assert isinstance(app.screen, MainScreen) and "dates …..2014-06-01" in app.screen.events_heading


@BOTH
async def test_undo_names_the_event_and_brings_the_cursor_to_it(store_dir, size):
    async with browse(store_dir, size=size) as (app, pilot):
        events = app.screen.query_one(EventList)
        await press(pilot, "j", "j", "a")
        decided = app.events[events.cursor_key]
        await press(pilot, "j", "j", "j", "j", "tab")
        app.clear_notifications()
        await press(pilot, "u")
        said = toasts(app)
        assert said == [f"Undone: accepted → unreviewed · {event_name(decided)}"], said
        assert decided["type"] in said[0] and faction_name(decided["actor"], event_day(decided)) in said[0]
        assert post_label(decided["crossing"], decided.get("side")) in said[0]
        assert decided["actor"] not in said[0] and decided["crossing"] not in said[0], "names, never ids"
        assert events.cursor_key == decided["id"] and events.has_focus and decided["decision"] is None


async def test_undo_of_an_event_the_filters_hide_says_so(store_dir):
    async with browse(store_dir, size=SMALL) as (app, pilot):
        events = app.screen.query_one(EventList)
        await press(pilot, "n", *"checked", "f2")
        noted = app.events[events.cursor_key]
        await press(pilot, "slash", *"zzzqqq", "enter")
        app.clear_notifications()
        await press(pilot, "u")
        said = toasts(app)
        assert len(said) == 1 and said[0].startswith("Undone: note removed · "), said
        assert said[0].endswith("not among the shown events (Esc clears the filters)")
        assert noted["note"] is None


@BOTH
async def test_brackets_at_the_ends_keep_one_toast(store_dir, size):
    async with browse(store_dir, size=size) as (app, pilot):
        app.clear_notifications()
        for _ in range(5):
            await press(pilot, "right_square_bracket")
        newest = app.screen.as_of
        assert toasts(app, "Status date") == [f"No later change than {newest}."]
        await press(pilot, "left_square_bracket", "right_square_bracket", "right_square_bracket", "right_square_bracket")
        assert app.screen.as_of == newest
        assert toasts(app, "Status date") == [f"No later change than {newest}."]


@BOTH
async def test_f1_opens_help_and_closes_it(store_dir, size):
    async with browse(store_dir, size=size) as (app, pilot):
        await press(pilot, "f1")
        assert type(app.screen).__name__ == "HelpScreen"
        assert "?, f1" in screen_text(app) and "Maximise" in screen_text(app)
        assert inside_the_screen(app, app.screen.query_one("#help"))
        await press(pilot, "f1")
        assert isinstance(app.screen, MainScreen)


async def pick_first(pilot, key: str) -> None:
    await press(pilot, key, "space", "enter")


@BOTH
async def test_filters_that_do_not_fit_the_title_go_to_a_line_of_chips_and_i_lists_them_all(store_dir, size):
    async with browse(store_dir, size=size) as (app, pilot):
        chips = app.screen.query_one(FilterChips)
        pane = app.screen.query_one("#events-pane")
        await pick_first(pilot, "c")  # one filter: the title has room for it
        assert "· crossing Al Qaim / Albu Kamal" in title(pane) and not chips.display
        await pick_first(pilot, "f")
        await pick_first(pilot, "t")
        await press(pilot, "slash", *"the", "enter")
        heading = app.screen.events_heading
        assert heading.count(" · ") == 4
        shown = screen_text(app)
        assert chips.display and title(pane).endswith("· 4 filters")
        assert "crossing Al Qaim / Albu Kamal" in shown, "the first filters show as chips under the title"
        assert "type " in chips.text, "a shorter chip after a long one still shows"
        assert " more (i: all)" in chips.text, chips.text
        app.clear_notifications()
        await press(pilot, "i")
        listed = toasts(app)
        assert len(listed) == 1
        for part in heading.split(" · ")[1:]:
            assert part in listed[0], (part, listed)
        await press(pilot, "i")
        assert len(toasts(app)) == 1, "asking again replaces the list"
        await press(pilot, "escape", "escape", "escape")
        assert "· crossing Al Qaim / Albu Kamal" in title(pane) and not chips.display


def test_chips_cut_where_the_line_ends():
    parts = ["crossing Al Waleed / Al Tanf", "faction Islamic State", 'text "the"']
    assert chips_that_fit(parts, 200) == (parts, 0)
    assert chips_that_fit(parts, 66) == ([parts[0], parts[2]], 1)  # the long middle one gives way to the short last
    assert chips_that_fit(parts, 50) == ([parts[0]], 2)
    chips, left = chips_that_fit(parts, 30)
    assert left == 2 and chips[0].endswith("…") and len(chips[0]) <= 30
    assert chips_that_fit([], 10) == ([], 0)


async def test_chips_and_the_filter_list_show_markup_as_text(store_dir):
    words = "[bold red]x[/] [@click=app.quit]"
    async with browse(store_dir, size=SMALL) as (app, pilot):
        await pick_first(pilot, "c")
        await pick_first(pilot, "f")
        await press(pilot, "slash", *words, "enter")
        chips = app.screen.query_one(FilterChips)
        assert chips.display
        await press(pilot, "i")
        assert any(f'text "{words}"' in said for said in toasts(app)), toasts(app)
        await pilot.click(FilterChips)
        assert app.is_running, "clicking the chips runs nothing"
