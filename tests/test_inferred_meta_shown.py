"""A file without front matter: its title, outlet and date are read from the text, kept with the
article, and the article pane says which were (issue 12, "Files without front matter")."""
from __future__ import annotations

from store.db import Store
from store.ingest import ingest_paths
from test_tui_support import browse, settle
from tui.widgets.article_view import ArticleView
from tui.widgets.lists import EventList

REPORT = """Iraq closes main border crossing with Syria

BAGHDAD, July 19, 2012 (Reuters) - Iraq closed its Al Qaim border crossing with Syria on Thursday, a local mayor said.
"""


def ingested(tmp_path):
    path = tmp_path / "qaim.txt"
    path.write_text(REPORT, encoding="utf-8")
    folder = tmp_path / "store"
    with Store.open(folder) as store:
        ingest_paths(store, [path])
        article = store.articles()[0]
    return folder, article


def test_the_fields_read_from_the_text_are_kept_with_the_article(tmp_path):
    _, article = ingested(tmp_path)
    assert article["title"] == "Iraq closes main border crossing with Syria" and article["source"] == "Reuters"
    assert set(article["inferred"]) >= {"title", "source"}


async def test_the_article_pane_says_which_fields_were_read_from_the_text(tmp_path):
    folder, _ = ingested(tmp_path)
    async with browse(folder) as (app, pilot):
        events = app.screen.query_one(EventList)
        events.focus()
        await pilot.press("enter")
        await settle(pilot)
        subtitle = str(app.screen.query_one(ArticleView).border_subtitle)
        assert "title, outlet" in subtitle and "read from the text (no front matter)" in subtitle
