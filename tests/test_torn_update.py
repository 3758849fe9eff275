"""Issue 13 item 1, the fast half: an update cut short never leaves events off their text.

A shard's texts and records are committed as one step (store/db/corpus.py): a kill
after the texts were written is finished on the next open, one before is undone, and a
read-only open serves the same without touching a file. A store an older version left
torn (texts written, records not) is caught when an article is shown: nothing is lit on
it, one line says so, and `crosswatch reread` reads it again from its text, notes kept.
The kill loop over every write path is `test_kill_loop.py` (slow).
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from store.db import Store, StoreError
from store.db.corpus import Corpus, shard_of
from tests.conftest import ARTICLES
from tui.cli import main

REPORT = ARTICLES / "004_13ff700055651627.txt"
PREAMBLE = "Dispatch from the border desk, filed late on the day.\n\n"


class Killed(BaseException):
    """What a SIGKILL leaves: the write stops here, and nothing after it runs."""


def changed(text: str) -> str:
    """The report with a sentence before its body: every event's offsets move."""
    _, front, body = text.split("---\n", 2)
    return f"---\n{front}---\n{PREAMBLE}{body}"


def off_text(store) -> list[str]:
    return [e["id"] for e in store.events() if store.article_text(e["article_id"])[e["start"]:e["end"]] != e["sentence"]]


def files_of(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file() and p.name != ".lock"}


@pytest.fixture
def noted(tmp_path) -> tuple[Path, Path, str, str]:
    """A store holding one report (a copy we can change) and a note on its first event."""
    report = tmp_path / "report.txt"
    report.write_text(REPORT.read_text(encoding="utf-8"), encoding="utf-8")
    folder = tmp_path / "store"
    with Store.open(folder) as store:
        store.ingest([report])
        event = store.events()[0]
        store.save_note(event["id"], "the analyst's note")
    return folder, report, event["id"], event["article_id"]


def cut_after_texts(folder: Path, report: Path, monkeypatch) -> None:
    """Ingest the changed report, killed after its shard's texts were written, before the records."""
    report.write_text(changed(report.read_text(encoding="utf-8")), encoding="utf-8")

    def killed(self, shard):
        raise Killed()

    store = Store.open(folder)
    with monkeypatch.context() as patch:
        patch.setattr(Corpus, "_commit", killed)
        with pytest.raises(Killed):
            store.ingest([report])
    store.close()


def test_a_write_killed_after_its_texts_is_finished_on_open(noted, monkeypatch):
    folder, report, event_id, article_id = noted
    cut_after_texts(folder, report, monkeypatch)
    shard = shard_of(article_id)
    assert (folder / "corpus" / f"{shard}.pending.json").exists(), "the kill left the new records pending"
    with Store.open(folder) as store:
        assert store.recovered == [f"{folder / 'corpus' / f'{shard}.json'}: an update cut short was finished (its texts were written)"]
        assert not off_text(store)
        assert PREAMBLE.strip() in store.article_text(article_id)  # the new text, with the events made from it
        assert store.event(event_id)["note"] == "the analyst's note"
    assert not (folder / "corpus" / f"{shard}.pending.json").exists()


def test_a_write_killed_before_its_texts_is_undone_on_open(noted, monkeypatch):
    folder, report, event_id, article_id = noted
    shard = shard_of(article_id)
    texts = folder / "texts" / f"{shard}.json"
    old_texts = texts.read_bytes()
    with Store.open(folder, readonly=True) as store:
        before = {e["id"]: (e["start"], e["end"]) for e in store.events()}
    cut_after_texts(folder, report, monkeypatch)
    texts.write_bytes(old_texts)  # killed one step earlier: the new records pending, the texts not yet replaced
    with Store.open(folder) as store:
        assert [line.endswith("undone (its texts were not written)") for line in store.recovered] == [True]
        assert not off_text(store)
        assert {e["id"]: (e["start"], e["end"]) for e in store.events()} == before
        assert store.event(event_id)["note"] == "the analyst's note"
    assert not (folder / "corpus" / f"{shard}.pending.json").exists()


def test_a_read_only_open_serves_the_finished_write_and_touches_nothing(noted, monkeypatch):
    folder, report, _, _ = noted
    cut_after_texts(folder, report, monkeypatch)
    before = files_of(folder)
    with Store.open(folder, readonly=True) as store:
        assert not off_text(store)
        assert store.recovered == []
        assert any(PREAMBLE.strip() in store.article_text(a["id"]) for a in store.articles())
    assert files_of(folder) == before


def test_a_pending_file_that_does_not_parse_is_refused_by_name(noted, monkeypatch):
    folder, report, _, article_id = noted
    cut_after_texts(folder, report, monkeypatch)
    pending = folder / "corpus" / f"{shard_of(article_id)}.pending.json"
    pending.write_bytes(b'{"articles": ')
    before = files_of(folder)
    with pytest.raises(StoreError, match=r"pending\.json: not valid JSON"):
        Store.open(folder)
    assert files_of(folder) == before


# -- a store an older version left torn: texts written, records not ------------------------------


def tear(folder: Path, article_id: str) -> None:
    """What a kill left with the previous Crosswatch: the article's new text, its old records."""
    path = folder / "texts" / f"{shard_of(article_id)}.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    for doc in data["texts"].values():
        if doc["article"] == article_id:
            doc["text"] = PREAMBLE + doc["text"]
    path.write_text(json.dumps(data), encoding="utf-8")


def test_an_article_torn_by_an_older_version_is_never_lit_and_says_why(noted):
    folder, _, event_id, article_id = noted
    tear(folder, article_id)
    with Store.open(folder, readonly=True) as store:
        text, problem = store.checked_text(article_id)
        assert text.startswith(PREAMBLE)
        assert problem and "not on their sentences" in problem and "crosswatch reread" in problem
        assert "\n" not in problem


def test_reread_repairs_a_torn_article_from_its_text_and_keeps_the_note(noted, capsys):
    folder, _, event_id, article_id = noted
    tear(folder, article_id)
    assert main(["reread", "--store", str(folder)]) == 0
    out = capsys.readouterr()
    assert "re-read 1 reports" in out.out and "off their stored text" in out.err
    with Store.open(folder, readonly=True) as store:
        assert not off_text(store)
        assert store.checked_text(article_id)[1] is None
        assert store.event(event_id)["note"] == "the analyst's note"  # same sentence, same id: the note stays on it


async def test_the_browser_lights_nothing_on_a_torn_article_and_says_so_once(noted):
    import asyncio

    folder, _, event_id, article_id = noted
    tear(folder, article_id)
    await asyncio.wait_for(browse_torn(folder, event_id), 60)


async def browse_torn(folder: Path, event_id: str) -> None:
    from test_tui_support import browse, settle
    from tui.widgets.article_view import ArticleView
    from tui.widgets.lists import EventList

    async with browse(folder) as (app, pilot):
        events, view = app.screen.query_one(EventList), app.screen.query_one(ArticleView)
        for _ in range(2):  # twice: the line is said once, the pane keeps saying it
            events.move_to_key(event_id)
            await settle(pilot)
            assert view.lit is None and "▶" not in "".join(view.render_line(y).text for y in range(10))
            assert view.border_subtitle == "events not lit: they are off this text"
        said = [str(n.message) for n in app._notifications if "not on their sentences" in str(n.message)]
        assert len(said) == 1 and "crosswatch reread" in said[0]


def test_temporary_files_of_dead_writers_are_swept_by_a_writer_only(noted):
    folder, _, _, _ = noted
    dead = folder / "texts" / ".6.json.4194399.tmp"  # above any pid the system gives: that writer is gone
    dead.write_bytes(b"half a shard")
    Store.open(folder, readonly=True).close()
    assert dead.exists(), "a read-only open touches nothing"
    Store.open(folder).close()
    assert not dead.exists()
