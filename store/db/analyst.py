"""The analyst's side of the store: notes, decisions, undo and history, all through the journal."""
from __future__ import annotations

from contextlib import contextmanager

from .corrections import clean_corrections
from .errors import StoreError, UnknownEvent
from .journal import DECISIONS
from .records import apply_overlay, raw_value


def one_writer(method):
    """Saves from two threads (the app and an ingest worker) go one after the other."""

    def run(self, *args, **kwargs):
        with self._write_lock:
            return method(self, *args, **kwargs)

    run.__name__, run.__doc__ = method.__name__, method.__doc__
    return run


class AnalystWork:
    """Mixed into `Store`; every change is one appended, fsynced journal entry."""

    def _known(self, event_id: str) -> dict | None:
        event = self._events.get(event_id)
        if event is None and event_id not in self._journal.overlay.entries:
            raise UnknownEvent(f"no event {event_id} in {self.folder} (the report was read again and it is gone)")
        return event

    def _append(self, entry: dict) -> dict:
        try:
            return self._journal.append({"analyst": self.analyst, **entry})
        except OSError as err:
            raise StoreError(
                f"could not save to {self._journal.path}: {err.strerror or err}; nothing was changed, "
                "earlier notes are safe (free some disk space and save again)"
            ) from None

    @contextmanager
    def _journaling(self):
        """The journal's OS lock for one change: what another writer appended is taken in first,
        so the change is checked against, and numbered after, everything on disk."""
        try:
            with self._journal.writing() as foreign:
                for entry in foreign:
                    self._refresh(entry["event"])
                yield
        except OSError as err:
            raise StoreError(
                f"could not save to {self._journal.path}: {err.strerror or err}; nothing was changed, "
                "earlier notes are safe"
            ) from None

    def _context(self, event: dict | None) -> dict:
        return {"article": event["article_id"], "sentence": event["sentence"]} if event else {}

    @one_writer
    def save_note(self, event_id: str, text: str | None) -> dict | None:
        """Durable when this returns. An empty note removes the note (the history keeps it)."""
        self._check_writable("save the note")
        if text is not None and not isinstance(text, str):
            raise ValueError(f"a note is text, not {type(text).__name__}")
        with self._journaling():
            event = self._known(event_id)
            value = text if text else None
            previous = self._journal.overlay.note(event_id)
            if value == previous:
                return None
            entry = self._append({"kind": "note", "event": event_id, "value": value, "prev": previous, **self._context(event)})
        self._refresh(event_id)
        return entry

    @one_writer
    def decide(self, event_id: str, decision: str | None, corrections: dict | None = None) -> dict | None:
        """Accept or reject an event, and/or correct fields; `corrections=None` keeps the earlier ones.

        Corrections are checked and made safe first (`corrections.py`): a value of the wrong
        shape raises BadCorrection (a StoreError and a ValueError) and nothing is written.
        """
        self._check_writable("record the decision")
        if decision not in DECISIONS:
            raise ValueError(f"decision must be one of {DECISIONS}, not {decision!r}")
        if corrections is not None:
            corrections = clean_corrections(corrections)
        with self._journaling():
            event = self._known(event_id)
            previous = self._journal.overlay.decision(event_id)
            if corrections is None:
                kept = dict(previous.get("corrections") or {})
            else:
                kept = {k: v for k, v in corrections.items() if event is None or raw_value(event, k) != v}
            value = {"decision": decision, "corrections": kept}
            if value == previous:
                return None
            entry = self._append({"kind": "decision", "event": event_id, "value": value, "prev": previous, **self._context(event)})
        self._refresh(event_id)
        return entry

    @one_writer
    def undo(self) -> dict | None:
        """Revert the last note change or decision not yet undone; None when there is none."""
        self._check_writable("undo")
        with self._journaling():
            stack = self._journal.overlay.undoable
            if not stack:
                return None
            target = stack[-1]
            entry = self._append(
                {
                    "kind": "undo", "of": target["kind"], "undoes": target["seq"], "event": target["event"],
                    "value": target["prev"], "prev": target["value"],
                }
            )
        self._refresh(target["event"])
        return entry

    def history(self, event_id: str) -> list[dict]:
        return [dict(entry) for entry in self._journal.overlay.entries.get(event_id, [])]

    def orphaned_notes(self) -> list[dict]:
        """Notes (and decisions) whose event is gone after re-extraction: kept, never dropped."""
        overlay = self._journal.overlay
        orphans = []
        for event_id in sorted(set(overlay.notes) | set(overlay.decisions)):
            if event_id in self._events:
                continue
            seen = overlay.last_seen.get(event_id, {})
            last = overlay.entries[event_id][-1]
            article = self._articles.get(seen.get("article_id") or "")
            orphans.append(
                {
                    "event_id": event_id, "note": overlay.note(event_id),
                    "decision": overlay.decision(event_id).get("decision"),
                    "article_id": seen.get("article_id"), "article": article.get("name") if article else None,
                    "sentence": seen.get("sentence"), "at": last["at"], "analyst": last["analyst"],
                }
            )
        return orphans

    def _refresh(self, event_id: str) -> None:
        event = self._events.get(event_id)
        if event is None:
            return
        with self._index.lock:  # the index thread must not read the event half-changed
            before = self._index.before_change(event)
            overlay = self._journal.overlay
            apply_overlay(event, overlay.note(event_id), overlay.decision(event_id))
            self._index.after_change(event, before)
