"""In the browser: `[` and `]` step the status table's as-of date; `l` opens the timeline."""
from __future__ import annotations

from test_tui_support import browse, lines, press, settle  # noqa: F401
from tui.screens.timeline import TimelineScreen
from tui.widgets.lists import StatusTable

from status_store import labelled_store


def store_folder(tmp_path):
    labelled_store(tmp_path / "store").close()
    return tmp_path / "store"


def holder(app, crossing, side):
    return app.screen.query_one(StatusTable).posts[(crossing, side)]["holder"]


async def test_brackets_step_the_as_of_date_through_the_change_days(tmp_path):
    async with browse(store_folder(tmp_path)) as (app, pilot):
        assert "status as of 2015-05-25" in app.sub_title
        assert holder(app, "al-waleed", "iq") == "islamic-state"
        await press(pilot, "left_square_bracket")
        assert "status as of 2015-05-22" in app.sub_title
        assert holder(app, "al-waleed", "iq") == "iraq-gov"  # "the Iraqi Security Forces are in control"
        await press(pilot, "left_square_bracket")
        assert "status as of 2014-12-23" in app.sub_title  # the December attack: a report, no change of holder
        assert holder(app, "al-waleed", "iq") == "iraq-gov"  # retaken "just days later" than June 22, 2014
        await press(pilot, "left_square_bracket", "left_square_bracket")
        assert "status as of 2014-07-06" in app.sub_title  # the latest day "days later" allows
        for _ in range(4):
            await press(pilot, "left_square_bracket")
        assert "status as of 2014-06-21" in app.sub_title
        assert holder(app, "al-qaim", "iq") == "islamic-state"
        assert ("al-waleed", "iq") in app.screen.query_one(StatusTable).posts  # every named crossing stays listed
        post = app.screen.query_one(StatusTable).posts[("al-waleed", "iq")]  # nothing reported yet on June 21:
        assert (post["holder"], post["assumed"], post["since"]) == ("iraq-gov", True, None)  # Iraq's, assumed
        assert "Al Waleed (Iraq)     Iraqi forces (assumed)" in "\n".join(lines(app.screen.query_one(StatusTable)))
        await press(pilot, "left_square_bracket")  # no earlier change: stays
        assert "status as of 2014-06-21" in app.sub_title
        await press(pilot, "right_square_bracket", "right_square_bracket", "right_square_bracket")  # 22, 23, 24
        assert "status as of 2014-06-24" in app.sub_title
        table = app.screen.query_one(StatusTable)
        assert table.posts[("al-waleed", "iq")]["contested"] is True
        shown = "\n".join(lines(table))
        assert "2014-06-22" in shown and "KRG forces" in shown


async def test_l_on_a_status_row_opens_that_crossings_timeline(tmp_path):
    async with browse(store_folder(tmp_path)) as (app, pilot):
        table = app.screen.query_one(StatusTable)
        table.focus()
        await settle(pilot)
        table.move_to_key(("trebil", "iq"))
        await press(pilot, "l")
        assert isinstance(app.screen, TimelineScreen) and app.screen.crossing == "trebil"
        await press(pilot, "escape")
        assert not isinstance(app.screen, TimelineScreen)
