"""Whether an article's events may be lit on its stored text, and the one line when not.

A shard's texts and records are committed as one step (`corpus.py`), so a store this
version wrote never mixes them. One an older version left torn by a kill, or a shard
another process rewrote after a read-only open read its records, can: an event's
`start:end` then no longer spans its sentence. The browser asks before lighting one;
`crosswatch reread` re-reads such articles from their stored text (`store.reread`).
"""
from __future__ import annotations

from ..filters import EventFilter
from .corpus import shard_of
from .errors import StoreError


class TextChecks:
    """Mixed into `Store` (which gives `_articles`, `_texts`, `_index`, `_checked` and `article_text`)."""

    def off_text(self, article_id: str) -> int:
        """How many of the article's events are not on their sentence in its stored text (StoreError:
        the text is unreadable). Non-zero after an update an older Crosswatch had cut short, or when
        another process rewrote the shard after this one read its records (a read-only open)."""
        text = self.article_text(article_id)
        events = self._index.query(EventFilter(article_id=article_id))
        return sum(1 for event in events if text[event["start"]:event["end"]] != event["sentence"])

    def checked_text(self, article_id: str) -> tuple[str, str | None]:
        """The text to show and, when its events must not be lit on it, the one line that says why.

        Unreadable: no text and the shard's error. Events off the text: the text, and the fix.
        The verdict is remembered per article until a write or a shard is read again (the browser
        asks on every move; another process may have rewritten a shard a read-only open reads later).
        """
        verdict = self._checked.get(article_id)
        if verdict is None or verdict[0] != self._texts.loads:  # a shard read again may hold other texts
            readable, problem = self._text_verdict(article_id)  # may read the shard: counted before the stamp
            verdict = self._checked[article_id] = (self._texts.loads, readable, problem)
        _, readable, problem = verdict
        if readable:
            try:
                return self.article_text(article_id), problem
            except StoreError as err:  # its shard, dropped from the cache since, no longer reads
                problem = self._unreadable(article_id, err)
                self._checked[article_id] = (self._texts.loads, False, problem)
        return "", problem

    def _unreadable(self, article_id: str, err: StoreError) -> str:
        name = (self._articles.get(article_id) or {}).get("name") or article_id
        return f"{name}: its text cannot be read: {err}"

    def _text_verdict(self, article_id: str) -> tuple[bool, str | None]:
        name = (self._articles.get(article_id) or {}).get("name") or article_id
        try:
            off = self.off_text(article_id)
        except StoreError as err:
            return False, self._unreadable(article_id, err)
        if not off:
            return True, None
        return True, (f"{name}: {off} of its events are not on their sentences in its stored text (an update was "
                      "cut short); none is lit: `crosswatch reread` reads it again from its text")

    def torn_articles(self) -> list[str]:
        """Every article whose events are off its stored text (reads every text: `crosswatch reread`)."""
        torn = []
        for article_id in sorted(self._articles):
            try:
                if self.off_text(article_id):
                    torn.append(article_id)
            except StoreError:  # unreadable: nothing to re-read it from; the browser says so
                continue
        return torn

    def unreadable_texts(self) -> list[tuple[str, str]]:
        """(how many reports, why) for each texts shard that holds articles but does not read."""
        found = []
        for shard in sorted({shard_of(article_id) for article_id in self._articles}):
            try:
                self._texts.shard(shard)
            except StoreError as err:
                count = sum(1 for article_id in self._articles if shard_of(article_id) == shard)
                found.append((f"{count} report{'s' * (count != 1)}", str(err)))
        return found
