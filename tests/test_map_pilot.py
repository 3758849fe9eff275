"""The map screen in the browser, on the store built from the bundled reports: keys pressed, screen read.

`m` opens it over the main screen; `[` / `]` step the main screen's as-of date; Enter goes back to
the main screen filtered to the selected crossing; Escape goes back unfiltered. At 80x24 and 160x48.
"""
from __future__ import annotations

import pytest
from textual.app import App

from test_tui_support import browse, bundled_store_template, needs_events, press, settle, store_dir, title  # noqa: F401
from store.map_picture import neighbour
from store.names import crossing_name, faction_name
from tui.screens.main import MainScreen
from tui.screens.map import MapScreen, holders_shown
from tui.screens.map_view import MapView, post_mark
from tui.screens.status_feed import step_as_of
from tui.widgets.lists import EventList, StatusTable

pytestmark = needs_events
SIZES = [pytest.param((80, 24), id="80x24"), pytest.param((160, 48), id="160x48")]
IDS = ("islamic-state", "iraq-gov", "jordan-gov", "al-waleed", "al-qaim", "syria-gov", "krg")


def screen_text(app) -> str:
    """Every line the terminal shows now."""
    return "\n".join("".join(segment.text for segment in strip) for strip in app.screen._compositor.render_strips())


def panel_text(app) -> str:
    """The side panel as one line of words (names wrapped over two lines read as one)."""
    region = app.screen.query_one("#map-side").region
    rows = screen_text(app).splitlines()[region.y: region.bottom]
    return " ".join(" ".join(row[region.x: region.right].split()) for row in rows)


def main_screen(app) -> MainScreen:
    return next(screen for screen in app.screen_stack if isinstance(screen, MainScreen))


def expected_marker(view: MapView, crossing: str) -> str:
    place = next(p for p in view.places if p.crossing == crossing)
    return "".join(post_mark(view.posts.get((crossing, side)))[0] for side in place.sides)


def marker_text(view: MapView, crossing: str) -> str:
    marker = view.picture.markers[crossing]
    return view.text_lines()[marker.row][marker.column: marker.column + marker.width]


async def open_map(app, pilot) -> MapScreen:
    await press(pilot, "m")
    assert isinstance(app.screen, MapScreen)
    return app.screen


async def select(pilot, screen: MapScreen, crossing: str) -> None:
    """Tab through the markers until `crossing` is selected (reading order: every marker once)."""
    view = screen.query_one(MapView)
    for _ in range(len(view.picture.markers) + 1):
        if view.selected == crossing:
            return
        await press(pilot, "tab")
    assert view.selected == crossing


@pytest.mark.parametrize("size", SIZES)
async def test_m_opens_a_map_of_every_crossing_lettered_by_holder_with_a_legend_by_name(store_dir, size):
    async with browse(store_dir, size=size) as (app, pilot):
        main = app.screen
        day = main.as_of
        status = dict(main.query_one(StatusTable).posts)
        screen = await open_map(app, pilot)
        view = screen.query_one(MapView)
        assert screen.day == day and view.posts.keys() == status.keys()
        shown = screen_text(app)
        assert f"Crossings · status as of {day}" in shown
        assert len(view.picture.markers) == 22  # every crossing of the gazetteer
        for crossing, marker in view.picture.markers.items():
            assert marker_text(view, crossing) == expected_marker(view, crossing)
        assert marker_text(view, "al-qaim") == "II"  # Islamic State on both sides of Al Qaim / Albu Kamal
        assert marker_text(view, "trebil") == "Gj"  # Iraqi forces at Trebil; Al Karameh Jordan's, assumed
        assert marker_text(view, "nasib") == "··"  # no report names Nasib / Jaber
        for crossing in ("al-qaim", "trebil", "rabia"):
            assert expected_marker(view, crossing) in shown
        held, assumed = holders_shown(list(status.values()))
        assert "islamic-state" in held and "jordan-gov" in assumed
        seen = panel_text(app)
        for _ in range(4):  # at 80x24 the legend runs below the panel: page it into view
            await press(pilot, "pagedown")
            seen += " " + panel_text(app)
        assert screen.short == (size[0] < 100)  # a narrow panel names factions by their short names
        for faction in held + assumed:
            assert faction_name(faction, day, short=screen.short) in seen, faction
        if screen.short:
            assert "KRG forces" in seen and "YPG" in seen and "Jordanian forces, assumed" in seen
        else:
            assert "Kurdistan Regional Government forces" in seen and "People's Protection Units (YPG)" in seen
        assert [i for i in IDS if i in seen + shown] == []  # names, never ids
        assert "contested: reports disagree" in seen and "no report names the post" in seen


@pytest.mark.parametrize("size", SIZES)
async def test_brackets_step_the_date_the_main_screen_steps_and_the_letters_follow(store_dir, size):
    async with browse(store_dir, size=size) as (app, pilot):
        newest = app.screen.as_of
        screen = await open_map(app, pilot)
        view = screen.query_one(MapView)
        main = main_screen(app)
        earlier = step_as_of(main.feed.days, newest, -1)
        assert marker_text(view, "al-waleed")[0] == "I"  # Islamic State at Al Waleed, as of 2015-05-25
        await press(pilot, "left_square_bracket")
        assert screen.day == earlier == main.as_of == main.query_one(StatusTable).day
        assert f"status as of {earlier}" in screen_text(app) and f"As of {earlier}" in screen_text(app)
        assert view.posts == main.query_one(StatusTable).posts  # the status pane's own answer
        assert marker_text(view, "al-waleed")[0] == "G"  # "the Iraqi Security Forces are in control" (May 22)
        await press(pilot, "right_square_bracket")
        assert screen.day == newest and f"status as of {newest}" in screen_text(app)
        assert marker_text(view, "al-waleed")[0] == "I"
        await press(pilot, "right_square_bracket")  # no later change: the date stays
        assert screen.day == newest
        await press(pilot, "escape")
        assert isinstance(app.screen, MainScreen) and app.screen.as_of == newest


@pytest.mark.parametrize("size", SIZES)
async def test_enter_goes_back_to_the_main_screen_filtered_to_the_selected_crossing(store_dir, size):
    async with browse(store_dir, size=size) as (app, pilot):
        total = len(app.screen.shown)
        screen = await open_map(app, pilot)
        await select(pilot, screen, "al-waleed")
        shown = panel_text(app)
        assert "Al Waleed / Al Tanf" in shown and "Al Waleed (Iraq)" in shown and "Al Tanf (Syria)" in shown
        await press(pilot, "enter")
        main = app.screen
        assert isinstance(main, MainScreen)
        assert main.flt.crossings == frozenset({"al-waleed"}) and not main.flt.sides
        assert main.shown and len(main.shown) < total
        assert all(event["crossing"] == "al-waleed" for event in main.shown)
        assert "Al Waleed / Al Tanf" in title(main.query_one("#events-pane"))
        assert main.query_one(EventList).has_focus
        await press(pilot, "escape")  # Esc steps back to no filter, as after the crossing picker
        assert main.flt.crossings == frozenset()


async def test_escape_closes_the_map_and_keeps_the_filter(store_dir):
    async with browse(store_dir) as (app, pilot):
        before = app.screen.flt
        await open_map(app, pilot)
        await press(pilot, "tab", "tab", "escape")
        assert isinstance(app.screen, MainScreen) and app.screen.flt == before


@pytest.mark.parametrize("size", SIZES)
async def test_arrows_and_tab_move_the_selection_and_a_click_selects_a_post(store_dir, size):
    async with browse(store_dir, size=size) as (app, pilot):
        screen = await open_map(app, pilot)
        view = screen.query_one(MapView)
        await select(pilot, screen, "al-qaim")
        markers = view.picture.markers
        east = neighbour(markers, "al-qaim", "right")
        await press(pilot, "right")
        assert view.selected == east and markers[east].column > markers["al-qaim"].column
        await press(pilot, "left")
        assert view.selected == neighbour(markers, east, "left")
        await press(pilot, "up")
        north = view.selected
        assert markers[north].row <= markers[neighbour(markers, north, "down") or north].row
        marker = markers["rabia"]
        await pilot.click(MapView, offset=(marker.column + 1 + 1, marker.row + 1))  # the border, then the 2nd letter
        await settle(pilot)
        assert view.selected == "rabia"
        shown = panel_text(app)
        assert crossing_name("rabia") in shown and "Al Yarubiyah (Syria)" in shown
        line = view.text_lines()[marker.row]
        assert line[marker.column - 1] == "▸"  # the selection is marked by a sign, not by colour alone


async def test_the_map_starts_on_the_crossing_of_the_event_under_the_cursor(store_dir):
    async with browse(store_dir) as (app, pilot):
        crossing = app.screen.events[app.screen.query_one(EventList).cursor_key]["crossing"]
        screen = await open_map(app, pilot)
        assert screen.query_one(MapView).selected == crossing


async def test_m_is_listed_in_help(store_dir):
    async with browse(store_dir) as (app, pilot):
        await press(pilot, "question_mark")
        table = app.screen.table()
        assert "map" in [str(row) for row in table.columns[2]._cells]
        assert "Map of the crossings" in [str(row) for row in table.columns[1]._cells]


class BareMap(App):
    """A map with no main screen under it: it asks a status feed of its own."""

    def __init__(self, store) -> None:
        super().__init__()
        self.store = store
        self.closed_with = "not yet"

    def on_mount(self) -> None:
        self.push_screen(MapScreen(self.store), self.closed)

    def closed(self, crossing) -> None:
        self.closed_with = crossing


async def test_a_map_on_its_own_computes_its_status_and_closes_with_the_crossing(store_dir):
    from store.db import Store

    store = Store.open(store_dir)
    try:
        app = BareMap(store)
        async with app.run_test(size=(120, 40)) as pilot:
            screen = app.screen
            for _ in range(200):
                await pilot.pause(0.05)
                if not screen.status_pending and screen.query_one(MapView).selected:
                    break
            view = screen.query_one(MapView)
            assert screen.day and marker_text(view, "al-qaim") == "II"
            await pilot.press("left_square_bracket")
            for _ in range(200):
                await pilot.pause(0.05)
                if not screen.status_pending:
                    break
            assert screen.day < "2015-05-25"
            selected = view.selected
            await pilot.press("enter")
            await pilot.pause()
            assert app.closed_with == selected
    finally:
        store.close()
