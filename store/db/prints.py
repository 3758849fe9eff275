"""`cache/prints.marshal`: the store's PrintBook (store.print_book) kept between runs.

A first status at 10,000 articles spent 2.5 s reading every text and splitting it into
5-grams, to learn what depends on the texts alone. This file keeps what it learnt: each
text's sampled 5-grams and the exact copy verdicts of the pairs they cannot rule out, by
the article's `hash` (the store's content hash, written with its text).

Derived data, never the truth, like the snapshot (snapshot.py): stamped with a format
number, the Python that wrote it (5-gram hashes are Python's tuple hashes) and every
rule the entries depend on; any difference or read error and the book starts empty, so
everything is worked out from the texts again. Entries for texts the store no longer
holds are dropped when it is written. It is written, atomically, by whoever learnt
something (a status, the snapshot child): a derived file two processes can only both
replace, never tear.
"""
from __future__ import annotations

import marshal
import sys
from array import array
from pathlib import Path

from .. import shingles
from ..print_book import PrintBook
from ..shingles import Print
from ..sources import RULES
from .atomic import atomic_write

FORMAT = 1  # bump when the layout below changes
STAMP = (FORMAT, f"{sys.implementation.cache_tag}/{marshal.version}", sys.byteorder,
         (shingles.SHINGLE, shingles.LEDE_WORDS, shingles.SAMPLE), RULES)


def prints_path(folder: Path) -> Path:
    return Path(folder) / "cache" / "prints.marshal"


class StoredBook(PrintBook):
    """A PrintBook read from a store's folder, written back by `keep` when it learnt something."""

    def __init__(self, folder: Path, prints=None, verdicts=None):
        super().__init__(prints, verdicts)
        self.folder = Path(folder)

    def keep(self, text_hashes) -> bool:
        """Write the entries about these texts when anything was learnt; False when nothing was written."""
        if not self.learnt:
            return False
        try:
            write_prints(self.folder, self.kept_for({h for h in text_hashes if h}))
        except OSError:  # a read-only folder, a full disk: only a speed-up is lost
            return False
        self.learnt = 0
        return True


def read_prints(folder: Path) -> StoredBook:
    """The book kept in `folder`; an empty one when there is none or it is not current."""
    try:
        stamp, prints, verdicts = marshal.loads(prints_path(folder).read_bytes())
        if stamp != STAMP or type(prints) is not list or type(verdicts) is not dict:
            return StoredBook(folder)
        book = {}
        for text_hash, words, lede, raw in prints:
            sample = array("q", raw)
            book[text_hash] = Print(bool(words), frozenset(sample[:lede]), frozenset(sample))
    except (OSError, EOFError, ValueError, TypeError):
        return StoredBook(folder)
    return StoredBook(folder, book, verdicts)


def encode(book: PrintBook) -> bytes:
    """The file's bytes: per text, its sample as 8-byte hashes with the lede's first."""
    prints = []
    for text_hash, found in book.prints.items():
        lede = sorted(found.lede_sample)
        rest = sorted(found.sample - found.lede_sample)
        prints.append((text_hash, int(found.words), len(lede), array("q", lede + rest).tobytes()))
    return marshal.dumps((STAMP, prints, book.verdicts))


def write_prints(folder: Path, book: PrintBook) -> None:
    path = prints_path(folder)
    path.parent.mkdir(exist_ok=True)
    atomic_write(path, encode(book))


def store_book(store) -> StoredBook:
    """The book of an open `store.db.Store`."""
    return read_prints(store.folder)


def records_book(articles) -> StoredBook | None:
    """The book of the store these article records were served by; None for plain dicts.

    The browser's status child hands the engine `Store.articles()` and not the store; a
    record's lazy text loader is bound to the store's text cache, which knows the folder.
    Until that child passes its store, this is how its status finds the book.
    """
    first = next(iter(articles), None)
    texts = getattr(getattr(first, "_load_text", None), "__self__", None)
    folder = getattr(getattr(texts, "corpus", None), "folder", None)
    return read_prints(folder) if folder is not None else None
