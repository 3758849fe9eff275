"""Snapshots of the browser's main screens (pytest-textual-snapshot).

The store behind them is real (a TinyDB folder on disk, written by the store's own
`replace_articles`) and holds the bundled reports' cleaned text with the events the
extractor found in them, frozen in tests/data/tui_snapshot_store.json so that the
pictures change when the browser changes, not whenever the extractor improves.

    python tests/test_tui_snapshots.py --freeze     # re-capture the events from the live extractor
    pytest tests/test_tui_snapshots.py --snapshot-update   # accept new pictures after checking them
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from store.db import Store  # noqa: E402
from tui.app import CrosswatchApp  # noqa: E402

FROZEN = HERE / "data" / "tui_snapshot_store.json"
SIZE = (160, 48)


def build_frozen_store(folder: Path) -> Path:
    frozen = json.loads(FROZEN.read_text(encoding="utf-8"))
    with Store.open(folder) as store:
        store.replace_articles([(a["meta"], a["events"], a["text"]) for a in frozen["articles"]])
    return folder


def freeze() -> None:
    """Capture the bundled reports as the live extractor reads them today."""
    import tempfile

    from store.db.records import raw_fields
    from store.paths import bundled_articles

    with tempfile.TemporaryDirectory() as tmp, Store.open(Path(tmp) / "store") as store:
        store.ingest([bundled_articles()])
        articles = []
        for article in store.articles():
            meta = {k: v for k, v in dict(article).items() if k != "text"}
            meta["path"] = f"data/articles/{article['name']}"
            meta["ingested_at"] = "2026-01-01T00:00:00Z"
            events = [dict(raw_fields(e), id=e["id"], article_id=e["article_id"], extractor=e.get("extractor"))
                      for e in store.events() if e["article_id"] == article["id"]]
            articles.append({"meta": meta, "events": events, "text": store.article_text(article["id"])})
    FROZEN.write_text(json.dumps({"articles": articles}, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"wrote {FROZEN}: {len(articles)} articles, {sum(len(a['events']) for a in articles)} events")


@pytest.fixture
def frozen_app(tmp_path):
    app = CrosswatchApp(build_frozen_store(tmp_path / "store"))
    app.REREAD_ON_OPEN = False  # the frozen events were read by an older extractor: keep them as frozen
    return app


async def settled(pilot) -> None:
    await pilot.app.ready.wait()
    await pilot.pause()
    await pilot.app.settled()
    pilot.app.clear_notifications()  # toasts time out: keep them out of the pictures
    await pilot.pause()


def test_main_screen_with_a_lit_sentence(snap_compare, frozen_app):
    assert snap_compare(frozen_app, press=["j", "j", "j"], terminal_size=SIZE, run_before=settled)


def test_articles_focused_and_events_of_one_article(snap_compare, frozen_app):
    assert snap_compare(frozen_app, press=["shift+tab", "j", "j", "enter"], terminal_size=SIZE, run_before=settled)


def test_status_focused_and_filtered_to_a_post(snap_compare, frozen_app):
    assert snap_compare(frozen_app, press=["tab", "tab", "j", "j", "enter"], terminal_size=SIZE, run_before=settled)


def test_crossing_picker(snap_compare, frozen_app):
    assert snap_compare(frozen_app, press=["c", "down", "space"], terminal_size=SIZE, run_before=settled)


def test_note_editor(snap_compare, frozen_app):
    assert snap_compare(frozen_app, press=["j", "n", *"checked with", "space", *"a second source"], terminal_size=SIZE, run_before=settled)


def test_help_screen(snap_compare, frozen_app):
    assert snap_compare(frozen_app, press=["question_mark"], terminal_size=SIZE, run_before=settled)


def test_review_mode(snap_compare, frozen_app):
    async def review_two(pilot) -> None:
        await settled(pilot)
        for key in ["r", "a", "x"]:
            await pilot.press(key)
        await settled(pilot)

    assert snap_compare(frozen_app, terminal_size=SIZE, run_before=review_two)


def test_search_with_a_note_and_decisions(snap_compare, frozen_app):
    async def decide_note_and_search(pilot) -> None:
        await settled(pilot)
        for key in ["a", "j", "x", "j", "n", *"doubtful", "f2", "slash", *"crossing", "enter"]:
            await pilot.press(key)
        await settled(pilot)  # the status follows the decisions in its own thread

    assert snap_compare(frozen_app, terminal_size=SIZE, run_before=decide_note_and_search)


# -- 80x24, a first-class size (issue 12): the focused pane large, the others folded; dialogs inside ----

SMALL = (80, 24)
BOTH = pytest.mark.parametrize("size", [SMALL, SIZE], ids=["80x24", "160x48"])


def test_small_main_screen_with_a_lit_sentence(snap_compare, frozen_app):
    assert snap_compare(frozen_app, press=["j", "j", "j"], terminal_size=SMALL, run_before=settled)


def test_small_status_focused(snap_compare, frozen_app):
    assert snap_compare(frozen_app, press=["tab", "tab", "j"], terminal_size=SMALL, run_before=settled)


def test_small_help_screen(snap_compare, frozen_app):
    assert snap_compare(frozen_app, press=["f1"], terminal_size=SMALL, run_before=settled)


def test_small_note_editor(snap_compare, frozen_app):
    assert snap_compare(frozen_app, press=["j", "n", *"checked with", "space", *"a second source"], terminal_size=SMALL,
                        run_before=settled)


def test_small_crossing_picker(snap_compare, frozen_app):
    assert snap_compare(frozen_app, press=["c", "down", "space"], terminal_size=SMALL, run_before=settled)


def test_small_review_mode(snap_compare, frozen_app):
    async def review_two(pilot) -> None:
        await settled(pilot)
        for key in ["r", "a", "x"]:
            await pilot.press(key)
        await settled(pilot)

    assert snap_compare(frozen_app, terminal_size=SMALL, run_before=review_two)


def test_small_filters_as_chips_and_an_empty_result(snap_compare, frozen_app):
    async def filter_to_nothing(pilot) -> None:
        await settled(pilot)
        for key in ["c", "space", "enter", "f", "space", "enter", "t", "space", "enter", "slash", *"nothing like this", "enter"]:
            await pilot.press(key)
        await settled(pilot)

    assert snap_compare(frozen_app, terminal_size=SMALL, run_before=filter_to_nothing)


@BOTH
def test_timeline(snap_compare, frozen_app, size):
    async def open_timeline(pilot) -> None:
        await settled(pilot)
        await pilot.press("j", "j", "l")
        await settled(pilot)
        await pilot.press("left")
        await settled(pilot)

    assert snap_compare(frozen_app, terminal_size=size, run_before=open_timeline)


if __name__ == "__main__" and "--freeze" in sys.argv:
    freeze()
