"""The command palette (Ctrl+P) and the user keymap, driven as a user would."""
from __future__ import annotations

import json

from textual.command import CommandPalette

from store.names import faction_name
from test_tui_support import needs_events, browse, bundled_store_template, press, reopen, settle, store_dir, title  # noqa: F401
from tui.keymap import ALL_KEYS, FORBIDDEN_DEFAULTS, KeymapError, keymap_path, load_keymap
from tui.screens.main import MainScreen
from tui.widgets.lists import ArticleList, EventList

pytestmark = needs_events


async def run_command(pilot, words: str) -> None:
    await press(pilot, "ctrl+p")
    assert isinstance(pilot.app.screen, CommandPalette)
    await pilot.press(*words)
    for _ in range(40):  # the palette searches in the background
        await pilot.pause(0.05)
        if pilot.app.screen.query("CommandList Option") or pilot.app.screen.query_one("CommandList").option_count:
            break
    await press(pilot, "enter")


async def test_palette_filters_by_crossing_by_name(store_dir):
    async with browse(store_dir) as (app, pilot):
        await run_command(pilot, "Crossing: Al Waleed")
        assert isinstance(app.screen, MainScreen)
        events = app.screen.query_one(EventList)
        assert "crossing Al Waleed / Al Tanf" in title(app.screen.query_one("#events-pane"))
        assert events.keys and all(app.events[k]["crossing"] == "al-waleed" for k in events.keys)


async def test_palette_filters_by_faction_and_clears(store_dir):
    async with browse(store_dir) as (app, pilot):
        faction = next(iter(sorted({e["actor"] for e in app.events.values() if e.get("actor")})))
        await run_command(pilot, f"Faction: {faction_name(faction)}")
        events = app.screen.query_one(EventList)
        assert all(app.events[k]["actor"] == faction for k in events.keys)
        await run_command(pilot, "Filter: clear all")
        assert len(events.keys) == len(app.events)


async def test_palette_jumps_to_an_article(store_dir):
    async with browse(store_dir) as (app, pilot):
        article = list(app.articles.values())[-1]
        await run_command(pilot, "Article: " + article["title"][:25])
        assert app.screen.query_one(ArticleList).cursor_key == article["id"]
        events = app.screen.query_one(EventList)
        assert all(app.events[k]["article_id"] == article["id"] for k in events.keys)


async def test_palette_exports_into_the_store_folder(store_dir):
    async with browse(store_dir) as (app, pilot):
        await run_command(pilot, "Export: events as JSONL")
        await app.workers.wait_for_complete()
        exports = list((store_dir / "exports").glob("*.jsonl"))
        assert len(exports) == 1
        rows = [json.loads(line) for line in exports[0].read_text().splitlines() if line.strip()]
        assert len(rows) == len([e for e in app.events.values() if not e.get("candidate")])  # candidates wait for review


def test_no_default_key_needs_ctrl_j_s_or_o():
    for key in ALL_KEYS:
        assert not set(key.keys.split(",")) & FORBIDDEN_DEFAULTS, key
    assert len({k.id for k in ALL_KEYS}) == len(ALL_KEYS), "binding ids are unique"


def test_bad_keymap_files_are_refused_in_one_line(tmp_path):
    path = tmp_path / "keymap.json"
    for content, words in (("{not json", "not a readable JSON"), ("[1]", "expected an object"),
                           ('{"launch.rockets": "z"}', "unknown binding id"), ('{"accept": ""}', "non-empty"),
                           ('{"accept": ["a", 1]}', "list of strings"), ('{"accept": ' + "[" * 900 + "]" * 900 + "}", "list of strings"),
                           ('{"accept": ' + "[" * 100_000 + "]" * 100_000 + "}", "nested too deeply")):
        path.write_text(content)
        try:
            load_keymap(path)
        except KeymapError as err:
            assert words in str(err) and "\n" not in str(err)
        else:
            raise AssertionError(f"{content!r} accepted")
    assert load_keymap(tmp_path / "absent.json") == {}
    path.write_text('{"accept": ["A", "ctrl+a"], "quit": "Q"}')
    assert load_keymap(path) == {"accept": "A,ctrl+a", "quit": "Q"}


async def test_user_keymap_remaps_keys(store_dir):
    keymap_path().parent.mkdir(parents=True, exist_ok=True)
    keymap_path().write_text(json.dumps({"accept": "A", "reject": ["X", "delete"], "review": "v"}))
    async with browse(store_dir) as (app, pilot):
        events = app.screen.query_one(EventList)
        first, second = events.keys[:2]
        await press(pilot, "a")
        await press(pilot, "A", "j", "delete")
        with reopen(store_dir) as store:
            assert store.event(first)["decision"] == "accepted"
            assert store.event(second)["decision"] == "rejected"
        await press(pilot, "question_mark")
        keys = [str(c) for c in app.screen.table().columns[0]._cells]
        assert "A" in keys and "X, del" in keys
        await press(pilot, "escape", "v")
        assert type(app.screen).__name__ == "ReviewScreen"


async def test_a_broken_keymap_file_is_reported_and_defaults_kept(store_dir):
    keymap_path().parent.mkdir(parents=True, exist_ok=True)
    keymap_path().write_text("{oops")
    async with browse(store_dir) as (app, pilot):
        await settle(pilot)
        assert any("keymap" in str(n.message).lower() or "Keymap" in (n.title or "") for n in app._notifications)
        first = app.screen.query_one(EventList).cursor_key
        await press(pilot, "a")
        with reopen(store_dir) as store:
            assert store.event(first)["decision"] == "accepted"


async def test_palette_adds_reports_in_the_background(store_dir, tmp_path):
    report = tmp_path / "new" / "report.txt"
    report.parent.mkdir()
    report.write_text(
        "---\ntitle: Rebels take Nasib crossing\nsource: Test Wire\npublished: 2015-04-02\n---\n"
        "Syrian rebels seized the Nasib border crossing with Jordan on Wednesday, a rebel spokesman said.\n",
        encoding="utf-8",
    )
    async with browse(store_dir) as (app, pilot):
        before_events = len(app.events)
        await run_command(pilot, "Ingest: add reports")
        app.screen.query_one("#ingest-path").value = str(report.parent)  # as if typed
        await press(pilot, "enter")
        for _ in range(100):
            await pilot.pause(0.05)
            if isinstance(app.screen, MainScreen):
                break
        await settle(pilot)
        assert isinstance(app.screen, MainScreen)
        assert title(app.screen.query_one(ArticleList)) == "Articles 6"
        assert len(app.events) > before_events
        assert "nasib" in {p["crossing"] for p in app.screen.query_one("#status").rows}
    with reopen(store_dir) as store:
        assert any(a.get("title") == "Rebels take Nasib crossing" for a in store.articles())
