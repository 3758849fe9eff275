"""An analyst's session in the browser, key by key, on a real store built from the bundled reports.

Each test checks what the panes show and, for writes, what the store holds when
reopened from disk.
"""
from __future__ import annotations

from test_tui_support import needs_events, browse, bundled_store_template, lines, press, reopen, settle, store_dir, title  # noqa: F401
from store.names import faction_name, post_label
from tui.screens.main import MainScreen
from tui.screens.review import review_queue
from tui.widgets.article_view import ArticleView
from tui.widgets.lists import ArticleList, EventList, StatusTable

pytestmark = needs_events


def panes(app):
    screen = app.screen
    return (
        screen.query_one(ArticleList),
        screen.query_one(EventList),
        screen.query_one(ArticleView),
        screen.query_one(StatusTable),
    )


def events_title(app) -> str:
    """The events pane's heading with every filter: its title, or where the title has no room for the
    filters, the counts there and the filters on the chips line under it (test_tui_small_terminal.py)."""
    return app.screen.events_heading


def first_event_with(app, **fields):
    events = app.screen.query_one(EventList)
    for key in events.keys:
        event = app.events[key]
        if all(event.get(k) == v for k, v in fields.items()):
            return event
    raise AssertionError(f"no shown event with {fields}")


async def test_opens_with_every_pane_filled(store_dir):
    async with browse(store_dir) as (app, pilot):
        articles, events, article, status = panes(app)
        assert isinstance(app.screen, MainScreen)
        assert title(articles) == "Articles 5"
        assert len(events.keys) == len(app.events) > 0
        assert events_title(app) == f"Events {len(app.events)}"
        assert status.keys, "the status table lists posts"
        assert "status as of 20" in app.sub_title
        assert events.has_focus
        shown = "\n".join(lines(events))
        assert "crossing / post" in shown and "date" in shown


async def test_moving_in_the_event_list_lights_its_sentence(store_dir):
    async with browse(store_dir) as (app, pilot):
        _, events, article, _ = panes(app)
        await press(pilot, "j", "j")
        event = app.events[events.cursor_key]
        assert events.cursor == 2
        assert article.lit is event
        screen = "\n".join(lines(article))
        assert "▶" in screen, "the lit sentence carries a gutter mark, not only a colour"
        first_words = event["sentence"].split()[0]
        lit_lines = [line for line in lines(article) if line.startswith(("▶", "┃"))]
        assert any(first_words in line for line in lit_lines)
        await press(pilot, "k")
        assert events.cursor == 1 and article.lit is app.events[events.cursor_key]
        await press(pilot, "down")
        assert events.cursor == 2


async def test_lit_sentence_is_scrolled_into_view_in_a_long_article(store_dir):
    async with browse(store_dir, size=(160, 30)) as (app, pilot):
        _, events, article, _ = panes(app)
        last = max(events.keys, key=lambda k: app.events[k]["start"])
        events.move_to_key(last)
        await settle(pilot)
        assert article.lit is app.events[last]
        assert any(line.startswith("▶") for line in lines(article))


async def test_tab_and_shift_tab_move_between_panes(store_dir):
    async with browse(store_dir) as (app, pilot):
        articles, events, article, status = panes(app)
        assert events.has_focus
        await press(pilot, "tab")
        assert article.has_focus
        await press(pilot, "tab")
        assert status.has_focus
        await press(pilot, "shift+tab", "shift+tab", "shift+tab")
        assert articles.has_focus


async def test_enter_on_an_article_lists_its_events(store_dir):
    async with browse(store_dir) as (app, pilot):
        articles, events, article, _ = panes(app)
        await press(pilot, "shift+tab", "j", "j")
        chosen = articles.cursor_key
        assert article.article["id"] == chosen, "moving in the article list shows the article"
        await press(pilot, "enter")
        assert events.has_focus
        assert events.keys and all(app.events[k]["article_id"] == chosen for k in events.keys)
        assert len(events.keys) == app.articles[chosen]["n_events"]
        assert "· article " in events_title(app)
        await press(pilot, "escape")
        assert len(events.keys) == len(app.events)
        assert articles.cursor_key == chosen, "the article pane keeps its place"


async def test_enter_on_a_status_row_lists_the_events_its_holder_rests_on(store_dir):
    async with browse(store_dir) as (app, pilot):
        _, events, _, status = panes(app)
        await press(pilot, "tab", "tab")
        assert status.has_focus
        status.move_to_key(("al-waleed", "iq"))
        row = status.posts[("al-waleed", "iq")]
        await press(pilot, "enter")
        assert f"evidence for post {post_label('al-waleed', 'iq')}" in events_title(app)  # by name: "Al Waleed (Iraq)"
        evidence = {*row["events"], *row["disputed_by"], *row["open_events"]}
        assert set(events.keys) == evidence
        assert all(app.events[key]["crossing"] == "al-waleed" for key in events.keys)
        assert any(app.events[key]["side"] is None for key in events.keys), "events that named no side count too"
        assert status.cursor_key == ("al-waleed", "iq"), "the status pane keeps its place"
        await press(pilot, "escape")
        assert "evidence" not in events_title(app)


async def test_enter_on_an_event_opens_the_article_at_its_sentence(store_dir):
    async with browse(store_dir) as (app, pilot):
        _, events, article, _ = panes(app)
        await press(pilot, "j", "enter")
        assert article.has_focus
        assert article.lit is app.events[events.cursor_key]


async def test_slash_searches_sentences_and_escape_clears(store_dir):
    async with browse(store_dir) as (app, pilot):
        _, events, _, _ = panes(app)
        total = len(events.keys)
        await press(pilot, "slash", *"waleed")
        shown = [app.events[k] for k in events.keys]
        assert 0 < len(shown) < total
        assert all("waleed" in (e["sentence"] + (e.get("note") or "")).lower() for e in shown)
        assert 'text "waleed"' in events_title(app)
        await press(pilot, "enter")
        assert events.has_focus and len(events.keys) == len(shown)
        await press(pilot, "escape")
        assert len(events.keys) == total
        assert events_title(app) == f"Events {total}"


async def test_pickers_filter_by_crossing_faction_and_type_and_combine(store_dir):
    async with browse(store_dir) as (app, pilot):
        _, events, _, _ = panes(app)
        target = first_event_with(app, crossing="al-waleed")
        await press(pilot, "c")
        picker = app.screen
        options = [picker.query_one("SelectionList").get_option_at_index(i).value for i in range(picker.query_one("SelectionList").option_count)]
        for _ in range(options.index("al-waleed")):
            await pilot.press("down")
        await press(pilot, "space", "enter")
        assert "crossing Al Waleed / Al Tanf" in events_title(app)
        assert all(app.events[k]["crossing"] == "al-waleed" for k in events.keys)
        events.move_to_key(target["id"])
        await settle(pilot)

        await press(pilot, "f")
        picker = app.screen
        factions = [picker.query_one("SelectionList").get_option_at_index(i).value for i in range(picker.query_one("SelectionList").option_count)]
        for _ in range(factions.index(target["actor"])):
            await pilot.press("down")
        await press(pilot, "space", "enter")
        await press(pilot, "t")
        picker = app.screen
        types = [picker.query_one("SelectionList").get_option_at_index(i).value for i in range(picker.query_one("SelectionList").option_count)]
        for _ in range(types.index(target["type"])):
            await pilot.press("down")
        await press(pilot, "space", "enter")

        heading = events_title(app)
        assert f"crossing Al Waleed / Al Tanf · faction {faction_name(target['actor'])} · type {target['type']}" in heading
        for key in events.keys:
            e = app.events[key]
            assert (e["crossing"], e["actor"], e["type"]) == ("al-waleed", target["actor"], target["type"])
        assert events.cursor_key == target["id"], "filtering keeps the cursor on the same event"
        await press(pilot, "escape", "escape", "escape")
        assert len(events.keys) == len(app.events)
        assert events.cursor_key == target["id"]


async def test_date_range_filter(store_dir):
    async with browse(store_dir) as (app, pilot):
        _, events, _, _ = panes(app)
        await press(pilot, "d", *"2015-01-01", "enter", "enter")
        assert "dates 2015-01-01..…" in events_title(app)
        days = [app.events[k].get("date") or app.events[k]["published"] for k in events.keys]
        assert days and min(days) >= "2015-01-01"
        await press(pilot, "d", "ctrl+u", "enter", *"2014-12-31", "enter")
        days = [app.events[k].get("date") or app.events[k]["published"] for k in events.keys]
        assert days and max(days) <= "2014-12-31"


async def test_note_is_saved_at_once_marked_and_shown_under_its_sentence(store_dir):
    async with browse(store_dir) as (app, pilot):
        _, events, article, _ = panes(app)
        await press(pilot, "j")
        event_id = events.cursor_key
        await press(pilot, "n")
        await press(pilot, *"two officials deny it", "f2")
        with reopen(store_dir) as store:
            assert store.event(event_id)["note"] == "two officials deny it"
        row = lines(events)[events.cursor + 1 - round(events.scroll_y)]
        assert "✎" in row
        assert any(line.startswith("✎ two officials deny it") for line in lines(article))
        await press(pilot, "slash", *"officials deny")
        assert events.keys == [event_id], "the free-text filter searches notes"


async def test_accept_reject_and_undo_are_written_to_the_store(store_dir):
    async with browse(store_dir) as (app, pilot):
        _, events, _, _ = panes(app)
        event_id = events.cursor_key
        await press(pilot, "a")
        with reopen(store_dir) as store:
            assert store.event(event_id)["decision"] == "accepted"
        assert "✓" in lines(events)[1]
        await press(pilot, "x")
        with reopen(store_dir) as store:
            assert store.event(event_id)["decision"] == "rejected"
        assert "✗" in lines(events)[1]
        await press(pilot, "u")
        with reopen(store_dir) as store:
            assert store.event(event_id)["decision"] == "accepted"
        await press(pilot, "u")
        with reopen(store_dir) as store:
            assert store.event(event_id)["decision"] is None
        assert "✓" not in lines(events)[1] and "✗" not in lines(events)[1]


async def test_y_copies_the_sentence_with_its_citation(store_dir):
    async with browse(store_dir) as (app, pilot):
        _, events, _, _ = panes(app)
        event = app.events[events.cursor_key]
        await press(pilot, "y")
        assert app.clipboard.startswith("“" + " ".join(event["sentence"].split())[:40])
        assert event["outlet"] in app.clipboard and event["published"] in app.clipboard


def review_order(app) -> tuple[list[str], int]:
    """The review queue of the shown events, and how many candidates lead it (tests/test_tui_candidates.py)."""
    order = review_queue([app.events[k] for k in app.screen.query_one(EventList).keys])
    return order, sum(1 for k in order if app.events[k].get("candidate"))


async def test_review_walks_unreviewed_events_one_by_one(store_dir):
    async with browse(store_dir) as (app, pilot):
        order, n = review_order(app)
        await press(pilot, "r")
        review = app.screen
        assert type(review).__name__ == "ReviewScreen"
        assert review.query_one("ArticleView").lit is app.events[order[0]]
        await press(pilot, *["space"] * n)  # past the candidates
        await press(pilot, "a", "x", "space")
        assert review.query_one("ArticleView").lit is app.events[order[n + 3]]
        await press(pilot, "escape")
        assert isinstance(app.screen, MainScreen)
        with reopen(store_dir) as store:
            assert store.event(order[n])["decision"] == "accepted"
            assert store.event(order[n + 1])["decision"] == "rejected"
            assert store.event(order[n + 2])["decision"] is None
        await press(pilot, "r", *["space"] * n)
        assert app.screen.query_one("ArticleView").lit is app.events[order[n + 2]], "review starts at the first unreviewed"


async def test_square_brackets_step_the_status_date(store_dir):
    async with browse(store_dir) as (app, pilot):
        screen = app.screen
        newest = screen.as_of
        assert app.sub_title.startswith(f"status as of {newest}")
        await press(pilot, "left_square_bracket")
        earlier = screen.as_of
        assert earlier < newest
        assert app.sub_title.startswith(f"status as of {earlier}")
        assert f"Status as of {earlier}" in title(screen.query_one(StatusTable))
        await press(pilot, "right_square_bracket")
        assert screen.as_of > earlier


async def test_question_mark_shows_every_key_with_its_binding_id(store_dir):
    async with browse(store_dir) as (app, pilot):
        await press(pilot, "question_mark")
        assert type(app.screen).__name__ == "HelpScreen"
        table = app.screen.table()
        ids = [str(row) for row in table.columns[2]._cells]
        for binding_id in ("accept", "reject", "undo", "note", "copy", "review", "filter.text", "asof.next", "timeline"):
            assert binding_id in ids
        await press(pilot, "escape")
        assert isinstance(app.screen, MainScreen)


async def test_q_quits(store_dir):
    async with browse(store_dir) as (app, pilot):
        await press(pilot, "q")
        assert app._exit or not app.is_running


async def test_g_groups_the_shown_events_by_incident(store_dir):
    async with browse(store_dir) as (app, pilot):
        _, events, _, _ = panes(app)
        await press(pilot, "g")
        assert "by incident" in events_title(app)
        marks = events.incident_marks
        assert marks, "the bundled reports repeat each other: some incidents have several reports"
        shown = [events.key_of(row) for row in events.rows]
        assert sorted(shown) == sorted(e["id"] for e in app.screen.shown), "grouping reorders, never drops"
        for at, key in enumerate(shown):  # every ┌ opens a run of │ closed by └
            if marks.get(key) == "┌":
                end = at + 1
                while marks.get(shown[end]) == "│":
                    end += 1
                assert marks.get(shown[end]) == "└"
                same = {(app.events[k]["crossing"], app.events[k]["type"]) for k in shown[at:end + 1]}
                assert len(same) == 1, "one incident: one crossing, one type"
        assert any(line[1] in "┌│└" for line in lines(events)[1:] if len(line) > 1)
        await press(pilot, "g")
        assert "by incident" not in events_title(app) and not events.incident_marks


async def test_syndicated_copies_are_marked_in_the_article_pane(store_dir):
    from store.incidents import article_marks

    async with browse(store_dir) as (app, pilot):
        articles = panes(app)[0]
        copies = {aid for aid, m in article_marks(list(app.articles.values())).items() if m["syndicated_of"]}
        assert copies, "reports 003 and 004 are the same AFP story"
        for row, article in enumerate(articles.rows):
            line = lines(articles)[row + 1]
            assert (line[1] == "≡") == (article["id"] in copies), line


async def test_review_notes_goes_back_and_undoes(store_dir):
    async with browse(store_dir) as (app, pilot):
        queue, n = review_order(app)
        order = queue[n:]  # the events after the candidates
        await press(pilot, "r", *["space"] * n, "a")
        review = app.screen
        assert review.query_one("ArticleView").lit is app.events[order[1]]
        await press(pilot, "p")
        assert review.query_one("ArticleView").lit is app.events[order[0]]
        await press(pilot, "n", *"seen twice", "f2")
        assert "✎ seen twice" in str(review.query_one("#review-event").render())
        await press(pilot, "u")  # undoes the note, then the decision
        await press(pilot, "u")
        with reopen(store_dir) as store:
            assert store.event(order[0])["note"] is None and store.event(order[0])["decision"] is None
        assert "unreviewed" in str(review.query_one("#review-event").render())


async def test_status_date_set_exactly_from_the_palette(store_dir):
    async with browse(store_dir) as (app, pilot):
        await press(pilot, "ctrl+p", *"Status: as of a date")
        for _ in range(40):
            await pilot.pause(0.05)
            if app.screen.query_one("CommandList").option_count:
                break
        await press(pilot, "enter")
        await press(pilot, "ctrl+u", *"2014-06-24", "enter")
        assert app.screen.as_of == "2014-06-24"
        assert app.sub_title.startswith("status as of 2014-06-24")
        assert "Status as of 2014-06-24" in title(app.screen.query_one(StatusTable))
        await press(pilot, "d", *"2014-99-01", "enter", "enter")
        said = str(app.screen.query_one("#date-error").render())
        assert "“2014-99-01” (from): month must be in 1..12" in said, said


async def test_picker_ticks_are_marks_not_only_colour(store_dir):
    async with browse(store_dir) as (app, pilot):
        await press(pilot, "c", "space", "down")
        picker = app.screen.query_one("SelectionList")
        shown = [picker.render_line(y).text for y in range(picker.option_count + 2)]
        assert sum("✓" in line for line in shown) == 1
        await press(pilot, "space")
        shown = [picker.render_line(y).text for y in range(picker.option_count + 2)]
        assert sum("✓" in line for line in shown) == 2
        await press(pilot, "backspace")
        assert not any("✓" in picker.render_line(y).text for y in range(picker.option_count + 2))
        await press(pilot, "escape")
        assert events_title(app) == f"Events {len(app.events)}", "Esc cancels the picker"


async def test_clicking_a_row_selects_it_and_a_double_click_opens_it(store_dir):
    async with browse(store_dir) as (app, pilot):
        _, events, article, _ = panes(app)
        await pilot.click("#events", offset=(5, 4))
        await settle(pilot)
        assert events.cursor == 3 and article.lit is app.events[events.cursor_key]
        await pilot.click("#events", offset=(5, 2), times=2)
        await settle(pilot)
        assert events.cursor == 1 and article.has_focus
