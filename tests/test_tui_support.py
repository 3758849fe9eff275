"""Shared helpers for the browser tests: a real store built from the bundled reports,
the app driven by Textual's Pilot, and plain-text views of what the panes show."""
from __future__ import annotations

import shutil
from contextlib import asynccontextmanager
from pathlib import Path

import pytest

from store.db import Store
from tui.app import CrosswatchApp

ARTICLES = Path(__file__).resolve().parent.parent / "data" / "articles"
SIZE = (160, 48)


def extractor_finds_events() -> bool:
    from store import ingest

    report = ARTICLES / "004_13ff700055651627.txt"
    return bool(ingest.extract_article(report.read_text(encoding="utf-8")).events)


needs_events = pytest.mark.skipif(not extractor_finds_events(), reason="the extractor finds no events yet")


def build_store(folder: Path, articles=(ARTICLES,)) -> Path:
    store = Store.open(folder)
    try:
        store.ingest(list(articles))
    finally:
        store.close()
    return folder


@pytest.fixture(scope="session")
def bundled_store_template(tmp_path_factory) -> Path:
    return build_store(tmp_path_factory.mktemp("template") / "store")


@pytest.fixture
def store_dir(bundled_store_template, tmp_path) -> Path:
    """A fresh copy of the store built from the bundled reports, for one test to change."""
    target = tmp_path / "store"
    shutil.copytree(bundled_store_template, target, ignore=shutil.ignore_patterns(".lock"))
    return target


def reopen(store_dir: Path) -> Store:
    """The store as it is on disk now (read-only: the app may still hold the lock)."""
    return Store.open(store_dir, readonly=True)


async def settle(pilot) -> None:
    await pilot.pause()
    await pilot.app.settled()
    await pilot.pause()


@asynccontextmanager
async def browse(store_dir: Path, size=SIZE):
    app = CrosswatchApp(store_dir)
    async with app.run_test(size=size) as pilot:
        await app.ready.wait()
        await settle(pilot)
        yield app, pilot


def lines(widget) -> list[str]:
    """What a line-drawn pane shows, one string per screen line."""
    return [widget.render_line(y).text for y in range(widget.scrollable_content_region.height)]


def title(widget) -> str:
    """The border title as shown (the public getter gives it back as markup, which is no plain text)."""
    content = widget._border_title
    return content.plain if content is not None else ""


async def press(pilot, *keys: str) -> None:
    for key in keys:
        await pilot.press(key)
    await settle(pilot)
