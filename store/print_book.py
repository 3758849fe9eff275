"""What syndicated-copy detection learnt from the texts, kept so a status need not learn it again.

Finding copies (store.sources) splits every text into 5-grams (store.shingles): about
2.5 s at 10,000 articles, for an answer that depends on the texts alone. A `PrintBook`
holds, by text hash (the store's `hash` of an article, written with its text), each
text's `Print` (its sampled 5-grams, which rule out most pairs) and the exact verdict of
each pair of texts the samples could not rule out (copy or not). Anything missing is
worked out from the text, as without a book, and added. It also keeps the last answer
with a digest of what it answered (every article's id, publication and text hash, the
window): the same articles again, and the answer is the same without a comparison.

The book is derived data, never the truth: store.db.prints keeps it on disk and drops it
whole on any doubt. Articles without a hash are always worked out from their text.
"""
from __future__ import annotations

from .shingles import Print


def pair(a: str, b: str) -> tuple[str, str]:
    """The key of a pair of texts: a copy is a copy either way round."""
    return (a, b) if a <= b else (b, a)


class PrintBook:
    def __init__(self, prints: dict[str, Print] | None = None, verdicts: dict[tuple[str, str], bool] | None = None,
                 answer: tuple[bytes, dict] | None = None):
        self.prints = {} if prints is None else prints  # text hash -> Print
        self.verdicts = {} if verdicts is None else verdicts  # pair(hash, hash) -> is a copy
        self.answer = answer  # (digest of the articles, article id -> the id it copies or None)
        self.learnt = 0  # entries added since made or loaded: worth writing back

    def answer_for(self, digest: bytes | None) -> dict | None:
        if digest is None or self.answer is None or self.answer[0] != digest:
            return None
        return dict(self.answer[1])

    def learn_answer(self, digest: bytes | None, original: dict) -> None:
        if digest is not None and (self.answer is None or self.answer[0] != digest):
            self.answer = (digest, dict(original))
            self.learnt += 1

    def print_of(self, text_hash: str | None) -> Print | None:
        return self.prints.get(text_hash) if text_hash else None

    def learn_print(self, text_hash: str | None, found: Print) -> None:
        if text_hash and text_hash not in self.prints:
            self.prints[text_hash] = found
            self.learnt += 1

    def verdict(self, a: str | None, b: str | None) -> bool | None:
        return self.verdicts.get(pair(a, b)) if a and b else None

    def learn_verdict(self, a: str | None, b: str | None, copy: bool) -> None:
        if a and b:
            self.verdicts[pair(a, b)] = copy
            self.learnt += 1

    def keep(self, text_hashes) -> bool:
        """Write back what was learnt about these texts (store.db.prints.StoredBook); an in-memory book keeps nothing."""
        return False

    def kept_for(self, text_hashes: set[str]) -> PrintBook:
        """The entries about these texts only (what is worth writing back)."""
        return PrintBook(
            {h: p for h, p in self.prints.items() if h in text_hashes},
            {k: v for k, v in self.verdicts.items() if k[0] in text_hashes and k[1] in text_hashes},
            self.answer,
        )
