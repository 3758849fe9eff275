"""The browser on a store of hostile reports: markup shown as text, no action runs, no escape
reaches the terminal, a full disk or a second window loses nothing."""
from __future__ import annotations

import asyncio
import errno
import io
import shutil

import pytest
from rich.console import Console

from store.db import Store
from tests.conftest import ARTICLES
from tests.hostile import forbidden_in, hostile
from tui.app import CrosswatchApp

SIZE = (160, 48)


def rendered(app) -> tuple[str, str]:
    """(screen text, every character the terminal would be sent outside Textual's own controls)."""
    console = Console(width=app.size.width, height=app.size.height, file=io.StringIO(), force_terminal=True,
                      color_system="truecolor", record=True, legacy_windows=False)
    update = app.screen._compositor.render_update(full=True, screen_stack=app._background_screens, simplify=True)
    sent = "".join(segment.text for segment in console.render(update) if not segment.control)
    console.print(update)
    return console.export_text(styles=False), sent


def assert_clean(app) -> str:
    screen, sent = rendered(app)
    assert forbidden_in(sent) == [], forbidden_in(sent)  # parameters left as plain text are harmless
    return screen


@pytest.fixture
def hostile_store(tmp_path):
    folder = tmp_path / "store"
    st = Store.open(folder)
    try:
        st.ingest([hostile("markup.txt"), hostile("escapes.txt"), ARTICLES / "004_13ff700055651627.txt"])
    finally:
        st.close()
    return folder


async def opened(app, pilot):
    await asyncio.wait_for(app.ready.wait(), timeout=20)
    await pilot.pause()
    assert app.failed is None, app.failed
    return app.screen


async def test_every_article_with_markup_and_escapes_is_shown_literally(hostile_store):
    app = CrosswatchApp(hostile_store)
    async with app.run_test(size=SIZE) as pilot:
        screen = await opened(app, pilot)
        titles = {a["id"]: a["title"] or "" for a in app.articles.values()}
        assert any("[bold red]" in t for t in titles.values())
        text = assert_clean(app)
        assert "[bold red]Militants[/]" in text  # the title, in the articles pane
        for article_id in titles:
            screen.jump_to_article(article_id)
            await pilot.pause()
            text = assert_clean(app)
        screen.jump_to_article(next(i for i, t in titles.items() if "[bold red]" in t))
        await pilot.pause()
        text = assert_clean(app)
        assert "[bold red]Sunni Arab militants[/]" in text  # the article text
        assert "[@click=app.quit]quit[/]" in text
        assert app.is_running and app.return_code is None  # no action ran


async def test_clicking_where_the_click_markup_is_shown_runs_nothing(hostile_store):
    app = CrosswatchApp(hostile_store)
    async with app.run_test(size=SIZE) as pilot:
        screen = await opened(app, pilot)
        markup_id = next(i for i, a in app.articles.items() if "[bold red]" in (a["title"] or ""))
        screen.jump_to_article(markup_id)
        await pilot.pause()
        text, _ = rendered(app)
        clicked = 0
        for row, line in enumerate(text.splitlines()):
            column = line.find("[@click=app.quit]")
            if column >= 0:
                await pilot.click(offset=(column + 3, row))
                await pilot.pause()
                clicked += 1
        assert clicked, "the click markup is not on screen to click"
        assert app.is_running and app.return_code is None


async def test_event_sentence_and_note_editor_show_markup_literally(hostile_store):
    app = CrosswatchApp(hostile_store)
    async with app.run_test(size=SIZE) as pilot:
        screen = await opened(app, pilot)
        marked = [e for e in app.events.values() if "[@click=app.quit]" in (e.get("sentence") or "")]
        assert marked, "the extractor found no event in the markup report"
        screen.jump_to_article(marked[0]["article_id"])  # lists that article's events
        await pilot.pause()
        event_list = screen.query_one("#events")
        event_list.focus()
        for _ in range(len(app.events)):
            if event_list.cursor_key == marked[0]["id"]:
                break
            await pilot.press("down")
        assert event_list.cursor_key == marked[0]["id"]
        await pilot.pause()
        assert "[link=file:///etc/passwd]x[/] [@click=app.quit]quit[/]" in " ".join(assert_clean(app).split())
        await pilot.press("n")
        await pilot.pause()
        assert "[@click=app.quit]quit[/]" in assert_clean(app)  # the quoted sentence in the editor
        note = "[bold red]mine[/] [@click=app.quit]q[/]"
        area = app.screen.query_one("TextArea")
        area.insert(note + "\x1b[2J\x07")
        await pilot.press("f2")
        await pilot.pause()
        assert app.is_running
        text = assert_clean(app)
        assert app.store.event(marked[0]["id"])["note"].startswith(note)
        assert "[bold red]mine[/]" in text  # the note, under its sentence in the article view


async def test_escape_sequences_in_a_note_do_not_reach_the_terminal(hostile_store):
    st = Store.open(hostile_store)
    event_id = st.events()[0]["id"]
    st.save_note(event_id, "seen\x1b[2J\x1b]52;c;cHduZWQ=\x07 on video\x00 [bold]really[/]")
    st.close()
    app = CrosswatchApp(hostile_store)
    async with app.run_test(size=SIZE) as pilot:
        await opened(app, pilot)
        await pilot.press("enter")
        await pilot.pause()
        assert_clean(app)
        await pilot.press("n")
        await pilot.pause()
        assert_clean(app)
        assert app.is_running


async def test_a_full_disk_on_note_save_keeps_the_browser_and_says_so(hostile_store, monkeypatch):
    import store.db.storages as storages

    app = CrosswatchApp(hostile_store)
    async with app.run_test(size=SIZE) as pilot:
        screen = await opened(app, pilot)
        screen.query_one("#events").focus()
        event_id = screen.query_one("#events").cursor_key
        assert event_id
        monkeypatch.setattr(storages.os, "write", lambda fd, data: (_ for _ in ()).throw(OSError(errno.ENOSPC, "No space left on device")))
        await pilot.press("n")
        await pilot.pause()
        app.screen.query_one("TextArea").insert("a note the disk cannot take")
        await pilot.press("f2")
        await pilot.pause()
        assert app.is_running
        assert app.events[event_id].get("note") in (None, "")
        said = " ".join(str(n.message) for n in app._notifications)
        assert "space" in said or "could not save" in said, said
        monkeypatch.undo()
    st = Store.open(hostile_store)
    try:
        assert st.event(event_id)["note"] is None
    finally:
        st.close()


async def test_second_window_is_read_only_and_says_so(hostile_store):
    holder = Store.open(hostile_store)
    try:
        assert not holder.readonly
        app = CrosswatchApp(hostile_store)
        async with app.run_test(size=SIZE) as pilot:
            screen = await opened(app, pilot)
            assert app.store.readonly
            text, _ = rendered(app)
            assert "READ-ONLY" in text.upper() or "READ-ONLY" in app.sub_title.upper()
            screen.query_one("#events").focus()
            event_id = screen.query_one("#events").cursor_key
            await pilot.press("a")
            await pilot.pause()
            assert app.is_running
        assert holder.event(event_id)["decision"] is None
    finally:
        holder.close()


ARABIC_NOTE = "ملاحظة المحلل: سيطر تنظيم داعش على معبر الوليد يوم الأحد"


async def test_arabic_note_is_shown_as_written_beside_its_sentence(hostile_store):
    with Store.open(hostile_store) as st:
        event = st.events()[0]
        st.save_note(event["id"], ARABIC_NOTE)
    app = CrosswatchApp(hostile_store)
    async with app.run_test(size=SIZE) as pilot:
        screen = await opened(app, pilot)
        event_list = screen.query_one("#events")
        event_list.focus()
        assert event_list.move_to_key(event["id"])
        await pilot.pause()
        text = assert_clean(app)
        assert "سيطر تنظيم داعش" in text or "ملاحظة المحلل" in text, text
        await pilot.press("n")
        await pilot.pause()
        assert app.screen.query_one("TextArea").text == ARABIC_NOTE


async def test_one_megabyte_note_opens_in_the_editor_and_saves_unchanged(hostile_store):
    big = ("Cross-checked against three wire reports. " * 25000)[:1_000_000] + "END"
    with Store.open(hostile_store) as st:
        event = st.events()[0]
        st.save_note(event["id"], big)
    app = CrosswatchApp(hostile_store)
    async with app.run_test(size=SIZE) as pilot:
        screen = await opened(app, pilot)
        event_list = screen.query_one("#events")
        event_list.focus()
        assert event_list.move_to_key(event["id"])
        await pilot.pause()
        assert_clean(app)
        await pilot.press("n")
        await pilot.pause()
        area = app.screen.query_one("TextArea")
        assert area.text == big
        area.insert(" +1")
        await pilot.press("f2")
        await pilot.pause()
        assert app.is_running
    with Store.open(hostile_store) as st:
        assert st.event(event["id"])["note"] == big + " +1"


async def test_note_with_lone_surrogates_is_kept_and_never_written_to_the_terminal(hostile_store):
    """Lone surrogates cannot be encoded for any terminal: shown as placeholders, stored as given."""
    note = "copied from a broken page: a\ud800b \udfff end"
    with Store.open(hostile_store) as st:
        event = st.events()[0]
        st.save_note(event["id"], note)
    app = CrosswatchApp(hostile_store)
    async with app.run_test(size=SIZE) as pilot:
        screen = await opened(app, pilot)
        event_list = screen.query_one("#events")
        event_list.focus()
        assert event_list.move_to_key(event["id"])
        await pilot.pause()
        assert "copied from a broken page" in assert_clean(app)
    with Store.open(hostile_store) as st:
        assert st.event(event["id"])["note"] == note


async def test_command_palette_lists_a_markup_title_literally_and_jumps_to_it(hostile_store):
    app = CrosswatchApp(hostile_store)
    async with app.run_test(size=SIZE) as pilot:
        await opened(app, pilot)
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"seize Al-Waleed post")
        await asyncio.sleep(0.5)  # the palette searches in the background
        await pilot.pause()
        text = assert_clean(app)
        assert "[bold red]Militants[/]" in text, text
        assert "[link=file:///etc/passwd]" in text
        await pilot.press("enter")
        await pilot.pause()
        assert app.is_running and app.return_code is None
        assert_clean(app)


async def test_review_mode_shows_hostile_sentences_literally(hostile_store):
    app = CrosswatchApp(hostile_store)
    async with app.run_test(size=SIZE) as pilot:
        screen = await opened(app, pilot)
        marked = next(e for e in app.events.values() if "[@click=app.quit]" in (e.get("sentence") or ""))
        screen.jump_to_article(marked["article_id"])
        await pilot.pause()
        await pilot.press("r")
        await pilot.pause()
        seen = []
        for _ in range(len(screen.shown)):
            text = assert_clean(app)
            seen.append(" ".join(text.split()))
            await pilot.press("space")
            await pilot.pause()
        assert any("[@click=app.quit]quit[/]" in page for page in seen)
        assert app.is_running and app.return_code is None


async def test_a_damaged_store_is_named_on_screen_without_markup_or_escapes(hostile_store, tmp_path):
    folder = tmp_path / "evil\x1b]0;pwned\x07[bold red]store[!]"
    shutil.copytree(hostile_store, folder)
    (folder / "store.json").write_bytes(b"{ not json")
    app = CrosswatchApp(folder)
    async with app.run_test(size=SIZE) as pilot:
        await asyncio.wait_for(app.ready.wait(), timeout=20)
        await pilot.pause()
        assert app.failed and "store.json" in app.failed
        text = assert_clean(app)
        assert "store.json" in " ".join(text.split())
        assert "[bold red]store[!]" in text
        assert app.is_running
    assert (folder / "store.json").read_bytes() == b"{ not json"


async def test_building_a_store_from_hostile_file_names_shows_no_escape(tmp_path):
    from tui.screens.loading import LoadingScreen

    reports = tmp_path / "reports"
    reports.mkdir()
    shutil.copy(hostile("markup.txt"), reports / "a\x1b]0;pwned\x07[bold]name.txt")
    shutil.copy(hostile("escapes.txt"), reports / "b\x1b[2J.txt")
    app = CrosswatchApp(tmp_path / "store", build_from=reports)
    shown = []
    original = app._show_progress
    app._show_progress = lambda *args: (shown.append(args), original(*args))  # before the build can start
    async with app.run_test(size=SIZE) as pilot:
        await opened(app, pilot)
        assert any("[bold]name" in str(args[-1]) for args in shown), shown  # the names did go on screen
        loading = LoadingScreen("replaying the progress messages")
        await app.push_screen(loading)
        for args in shown:  # each message as the loading screen showed it, rendered this time
            loading.progress(*args)
            await pilot.pause()
            assert_clean(app)


async def test_search_box_takes_markup_regex_and_escape_characters_as_plain_text(hostile_store):
    app = CrosswatchApp(hostile_store)
    async with app.run_test(size=SIZE) as pilot:
        screen = await opened(app, pilot)
        await pilot.press("slash")
        await pilot.pause()
        for query in ("[@click=app.quit]", "(.*", "\\", "[/]", "$(rm -rf ~)"):
            search = screen.query_one("#search")
            search.value = query
            await pilot.pause()
            assert_clean(app)
            assert app.is_running
        search.value = "[@click=app.quit]quit"
        await pilot.pause()
        assert len(screen.shown) >= 1  # found literally, in the markup report's sentence
        text = assert_clean(app)
        assert "[@click=app.quit]quit" in text
        await pilot.press("escape")
        await pilot.pause()
        assert app.is_running and app.return_code is None
