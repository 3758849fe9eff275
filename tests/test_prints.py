"""The print book (store.print_book, kept as cache/prints.marshal) never changes which articles are copies.

Copies are found from the texts alone (`syndication(articles)`) and with a book, empty,
full, partial, written and read back, or stale, on the bundled reports and on a synthetic
store with reprints; all must give the same answer, and the literal rule's
(test_status_fast_paths.plain_syndication).
"""
from __future__ import annotations

import io
import json

import random
import sys
from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from store import ids
from store.db import Store
from store.db import prints as stored
from store.db.corpus import Corpus
from store.db.prints import prints_path, read_prints, write_prints
from store.print_book import PrintBook
from store.sources import syndication
from store.status import StatusEngine, engine_for

from test_status_fast_paths import plain_syndication

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench.synth import make_article  # noqa: E402


def plain(articles: list[dict]) -> list[dict]:
    """What syndication sees of a store's articles, texts read."""
    return [{"id": a["id"], "source": a.get("source"), "published": a.get("published"), "hash": a.get("hash"),
             "text": a.get("text")} for a in articles]


def answers(articles: list[dict], folder: Path) -> list[dict]:
    """Copies found every way there is: without a book, with an empty one, a full one, one read back from disk."""
    got = [syndication(articles)]
    book = PrintBook()
    got.append(syndication(articles, book=book))
    assert book.prints and book.answer  # it learnt
    got.append(syndication(articles, book=PrintBook(book.prints, book.verdicts)))  # every pair known, no answer
    stale = (bytes(32), {a["id"]: None for a in articles})
    got.append(syndication(articles, book=PrintBook(book.prints, book.verdicts, stale)))  # the answer of other articles
    write_prints(folder, book)
    again = read_prints(folder)
    got.append(syndication(articles, book=again))  # the kept answer, nothing decoded
    assert again.learnt == 0 and again._prints is None and again._verdicts is None
    again = read_prints(folder)
    again.answer = None
    got.append(syndication(articles, book=again))  # the kept prints and verdicts
    assert len(again.prints) == len(book.prints) and again.verdicts == book.verdicts and again.learnt == 1
    half = PrintBook(dict(list(book.prints.items())[::2]), dict(list(book.verdicts.items())[1::2]))
    got.append(syndication(articles, book=half))
    return got


def reprinted(rng: random.Random, n: int) -> list[tuple[dict, list, str]]:
    """Synthetic articles a few days apart, a third of them reprints (whole, or part of the lede) of one before."""
    made = []
    start = date(2014, 6, 1)
    for k in range(n):
        meta, events, text = make_article(rng, k, events_per_article=4)
        meta["published"] = (start + timedelta(days=rng.randrange(40))).isoformat()
        if made and k % 3 == 0:
            base_meta, _, base_text = rng.choice(made)
            words = base_text.split()
            keep = rng.choice([len(words), 150, 110, 80, 40])
            text = " ".join(words[:keep]) + " " + text[rng.randrange(len(text) // 2):]
            meta["published"] = (date.fromisoformat(base_meta["published"]) + timedelta(days=rng.randrange(-2, 9))).isoformat()
            meta["hash"] = ids.content_hash(text)
            meta["id"] = ids.article_id(meta["hash"])
            meta["source"] = rng.choice(["Arab Today", "The Peninsula (AFP)", "MESOP"])
            events = []
        made.append((meta, events, text))
    return made


def test_bundled_reports_same_copies_with_and_without_the_book(tmp_path):
    store = Store.open_or_build(tmp_path / "store")
    articles = plain(store.articles())
    got = answers(articles, tmp_path / "store")
    assert all(g == got[0] for g in got)
    assert got[0] == plain_syndication(articles)
    assert any(got[0].values())  # the AFP reprint


def test_synthetic_store_with_reprints_same_copies(tmp_path):
    folder = tmp_path / "synth"
    store = Store.open(folder)
    store.replace_articles(reprinted(random.Random(5), 300))
    articles = plain(store.articles())
    got = answers(articles, folder)
    assert all(g == got[0] for g in got)
    assert got[0] == plain_syndication(articles)
    assert sum(v is not None for v in got[0].values()) > 30


texts = st.lists(st.sampled_from("the militants seized crossing border post Al Waleed forces said Öncüpınar".split()),
                 max_size=260).map(" ".join)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.tuples(texts, st.integers(0, 12) | st.none(), st.integers(0, 3), st.integers(0, 260)), max_size=14),
       st.randoms(use_true_random=False))
def test_any_part_of_a_book_gives_the_same_copies(tmp_path, drawn, rng):
    articles, made = [], []
    for n, (text, day, copy_of, cut) in enumerate(drawn):
        if made and copy_of:  # a reprint: part of an earlier text, then its own
            text = " ".join(made[-copy_of % len(made)].split()[:cut]) + " " + text
        made.append(text)
        published = (date(2014, 6, 1) + timedelta(days=day)).isoformat() if day is not None else None
        articles.append({"id": f"a{n:02d}", "source": "X", "published": published, "text": text,
                         "hash": ids.content_hash(text)})
    expected = syndication(articles)
    assert expected == plain_syndication(articles)
    full = PrintBook()
    assert syndication(articles, book=full) == expected
    assert syndication(articles, book=full) == expected  # its answer
    part = PrintBook({h: p for h, p in full.prints.items() if rng.random() < 0.5},
                     {k: v for k, v in full.verdicts.items() if rng.random() < 0.5})
    assert syndication(articles, book=part) == expected
    if articles:  # one article fewer: not the kept answer
        assert syndication(articles[1:], book=full) == syndication(articles[1:])


# -- the file -------------------------------------------------------------------------------

def test_a_file_not_current_or_unreadable_gives_an_empty_book(tmp_path, monkeypatch):
    book = PrintBook()
    syndication([{"id": "a", "published": None, "text": "one two three four five six", "hash": "h1"}], book=book)
    write_prints(tmp_path, book)
    assert set(read_prints(tmp_path).prints) == {"h1"}
    monkeypatch.setattr(stored, "STAMP", stored.STAMP[:1] + ("another python",) + stored.STAMP[2:])
    assert read_prints(tmp_path).prints == {}
    monkeypatch.undo()
    for garbage in (b"", b"not marshal", prints_path(tmp_path).read_bytes()[:-7]):
        prints_path(tmp_path).write_bytes(garbage)
        assert read_prints(tmp_path).prints == {} and read_prints(tmp_path).verdicts == {}
    assert read_prints(tmp_path / "missing").prints == {}


def test_engine_writes_the_book_and_reads_no_text_once_it_is_kept(tmp_path, monkeypatch):
    folder = tmp_path / "synth"
    with Store.open(folder) as store:
        store.replace_articles(reprinted(random.Random(9), 120))
    with Store.open(folder, readonly=True) as store:
        first = engine_for(store)
        status, copies = first.status(), first.copies
    assert prints_path(folder).exists()
    stamp = prints_path(folder).stat().st_mtime_ns
    read = []
    monkeypatch.setattr(Corpus, "load_texts", lambda self, shard: read.append(shard) or {})
    with Store.open(folder, readonly=True) as store:
        again = engine_for(store)
        assert (again.status(), again.copies) == (status, copies)
    # the browser's status child (from 20,000 events) opens the store itself: the same book, no text read
    from tui.screens.status_process import serve

    answer = io.StringIO()
    serve(str(folder), stdin=io.StringIO('{"as_of": null}\n'), stdout=answer)
    assert json.loads(answer.getvalue())["posts"] == status["posts"]
    assert read == [] and prints_path(folder).stat().st_mtime_ns == stamp  # nothing learnt, nothing written
    monkeypatch.undo()
    with Store.open(folder) as store:  # an ingest: one more reprint, and one report's text changed
        more = reprinted(random.Random(10), 121)
        changed = more[0][2] + " Updated."
        store.replace_articles([more[-1], ({**more[0][0], "hash": ids.content_hash(changed)}, more[0][1], changed)])
    with Store.open(folder, readonly=True) as store:
        assert engine_for(store).copies == syndication(plain(store.articles()))
        book = read_prints(folder)
        assert {a["hash"] for a in store.articles()} == set(book.prints)  # learnt, written, the old text's dropped


def test_a_changed_text_is_worked_out_again(tmp_path):
    one = "Militants seized the Al Waleed crossing on Monday, officials said, and the border post is closed now."
    other = "Turkish troops hold the Oncupinar gate after clashes overnight near the town, residents told reporters."
    book = PrintBook()
    articles = [{"id": "a", "published": "2014-06-01", "text": one, "hash": ids.content_hash(one)},
                {"id": "b", "published": "2014-06-02", "text": other, "hash": ids.content_hash(other)}]
    assert syndication(articles, book=book) == {"a": None, "b": None}
    articles[1] = {"id": "b", "published": "2014-06-02", "text": one + " Reprinted.", "hash": ids.content_hash(one + " Reprinted.")}
    assert syndication(articles, book=book) == syndication(articles) == {"a": None, "b": "a"}


@pytest.mark.parametrize("readonly", [True, False])
def test_a_folder_that_cannot_be_written_loses_only_the_speed_up(tmp_path, monkeypatch, readonly):
    folder = tmp_path / "synth"
    with Store.open(folder) as store:
        store.replace_articles(reprinted(random.Random(3), 30))

    def refuse(*args):
        raise OSError("read-only file system")

    monkeypatch.setattr(stored, "atomic_write", refuse)
    with Store.open(folder, readonly=readonly) as store:
        engine = engine_for(store)
        assert engine.copies == syndication(plain(store.articles()))
    assert not prints_path(folder).exists()


def test_a_kept_answer_that_does_not_fit_the_articles_is_not_used(tmp_path):
    """A hand-edited (or hostile) file with the right stamp and digest still cannot make copies up."""
    articles = [{"id": f"a{n}", "published": "2014-06-01", "text": f"Report {n} on the crossing, told by officials.",
                 "hash": ids.content_hash(f"Report {n}")} for n in range(3)]
    book = PrintBook()
    expected = syndication(articles, book=book)
    digest = book.answer[0]
    for wrong in ({"a0": None, "a1": "nowhere", "a2": None}, {"a0": None}, {"a0": None, "a1": None, "a2": None, "zz": "a0"}):
        assert syndication(articles, book=PrintBook(book.prints, book.verdicts, (digest, wrong))) == expected
        write_prints(tmp_path, PrintBook(book.prints, book.verdicts, (digest, wrong)))
        assert syndication(articles, book=read_prints(tmp_path)) == expected


def test_an_engine_over_part_of_a_store_keeps_the_rest_of_the_book(tmp_path):
    folder = tmp_path / "synth"
    with Store.open(folder) as store:
        store.replace_articles(reprinted(random.Random(4), 40))
    with Store.open(folder, readonly=True) as store:
        engine_for(store)
        whole = set(read_prints(folder).prints)
        part = store.articles()[:5]
        book = read_prints(folder)
        book.learnt = 1  # as if the part taught it something
        StatusEngine(part, book=book)
        assert set(read_prints(folder).prints) == whole  # a part: nothing dropped
        book = read_prints(folder)
        book.learnt = 1
        StatusEngine(store.articles()[1:], book=book)  # a whole store less one replaced text: dropped
        assert set(read_prints(folder).prints) == whole - {store.articles()[0]["hash"]}
