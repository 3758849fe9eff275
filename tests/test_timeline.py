"""The timeline of a crossing, in a small app over a real store of the bundled reports (hand-labelled events)."""
from __future__ import annotations

from datetime import date

import pytest
from textual.app import App
from textual.widgets import DataTable, Static

from store.status import engine_for
from store.status_timeline import crossing_timeline
from tui.screens.timeline import TimelineScreen
from tui.widgets.timeline import TimelineView
from tui.widgets.timeline_scale import Scale

from status_store import labelled_store


@pytest.fixture
def store(tmp_path):
    st = labelled_store(tmp_path / "store")
    yield st
    st.close()


class TimelineApp(App):
    def __init__(self, store, crossing):
        super().__init__()
        self.store, self.crossing = store, crossing

    def on_mount(self) -> None:
        self.push_screen(TimelineScreen(self.store, self.crossing))


async def opened(pilot):
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    return pilot.app.screen


def band_lines(view: TimelineView) -> list[str]:
    return view.render().plain.splitlines()


def stretch(screen) -> str:
    return str(screen.query_one("#timeline-stretch", Static).render())


def listed(screen) -> list[str]:
    table = screen.query_one("#timeline-events", DataTable)
    return [str(table.get_row_at(i)[-1]) for i in range(table.row_count)]


def test_al_waleed_history_by_hand(store):
    timeline = crossing_timeline(engine_for(store), "al-waleed")
    iq = [(s.start.isoformat(), s.last.isoformat(), s.holder, s.contested) for s in timeline.segments["iq"]]
    assert iq == [
        ("2014-06-22", "2014-06-23", "islamic-state", False),  # captured June 22 (LWJ dated, AFP "Sunday")
        ("2014-06-24", "2014-07-05", "islamic-state", True),  # spokesman's retake vs "still held"
        ("2014-07-06", "2015-05-24", "iraq-gov", False),  # "retaken ... just days later" (000, 001), held in May 2015
        ("2015-05-25", "2015-05-25", "islamic-state", False),  # "early this morning took control" (000)
    ]
    sy = [(s.start.isoformat(), s.holder, s.contested) for s in timeline.segments["sy"]]
    assert sy == [("2014-06-22", "islamic-state", False), ("2014-06-24", "islamic-state", True),
                  ("2014-07-06", "iraq-gov", False), ("2015-05-22", "islamic-state", False)]
    kinds = {t.type for t in timeline.ticks["iq"]}
    assert {"captured", "holds", "attacked", "withdrew"} <= kinds


def test_scale_gives_every_change_day_room_and_keeps_order():
    days = [date(2014, 6, 22), date(2014, 6, 24), date(2015, 5, 22), date(2015, 5, 26)]
    scale = Scale(days, 100)
    cols = [scale.col(d) for d in days]
    assert cols[0] == 0 and cols[-1] == 99 and cols == sorted(cols)
    assert cols[1] - cols[0] >= 10  # two days in June 2014 are not crushed by the year after
    assert scale.col(date(2014, 12, 1)) < scale.col(date(2015, 3, 1))


async def test_the_timeline_is_a_picture_with_letters_ticks_contested_marks_and_a_legend(store):
    async with TimelineApp(store, "al-waleed").run_test(size=(140, 40)) as pilot:
        screen = await opened(pilot)
        lines = band_lines(screen.query_one(TimelineView))
        iq_band, iq_ticks = lines[0], lines[1]
        assert iq_band.startswith("Al Waleed (iq)") and lines[3].startswith("Al Tanf (sy)")
        assert "I" in iq_band and "G" in iq_band and "?" in iq_band  # holders by letter, contested by ?
        assert "▲" in iq_ticks and "✕" in iq_ticks  # captures claimed, the December attack
        assert any(line.strip().startswith("2014-06-22") for line in lines)  # the axis
        legend = "\n".join(line for line in lines if "Legend" in line or line.startswith(" "))
        for words in ("Islamic State", "Iraqi government forces", "contested", "attack", "capture claimed"):
            assert words in legend


async def test_selecting_a_stretch_lists_the_events_behind_it(store):
    async with TimelineApp(store, "al-waleed").run_test(size=(140, 40)) as pilot:
        screen = await opened(pilot)
        assert "2015-05-25" in stretch(screen) and "held by Islamic State" in stretch(screen)
        assert any("early this morning took control" in s for s in listed(screen))
        await pilot.press("left")
        assert "held by Iraqi government forces" in stretch(screen) and "2014-07-06 → 2015-05-24" in stretch(screen)
        assert any("remain in control of the Trebil crossing" in s for s in listed(screen))
        await pilot.press("left")
        assert "CONTESTED" in stretch(screen)
        sentences = listed(screen)
        assert any("government forces had retaken Al Waleed" in s for s in sentences)
        assert any("still held by militants" in s for s in sentences)
        await pilot.press("home")
        assert "2014-06-22 → 2014-06-23" in stretch(screen)


async def test_moving_to_the_other_post_keeps_the_time(store):
    async with TimelineApp(store, "al-waleed").run_test(size=(140, 40)) as pilot:
        screen = await opened(pilot)
        await pilot.press("left", "left")  # the contested stretch of the Iraqi post
        await pilot.press("down")
        assert "Al Tanf (sy)" in stretch(screen) and "CONTESTED" in stretch(screen)
        await pilot.press("up")
        assert "Al Waleed (iq)" in stretch(screen)


async def test_clicking_the_band_selects_the_stretch_under_the_mouse(store):
    async with TimelineApp(store, "al-waleed").run_test(size=(140, 40)) as pilot:
        screen = await opened(pilot)
        view = screen.query_one(TimelineView)
        first_column = view._label_width()
        await pilot.click(TimelineView, offset=(first_column + 2, 1))  # border row + band row
        await pilot.pause()
        assert "2014-06-22 → 2014-06-23" in stretch(screen), stretch(screen)


async def test_a_crossing_no_report_names_says_so(store):
    async with TimelineApp(store, "kessab").run_test(size=(100, 30)) as pilot:
        screen = await opened(pilot)
        assert "No report names this crossing." in stretch(screen)
        await pilot.press("left", "down")  # nothing to move: no error


async def test_hostile_names_and_sentences_reach_the_screen_as_plain_text(tmp_path):
    from store import ids
    from store.db import Store

    text = "Gunmen \x1b[2J\x1b]0;pwned\x07[bold red]seized[/] the Rabia crossing today."
    text_hash = ids.content_hash(text)
    aid = ids.article_id(text_hash)
    event = {"type": "captured", "actor": "\x1b[31m[link=x]evil", "crossing": "rabia", "side": None, "date": None,
             "sentence": text, "start": 0, "end": len(text), "hedged": False, "source": "\x9b2Jspokes[man]",
             "actor_text": "Gunmen", "crossing_text": "Rabia", "date_text": None, "extractor": "hand"}
    event.update(id=ids.event_ids(aid, [event])[0], article_id=aid)
    meta = {"id": aid, "name": "x.txt", "path": "x.txt", "title": "x", "source": "Evil\x1b[5m Outlet",
            "published": "2016-01-01", "url": None, "hash": text_hash, "n_events": 1, "ingested_at": None, "extractor": "hand"}
    with Store.open(tmp_path / "s") as store:
        store.replace_articles([(meta, [event], text)])
        async with TimelineApp(store, "rabia").run_test(size=(120, 30)) as pilot:
            screen = await opened(pilot)
            shown = "\n".join(band_lines(screen.query_one(TimelineView))) + stretch(screen) + "".join(listed(screen))
            assert "\x1b" not in shown and "\x9b" not in shown and "\x07" not in shown
            assert "[bold red]seized[/]" in "".join(listed(screen))  # markup shown as text, not applied
            letter = band_lines(screen.query_one(TimelineView))[0].split()[2]
            assert letter.isalnum()  # an unknown holder gets a letter from its id, never a control or bracket
