"""Names, not ids, everywhere a person reads the browser; and finding a faction or crossing by any
of its names (issue 12; issue 11's "everywhere"). Each test presses keys and reads the screen."""
from __future__ import annotations

import csv

from textual.command import CommandPalette
from textual.widgets import DataTable, Static

from test_tui_support import needs_events, browse, bundled_store_template, lines, press, settle, store_dir, title  # noqa: F401
from tui.screens.main import MainScreen
from tui.screens.picker import PickerScreen
from tui.screens.review import ReviewScreen
from tui.screens.timeline import TimelineScreen
from tui.widgets.lists import EventList, StatusTable

pytestmark = needs_events

IDS = ("islamic-state", "iraq-gov", "al-waleed", "al-qaim", "trebil·", "rabia·", "jordan-gov", "sdf ", "·iq", "·sy")


def screen_text(app) -> str:
    """Every line the terminal shows now."""
    return "\n".join("".join(segment.text for segment in strip) for strip in app.screen._compositor.render_strips())


def events_title(app) -> str:
    """The events pane's heading with every filter: its title, or where the title has no room for the
    filters, the counts there and the filters on the chips line under it (test_tui_small_terminal.py)."""
    return app.screen.events_heading


def no_ids(text: str) -> list[str]:
    return [i for i in IDS if i in text]


async def palette(pilot, words: str) -> None:
    await press(pilot, "ctrl+p")
    assert isinstance(pilot.app.screen, CommandPalette)
    await pilot.press(*words)
    for _ in range(40):  # the palette searches in the background
        await pilot.pause(0.05)
        if pilot.app.screen.query_one("CommandList").option_count:
            break
    await press(pilot, "enter")


async def test_events_and_status_panes_show_names_as_of_their_dates(store_dir):
    async with browse(store_dir) as (app, pilot):
        shown = screen_text(app)
        assert no_ids(shown) == [], no_ids(shown)
        events = "\n".join(lines(app.screen.query_one(EventList)))
        assert "Al Qaim (Iraq)" in events and "Al Waleed / Al Tanf" in events  # a post; a crossing with no side given
        assert "Iraqi forces" in events and "Islamic State" in events
        june_2014 = [line for line in events.splitlines() if "2014-06-2" in line and "captured" in line]
        assert any("ISIS " in line for line in june_2014)  # named Islamic State with the caliphate, 29 June 2014
        status = "\n".join(lines(app.screen.query_one(StatusTable)))
        assert "Al Waleed (Iraq)" in status and "Al Tanf (Syria)" in status
        assert "YPG" in status and "SDF" not in status  # as of 2015-05-25: the SDF was founded in October 2015
        assert "Jordanian forces (as" in status  # Al Karameh: Jordan's, assumed


async def test_enter_on_a_status_row_names_the_post_in_the_events_title(store_dir):
    async with browse(store_dir) as (app, pilot):
        table = app.screen.query_one(StatusTable)
        table.focus()
        table.move_to_key(("al-waleed", "sy"))
        await press(pilot, "enter")
        assert "evidence for post Al Tanf (Syria)" in events_title(app) and no_ids(events_title(app)) == []


async def test_review_names_actor_and_post(store_dir):
    async with browse(store_dir) as (app, pilot):
        await press(pilot, "r")
        assert isinstance(app.screen, ReviewScreen)
        while not (app.screen.current or {}).get("side") or app.screen.current.get("candidate"):
            await press(pilot, "space")  # to an event with an actor and a side
        event = app.screen.current
        detail = str(app.screen.query_one("#review-event", Static).render())
        assert no_ids(detail) == [], detail
        assert "Al Waleed (Iraq)" in detail or "Al Qaim (Iraq)" in detail or "(Syria)" in detail
        assert any(name in detail for name in ("ISIS (Islamic State of Iraq and al-Sham)", "Islamic State",
                                               "Militants (unnamed)", "Iraqi government forces")), event


async def test_the_note_dialog_names_the_event(store_dir):
    async with browse(store_dir) as (app, pilot):
        event = app.events[app.screen.query_one(EventList).cursor_key]
        assert (event["actor"], event["crossing"], event["side"]) == ("islamic-state", "al-qaim", "iq")  # LWJ, 21 June 2014
        await press(pilot, "n")
        about = str(app.screen.query_one(".about", Static).render())
        assert about == f"{event['type']} · ISIS (Islamic State of Iraq and al-Sham) · Al Qaim (Iraq) · ~2014-06-21"
        assert no_ids(screen_text(app)) == []


async def test_the_timeline_names_crossing_posts_and_holders(store_dir):
    async with browse(store_dir) as (app, pilot):
        events = app.screen.query_one(EventList)
        events.move_to_key(next(k for k in events.keys if app.events[k]["crossing"] == "al-waleed"))
        await press(pilot, "l")
        assert isinstance(app.screen, TimelineScreen)
        for _ in range(100):
            await pilot.pause(0.05)
            if app.screen.timeline is not None:
                break
        await press(pilot, "left", "left")
        shown = screen_text(app)
        assert "Timeline · Al Waleed / Al Tanf" in shown and "(al-waleed)" not in shown
        assert "Al Waleed (Iraq)" in shown and "Al Tanf (Syria)" in shown
        assert "ISIS (Islamic State of Iraq and al-Sham) → Islamic State" in shown  # the legend, across the renaming
        table = app.screen.query_one("#timeline-events", DataTable)
        actors = {str(table.get_row_at(i)[2]) for i in range(table.row_count)}
        assert actors and actors <= {"ISIS", "Islamic State", "Militants", "Iraqi forces"}, actors
        assert no_ids(shown) == [], no_ids(shown)


async def test_pickers_find_by_any_name(store_dir):
    async with browse(store_dir) as (app, pilot):
        await press(pilot, "f", *"daesh")
        assert isinstance(app.screen, PickerScreen)
        picker = app.screen.query_one("SelectionList")
        assert picker.option_count == 1 and "Islamic State" in str(picker.get_option_at_index(0).prompt)
        await press(pilot, "enter")  # nothing ticked: the option the words found
        assert isinstance(app.screen, MainScreen) and "faction Islamic State" in events_title(app)
        assert {app.events[k]["actor"] for k in app.screen.query_one(EventList).keys} == {"islamic-state"}

        await press(pilot, "c", *"Abu Kamal", "enter")
        assert "crossing Al Qaim / Albu Kamal" in events_title(app)
        await press(pilot, "escape", "escape")

        await press(pilot, "f", *"YPG", "down", "space", "escape")  # tick the SDF; Esc drops the words
        assert isinstance(app.screen, PickerScreen)
        await press(pilot, *"iraqi forces", "down", "space", "enter")
        assert "faction Iraqi government forces, Syrian Democratic Forces" in events_title(app)


async def test_a_picker_says_when_nothing_goes_by_the_words(store_dir):
    async with browse(store_dir) as (app, pilot):
        await press(pilot, "c", *"Erbil")
        assert "nothing goes by “Erbil”" in str(app.screen.query_one("#picker-none").render())
        await press(pilot, "enter")
        assert isinstance(app.screen, PickerScreen), "Enter with nothing found keeps the picker open"
        await press(pilot, "escape", "escape")
        assert isinstance(app.screen, MainScreen) and events_title(app) == f"Events {len(app.events)}"


async def test_the_palette_finds_factions_crossings_and_posts_by_any_name(store_dir):
    async with browse(store_dir) as (app, pilot):
        await press(pilot, "ctrl+p", *"daesh")
        for _ in range(40):
            await pilot.pause(0.05)
            if app.screen.query_one("CommandList").option_count:
                break
        shown = screen_text(app)
        assert "Faction: Islamic State  · “Daesh”" in shown and "islamic-state" not in shown
        await press(pilot, "escape")

        for words, heading in (("Daesh", "faction Islamic State"), ("YPG", "faction Syrian Democratic Forces"),
                               ("Post: Tanf", "post Al Tanf (Syria)"), ("Crossing: Abu Kamal", "crossing Al Qaim / Albu Kamal"),
                               ("crossing: al-waleed", "crossing Al Waleed / Al Tanf")):
            await palette(pilot, words)
            assert isinstance(app.screen, MainScreen)
            assert heading in events_title(app), (words, events_title(app))
            await press(pilot, "escape")


async def test_the_palette_exports_csv_and_says_what_it_left_out(store_dir):
    async with browse(store_dir) as (app, pilot):
        await palette(pilot, "Export: events as CSV")
        await app.workers.wait_for_complete()
        await settle(pilot)
        exports = list((store_dir / "exports").glob("*.csv"))
        assert len(exports) == 1
        with exports[0].open(encoding="utf-8") as fh:
            rows = list(csv.DictReader(fh))
        assert rows and {"actor1", "actor1_id", "latitude", "longitude", "outlet", "speaker", "article_title"} <= set(rows[0])
        said = " ".join(str(n.message) for n in app._notifications)
        assert f"Exported to {exports[0]}" in said and "left out" in said and "candidate" in said  # the open candidates
