"""The timeline of a crossing, in a small app over a real store of the bundled reports (hand-labelled events)."""
from __future__ import annotations

import json
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
    sy = [(s.start.isoformat(), s.holder, s.contested, s.assumed) for s in timeline.segments["sy"]]
    # Al Tanf: the June 2014 capture was of the Iraqi post (the Iraqi forces left it: store.ousted), the
    # Iraqi retake can only be of the Iraqi post (store.holding); Syria's, assumed, until IS took it in May 2015
    # (the December 23 attack on "the Al Waleed crossing" is the first report that reaches it: a new stretch, same holder)
    assert sy == [("2014-06-22", "syria-gov", False, True), ("2014-12-23", "syria-gov", False, True),
                  ("2015-05-22", "islamic-state", False, False)]
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
        assert iq_band.startswith("Al Waleed (Iraq)") and lines[3].startswith("Al Tanf (Syria)")
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
        await pilot.press("left", "left")  # the contested stretch of the Iraqi post (June 24 - July 5, 2014)
        await pilot.press("down")  # Al Tanf then: Syria's, assumed (no report names its holder before May 2015)
        assert "Al Tanf (Syria)" in stretch(screen) and "assumed" in stretch(screen)
        await pilot.press("up")
        assert "Al Waleed (Iraq)" in stretch(screen)


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


# -- in the browser: the timeline asks the status pane's engine ------------------------------------

def pane_sources(app, crossing: str) -> dict:
    from tui.widgets.lists import StatusTable

    return {side: p["sources"] for (place, side), p in app.screen.query_one(StatusTable).posts.items() if place == crossing}


def timeline_sources(screen) -> dict:
    return {side: parts[-1].sources for side, parts in screen.timeline.segments.items()}


async def open_timeline(app, pilot, crossing: str):
    from test_tui_support import press, settle
    from tui.widgets.lists import StatusTable

    table = app.screen.query_one(StatusTable)
    table.focus()
    await settle(pilot)
    table.move_to_key(next(key for key in table.posts if key[0] == crossing))
    await press(pilot, "l")
    screen = app.screen
    assert isinstance(screen, TimelineScreen) and screen.crossing == crossing
    assert screen.timeline is not None
    return screen


@pytest.mark.parametrize("child", [False, True], ids=["thread", "child process"])
async def test_the_timeline_counts_the_sources_the_status_pane_counts(tmp_path, monkeypatch, child):
    from test_tui_support import browse

    if child:  # the status computed in a child process, as from 20,000 events
        monkeypatch.setattr("tui.screens.status_feed.PROCESS_MIN_EVENTS", 0)
    monkeypatch.setattr("tui.screens.timeline.engine_for", None)  # no engine of its own: the feed's
    labelled_store(tmp_path / "store").close()
    async with browse(tmp_path / "store") as (app, pilot):
        assert (app.screen.feed.engine is None) == child  # in a child, no engine in the browser's process
        for crossing in ("al-waleed", "al-qaim", "trebil"):
            expected = pane_sources(app, crossing)
            screen = await open_timeline(app, pilot, crossing)
            assert timeline_sources(screen) == expected, crossing
            await pilot.press("end")
            await pilot.pause()
            side = screen.timeline.posts[0]
            assert f"{expected[side]} source(s)" in stretch(screen)
            await pilot.press("escape")
            await pilot.pause()


def copy_store(folder):
    """AFP's story about Rabia, reprinted by Arab Today with a line on Al Waleed, and an AFP report on Al Waleed.

    Al Waleed's two reports are one source, AFP (the reprint is AFP's story): but only the
    article about Rabia shows that the reprint is a copy.
    """
    from store import ids
    from store.db import Store

    story = ("Islamic State fighters seized the Rabia border crossing between Iraq and Syria on Friday after "
             "heavy clashes with Kurdish forces, officials said, in a fresh blow to the government in Baghdad "
             "which has struggled to hold its western frontier since the summer offensive began in the north.")
    reports = [
        ("AFP", "2016-01-01", story, "rabia", "captured"),
        ("Arab Today", "2016-01-02", story + " The militants also hold the Al Waleed crossing.", "al-waleed", "holds"),
        ("AFP", "2016-01-03", "Militants of the Islamic State still control the Al Waleed border post, a witness said.",
         "al-waleed", "holds"),
    ]
    batch = []
    for outlet, published, text, crossing, kind in reports:
        text_hash = ids.content_hash(text)
        aid = ids.article_id(text_hash)
        event = {"type": kind, "actor": "islamic-state", "crossing": crossing, "side": None, "date": published,
                 "sentence": text[:80], "start": 0, "end": 80, "hedged": False, "source": None, "actor_text": None,
                 "crossing_text": None, "date_text": None, "extractor": "hand"}
        event.update(id=ids.event_ids(aid, [event])[0], article_id=aid)
        meta = {"id": aid, "name": f"{aid}.txt", "path": f"{aid}.txt", "title": outlet, "source": outlet,
                "published": published, "url": None, "hash": text_hash, "n_events": 1, "ingested_at": None,
                "extractor": "hand"}
        batch.append((meta, [event], text))
    with Store.open(folder) as store:
        store.replace_articles(batch)


async def test_a_reprint_whose_original_is_about_another_crossing_counts_once_in_both(tmp_path):
    from test_tui_support import browse

    copy_store(tmp_path / "store")
    async with browse(tmp_path / "store") as (app, pilot):
        assert pane_sources(app, "al-waleed") == {"iq": 1, "sy": 1}
        screen = await open_timeline(app, pilot, "al-waleed")
        assert timeline_sources(screen) == {"iq": 1, "sy": 1}  # a timeline of Al Waleed's articles alone said 2
        assert "1 source(s)" in stretch(screen)


def test_the_timeline_crosses_processes_unchanged(store):
    from store.status_timeline import timeline_from_json, timeline_to_json

    engine = engine_for(store)
    for crossing in engine.crossings():
        timeline = crossing_timeline(engine, crossing)
        assert timeline_from_json(json.loads(json.dumps(timeline_to_json(timeline)))) == timeline
    assert timeline_from_json(timeline_to_json(None)) is None


def reference_segments(engine, crossing: str, timeline) -> None:
    """Each segment against the post's status on every day inside it (store.status.post_status)."""
    histories = engine.histories(crossing)
    for side, parts in timeline.segments.items():
        history = histories[side]
        cuts = sorted({c.day for c in history.claims})
        for segment in parts:
            inside = [d for d in cuts if segment.start <= d < segment.end]
            assert bool(inside) == segment.reported
            events = {}
            for day in inside:
                status = engine.post_status(crossing, history, day)
                assert (status["holder"], status["contested"], status["open"], status["assumed"]) == (
                    segment.holder, segment.contested, segment.open, segment.assumed)
                for event_id in [*status["events"], *status["disputed_by"],
                                 *(c.event_id for c in history.claims if c.day == day), *status["open_events"]]:
                    events.setdefault(event_id, None)
            assert segment.events == list(events)
            if inside:
                last = engine.post_status(crossing, history, inside[-1])
                assert (segment.sources, segment.incidents) == (last["sources"], last["incidents"])
        for before, after in zip(parts, parts[1:]):
            assert before.end == after.start
            assert not (before.reported and (before.holder, before.contested, before.open, before.assumed) == (
                after.holder, after.contested, after.open, after.assumed))


def test_segments_are_the_status_of_every_day_inside_them(store):
    engine = engine_for(store)
    for crossing in engine.crossings():
        reference_segments(engine, crossing, crossing_timeline(engine, crossing))


def test_segments_of_random_crossings_are_the_status_of_every_day_inside_them():
    import random

    from status_helpers import POSTS
    from store.status import StatusEngine
    from test_status_incremental import random_event

    for seed in range(6):
        rng = random.Random(seed)
        articles = [{"id": f"a{i}", "source": rng.choice(["AFP", "Reuters", "LWJ", "SANA"]),
                     "published": f"2014-06-{rng.randrange(18, 30)}", "text": f"Report {i}."} for i in range(8)]
        engine = StatusEngine(articles, posts=POSTS).load([random_event(rng, n, articles) for n in range(120)])
        for crossing in engine.crossings():
            reference_segments(engine, crossing, crossing_timeline(engine, crossing))
