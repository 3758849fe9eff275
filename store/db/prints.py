"""`cache/prints.marshal`: the store's PrintBook (store.print_book) kept between runs.

A first status at 10,000 articles spent 2.5 s reading every text and splitting it into
5-grams, to learn what depends on the texts alone. This file keeps what it learnt: each
text's sampled 5-grams and the exact copy verdicts of the pairs they cannot rule out, by
the article's `hash` (the store's content hash, written with its text), and the last
answer with the digest of the articles it answered.

Derived data, never the truth, like the snapshot (snapshot.py): stamped with a format
number, the Python that wrote it (5-gram hashes are Python's tuple hashes) and every
rule the entries depend on; any difference or read error and the book starts empty, so
everything is worked out from the texts again. Entries for texts the store no longer
holds are dropped when it is written (`StoredBook.keep`). Whoever learnt something writes
it, atomically: the status command, the browser's status child or thread, read-only
opens included (a derived file two processes can only both replace, never tear).
"""
from __future__ import annotations

import marshal
import sys
from array import array
from pathlib import Path

from .. import shingles
from ..print_book import PrintBook
from ..regular import read_regular
from ..shingles import Print
from ..sources import RULES
from .atomic import atomic_write

FORMAT = 2  # bump when the layout below, or how a print or verdict is worked out (store.shingles, store.sources), changes
STAMP = (FORMAT, f"{sys.implementation.cache_tag}/{marshal.version}", sys.byteorder,
         (shingles.SHINGLE, shingles.LEDE_WORDS, shingles.SAMPLE), RULES)


def prints_path(folder: Path) -> Path:
    return Path(folder) / "cache" / "prints.marshal"


class StoredBook(PrintBook):
    """A PrintBook read from a store's folder, written back by `keep` when it learnt something.

    The prints and verdicts are decoded when first asked for: a status over the same
    articles as the last needs only the kept answer.
    """

    def __init__(self, folder: Path, prints: bytes | None = None, verdicts: bytes | None = None, answer=None):
        self.folder = Path(folder)
        self._raw = (prints, verdicts)
        self._prints: dict | None = None
        self._verdicts: dict | None = None
        self.answer = answer
        self.learnt = 0

    @property
    def prints(self) -> dict:
        if self._prints is None:
            self._prints = _decode_prints(self._raw[0])
        return self._prints

    @property
    def verdicts(self) -> dict:
        if self._verdicts is None:
            self._verdicts = _decode_verdicts(self._raw[1])
        return self._verdicts

    def keep(self, text_hashes) -> bool:
        """Write the book back when anything was learnt; False when nothing was written.

        Entries about other texts are dropped when these are a whole store's (at least half
        the prints known: the rest are texts replaced since), kept when they are only a part.
        """
        if not self.learnt:
            return False
        current = {h for h in text_hashes if h}
        try:
            write_prints(self.folder, self.kept_for(current) if 2 * len(current) >= len(self.prints) else self)
        except OSError:  # a read-only folder, a full disk: only a speed-up is lost
            return False
        self.learnt = 0
        return True


def read_prints(folder: Path) -> StoredBook:
    """The book kept in `folder`; an empty one when there is none or it is not current."""
    try:
        stamp, answer, prints, verdicts = marshal.loads(read_regular(prints_path(folder)))  # a FIFO here: ignored, never waited on
    except (OSError, EOFError, ValueError, TypeError):
        return StoredBook(folder)
    if stamp != STAMP or type(prints) is not bytes or type(verdicts) is not bytes or not _is_answer(answer):
        return StoredBook(folder)
    return StoredBook(folder, prints, verdicts, answer)


def _is_answer(answer) -> bool:
    return answer is None or (type(answer) is tuple and len(answer) == 2 and type(answer[0]) is bytes
                              and type(answer[1]) is dict)


def _decode_prints(raw: bytes | None) -> dict:
    """text hash -> Print; empty when absent or unreadable (everything is then worked out again)."""
    book = {}
    try:
        for text_hash, words, lede, sampled in marshal.loads(raw) if raw else ():
            sample = array("q", sampled)
            book[text_hash] = Print(bool(words), frozenset(sample[:lede]), frozenset(sample))
    except (EOFError, ValueError, TypeError):
        return {}
    return book


def _decode_verdicts(raw: bytes | None) -> dict:
    try:
        verdicts = marshal.loads(raw) if raw else {}
    except (EOFError, ValueError, TypeError):
        return {}
    return verdicts if type(verdicts) is dict else {}


def encode(book: PrintBook) -> bytes:
    """The file's bytes: the answer, then per text its sample as 8-byte hashes with the lede's first, then the verdicts."""
    prints = []
    for text_hash, found in book.prints.items():
        lede = sorted(found.lede_sample)
        rest = sorted(found.sample - found.lede_sample)
        prints.append((text_hash, int(found.words), len(lede), array("q", lede + rest).tobytes()))
    return marshal.dumps((STAMP, book.answer, marshal.dumps(prints), marshal.dumps(book.verdicts)))


def write_prints(folder: Path, book: PrintBook) -> None:
    path = prints_path(folder)
    path.parent.mkdir(exist_ok=True)
    atomic_write(path, encode(book))


def store_book(store) -> StoredBook:
    """The book of an open `store.db.Store`."""
    return read_prints(store.folder)
