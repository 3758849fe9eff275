"""Issue 13 items 7 and 8 (user files): a wrong-shaped data file in the config folder is one line
and the bundled data; a FIFO as config.json, keymap.json, a data file or journal.jsonl never
hangs; a keymap that takes `q` from quit, or carries an escape sequence, is refused in one line."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from store.db import Store
from tests.conftest import ARTICLES
from tests.hostile import forbidden_in

REPO = Path(__file__).resolve().parent.parent
REPORT = ARTICLES / "004_13ff700055651627.txt"
HANG = 30  # seconds: far more than any of these takes; a FIFO read would wait forever


def crosswatch(args: list[str], config: Path, timeout: float = HANG) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(REPO), "CROSSWATCH_CONFIG": str(config)}
    return subprocess.run([sys.executable, "-m", "tui", *args], capture_output=True, text=True, env=env, timeout=timeout)


@pytest.fixture
def config(tmp_path) -> Path:
    folder = tmp_path / "config"
    folder.mkdir()
    return folder


@pytest.fixture(scope="module")
def bundled_events(tmp_path_factory) -> str:
    empty = tmp_path_factory.mktemp("empty-config")
    done = crosswatch(["extract", str(REPORT)], empty)
    assert done.returncode == 0 and done.stdout.strip(), done.stderr
    return done.stdout


WRONG_SHAPES = {
    "gazetteer.json": [
        ([{"id": "x"}], "the file is a list"),
        ({"crossings": {"al-hol": {"posts": []}}}, "crossings is an object"),
        ({"crossings": ["al-hol"]}, "crossings[1] is text"),
        ({"crossings": [{"name": "Al Hol"}]}, "crossings[1] lacks id, posts"),
        ({"crossings": [{"id": "al-hol", "posts": [{"country": 7, "names": ["Al Hol"]}]}]}, "crossings[1].posts[1].country is a number"),
        ({"side_words": {"iraqi": ["iq"]}}, "side_words.iraqi is a list"),
    ],
    "factions.json": [
        ({"factions": [{"id": "x", "name": "X", "aliases": "X fighters"}]}, "factions[1].aliases is text"),
        ({"factions": [{"name": "X", "aliases": ["X"]}]}, "factions[1] lacks id"),
        ("factions", "the file is text"),
    ],
    "triggers.json": [
        ({"triggers": [{"type": "captured", "role": "verb", "words": "grabbed"}]}, "triggers[1].words is text"),
        ({"triggers": [{"type": "captured", "words": ["grabbed"]}]}, "triggers[1] lacks role"),
        ({"hedges": "allegedly"}, "hedges is text"),
    ],
}
CASES = [(name, data, why) for name, cases in WRONG_SHAPES.items() for data, why in cases]


@pytest.mark.parametrize("name, data, why", CASES, ids=[f"{n}-{w}" for n, _, w in CASES])
def test_a_wrong_shaped_data_file_is_one_line_and_the_bundled_data_is_used(config, bundled_events, name, data, why):
    (config / name).write_text(json.dumps(data), encoding="utf-8")
    done = crosswatch(["extract", str(REPORT)], config)
    lines = done.stderr.splitlines()
    assert done.returncode == 0 and len(lines) == 1, done.stderr
    assert str(config / name) in lines[0] and why in lines[0] and "bundled" in lines[0]
    assert done.stdout == bundled_events


def test_a_good_data_file_still_extends_the_bundled_one(config):
    (config / "gazetteer.json").write_text(json.dumps({"crossings": [{"id": "test-bridge", "name": "Test Bridge", "posts": [
        {"country": "sy", "name": "East Bank", "names": ["East Bank"]}]}]}), encoding="utf-8")
    report = config.parent / "r.txt"
    report.write_text("---\npublished: 2014-06-24\n---\nRebels attacked the East Bank border post on Tuesday.\n", encoding="utf-8")
    done = crosswatch(["extract", str(report)], config)
    assert done.returncode == 0 and done.stderr == "", done.stderr
    assert [json.loads(line)["crossing"] for line in done.stdout.splitlines()] == ["test-bridge"]


def test_a_wrong_shaped_data_file_is_said_in_the_browser(config, tmp_path, monkeypatch):
    import asyncio

    from store import datafiles
    from tui.app import CrosswatchApp

    monkeypatch.setenv("CROSSWATCH_CONFIG", str(config))
    (config / "factions.json").write_text(json.dumps({"factions": "none"}), encoding="utf-8")
    datafiles._load.cache_clear()
    folder = tmp_path / "store"
    Store.open(folder).close()

    async def run() -> str:
        app = CrosswatchApp(folder)
        async with app.run_test(size=(120, 40)) as pilot:
            await asyncio.wait_for(app.ready.wait(), timeout=20)
            await pilot.pause()
            return " ".join(str(n.message) for n in app._notifications)

    try:
        said = asyncio.run(run())
    finally:
        datafiles._load.cache_clear()
    assert "factions.json" in said and "bundled" in said


def fifo(path: Path) -> Path:
    os.mkfifo(path)
    return path


@pytest.mark.parametrize("name", ["gazetteer.json", "factions.json", "triggers.json"])
def test_a_fifo_as_a_data_file_never_hangs(config, bundled_events, name):
    fifo(config / name)
    done = crosswatch(["extract", str(REPORT)], config)
    assert done.returncode == 0 and done.stdout == bundled_events
    assert len(done.stderr.splitlines()) == 1 and "FIFO" in done.stderr and name in done.stderr


@pytest.fixture
def small_store(tmp_path) -> Path:
    folder = tmp_path / "store"
    with Store.open(folder) as store:
        store.ingest([REPORT])
    return folder


def test_a_fifo_as_config_json_never_hangs(config, small_store):
    fifo(config / "config.json")
    done = crosswatch(["status", "--store", str(small_store)], config)
    assert done.returncode == 0, done.stderr
    lines = done.stderr.splitlines()
    assert len(lines) == 1 and "config.json" in lines[0] and "FIFO" in lines[0]
    done = crosswatch(["ingest", str(ARTICLES / "001_13ff700055651627.txt"), "--store", str(small_store)], config)
    assert "config.json" in done.stderr and "Traceback" not in done.stderr


def test_a_fifo_as_keymap_json_never_hangs(config):
    fifo(config / "keymap.json")
    code = ("from tui.keymap import KeymapError, load_keymap\n"
            "try:\n    load_keymap()\nexcept KeymapError as err:\n    print(err)\n")
    env = {**os.environ, "PYTHONPATH": str(REPO), "CROSSWATCH_CONFIG": str(config)}
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=HANG)
    assert "keymap.json" in done.stdout and "FIFO" in done.stdout, done.stderr


def test_a_fifo_as_journal_jsonl_never_hangs(config, small_store):
    fifo(small_store / "journal.jsonl")
    for args in (["status", "--store", str(small_store)], ["ingest", str(REPORT), "--store", str(small_store)]):
        done = crosswatch(args, config)
        lines = done.stderr.splitlines()
        assert done.returncode == 1 and len(lines) == 1, done.stderr
        assert "journal.jsonl" in lines[0] and "FIFO" in lines[0]
    assert (small_store / "journal.jsonl").is_fifo()  # left as it was


@pytest.mark.parametrize("keymap, words", [
    ({"accept": "q"}, "'q' is the key of both quit and 'accept'"),
    ({"review.skip": ["space", "q"]}, "'q' is the key of both quit and 'review.skip'"),
    ({"quit": "a"}, "'a' is the key of both quit and 'accept'"),
    ({"accept": "\x1b]0;pwned\x07A"}, "is not a key name"),
    ({"accept": "\x1b[31mA"}, "is not a key name"),
    ({"reject": ["X", "\u202ex"]}, "is not a key name"),
    ({"note": "ctrl+\x07"}, "is not a key name"),
])
def test_a_keymap_taking_quit_or_carrying_escapes_is_refused_in_one_line(config, monkeypatch, keymap, words):
    from tui.keymap import KeymapError, load_keymap

    path = config / "keymap.json"
    path.write_text(json.dumps(keymap), encoding="utf-8")
    with pytest.raises(KeymapError) as caught:
        load_keymap(path)
    message = str(caught.value)
    assert words in message and str(path) in message and "\n" not in message and not forbidden_in(message)


def test_a_keymap_moving_quit_to_a_free_key_is_taken(config):
    from tui.keymap import load_keymap

    path = config / "keymap.json"
    path.write_text(json.dumps({"quit": "Q", "accept": "q", "help": "?"}), encoding="utf-8")
    assert load_keymap(path) == {"quit": "Q", "accept": "q", "help": "?"}


@pytest.mark.parametrize("keymap", [{"accept": "q"}, {"accept": "\x1b]0;pwned\x07A", "reject": "\x1b[2J"}])
async def test_the_browser_keeps_q_and_a_clean_footer_with_such_a_keymap(tmp_path, keymap):
    from test_tui_support import browse, press
    from tui.keymap import keymap_path
    from tui.widgets.key_bar import KeyBar

    keymap_path().parent.mkdir(parents=True, exist_ok=True)
    keymap_path().write_text(json.dumps(keymap), encoding="utf-8")
    folder = tmp_path / "store"
    with Store.open(folder) as store:
        store.ingest([REPORT])
    async with browse(folder) as (app, pilot):
        said = " ".join(str(n.message) for n in app._notifications)
        assert "keymap.json" in said and not forbidden_in(said)
        footer = app.screen.query_one(KeyBar).text
        assert "q Quit" in footer and "a Accept" in footer and not forbidden_in(footer)
        await press(pilot, "q")
        assert not app.is_running


def test_a_fifo_as_a_shard_or_a_cache_never_hangs(config, small_store):
    (small_store / "cache").mkdir(exist_ok=True)
    for name in ("served.marshal", "prints.marshal"):
        (small_store / "cache" / name).unlink(missing_ok=True)
        fifo(small_store / "cache" / name)
    done = crosswatch(["status", "--store", str(small_store)], config)
    assert done.returncode == 0 and "Traceback" not in done.stderr, done.stderr  # caches: ignored, rebuilt
    shard = next((small_store / "corpus").glob("*.json"))
    shard.unlink()
    fifo(shard)
    done = crosswatch(["export", "--format", "md", "--store", str(small_store)], config)
    lines = done.stderr.splitlines()
    assert done.returncode == 1 and len(lines) == 1 and shard.name in lines[0] and "FIFO" in lines[0], done.stderr
