"""Notes and decisions: an append-only journal replayed into the analyst's current overlay.

Nothing in the journal is ever rewritten: a new note, a decision and an undo are each
one appended entry with its time and analyst, so any event's history can be shown.
"""
from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path

from tinydb import TinyDB

from .storages import JsonLinesStorage, refuse

DECISIONS = ("accepted", "rejected", None)
CORRECTABLE = ("type", "actor", "crossing", "side", "date", "hedged", "source")
NO_DECISION = {"decision": None, "corrections": {}}


def now_iso() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def entry_problem(entry: dict) -> str | None:
    """Why a journal entry cannot be replayed (a hand edit, another program), or None."""
    kind = entry.get("kind")
    if kind not in ("note", "decision", "undo") or not isinstance(entry.get("event"), str):
        return "is not a note, decision or undo of an event"
    if kind == "undo":
        kind = entry.get("of")
        if kind not in ("note", "decision") or not isinstance(entry.get("undoes"), int):
            return "is an undo of nothing known"
    value = entry.get("value")
    if kind == "note":
        return None if value is None or isinstance(value, str) else "holds a note that is not text"
    if not (isinstance(value, dict) and value.get("decision") in DECISIONS and isinstance(value.get("corrections"), dict)):
        return "holds a decision of the wrong shape"
    return None


class Overlay:
    """The replayed state: each event's note, decision and corrections, and the undo stack."""

    def __init__(self):
        self.notes: dict[str, str] = {}
        self.decisions: dict[str, dict] = {}
        self.entries: dict[str, list[dict]] = {}
        self.last_seen: dict[str, dict] = {}
        self.undoable: list[dict] = []

    def note(self, event_id: str) -> str | None:
        return self.notes.get(event_id)

    def decision(self, event_id: str) -> dict:
        return self.decisions.get(event_id, NO_DECISION)

    def _set(self, kind: str, event_id: str, value) -> None:
        table = self.notes if kind == "note" else self.decisions
        empty = value is None if kind == "note" else (value or NO_DECISION) == NO_DECISION
        if empty:
            table.pop(event_id, None)
        else:
            table[event_id] = value

    def apply(self, entry: dict) -> None:
        event_id = entry["event"]
        self.entries.setdefault(event_id, []).append(entry)
        if entry.get("article") or entry.get("sentence"):
            self.last_seen[event_id] = {"article_id": entry.get("article"), "sentence": entry.get("sentence")}
        if entry["kind"] == "undo":
            if self.undoable and self.undoable[-1]["seq"] == entry.get("undoes"):
                self.undoable.pop()
            self._set(entry["of"], event_id, entry["value"])
        else:
            self.undoable.append(entry)
            self._set(entry["kind"], event_id, entry["value"])


class Journal:
    """The journal file (a TinyDB table on a JSON-lines storage) and its replayed overlay.

    `TinyDB(storage=lambda: JsonLinesStorage(path))` reads it like any TinyDB file.
    """

    FILE = "journal.jsonl"

    def __init__(self, folder: Path, readonly: bool):
        self.path = Path(folder) / self.FILE
        self.storage = JsonLinesStorage(self.path, table="journal", readonly=readonly)
        self.db = TinyDB(storage=lambda: self.storage)
        self.table = self.db.table("journal")
        self.overlay = Overlay()
        self.last_seq = 0
        for doc in sorted(self.storage.read()["journal"].values(), key=lambda d: d["seq"]):
            problem = entry_problem(doc)
            if problem:
                raise refuse(self.path, f"entry {doc['seq']} {problem}")
            self.overlay.apply(doc)
            self.last_seq = doc["seq"]

    @property
    def torn_tail(self) -> bytes:
        return self.storage.torn_tail

    def append(self, entry: dict) -> dict:
        """Durable once this returns (appended and fsynced).

        Straight to the storage's append: TinyDB's `insert` copies the whole table in
        memory first (100 ms at 50,000 entries), an append costs the same at any size.
        """
        entry = {"seq": self.last_seq + 1, "at": now_iso(), **entry}
        self.storage.append([entry])
        self.last_seq = entry["seq"]
        self.overlay.apply(entry)
        return entry

    def close(self) -> None:
        self.db.close()
