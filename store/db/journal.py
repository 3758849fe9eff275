"""Notes and decisions: an append-only journal replayed into the analyst's current overlay.

Nothing in the journal is ever rewritten: a new note, a decision and an undo are each
one appended entry with its time and analyst, so any event's history can be shown.
"""
from __future__ import annotations

from contextlib import contextmanager
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
    for decision in (value, entry.get("prev")) if entry.get("kind") == "undo" else (value,):
        if not (isinstance(decision, dict) and decision.get("decision") in DECISIONS and isinstance(decision.get("corrections"), dict)):
            return "holds a decision of the wrong shape"
        problem = _clean_stored(decision)
        if problem:
            return f"holds a correction the store cannot serve ({problem})"
    return None


def _clean_stored(decision: dict) -> str | None:
    """Corrections read back are served made safe, as new ones are stored (an older version wrote
    them unchecked); a value of the wrong type is the reason the entry is refused."""
    from .corrections import BadCorrection, clean_corrections

    try:
        cleaned = clean_corrections(decision["corrections"])
    except BadCorrection as err:
        return str(err)
    if cleaned != decision["corrections"]:
        decision["corrections"] = cleaned
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

    @contextmanager
    def writing(self):
        """Hold the journal's OS lock; entries another writer appended meanwhile are replayed first
        and yielded (their events need refreshing). Numbering and appending happen inside it."""
        with self.storage.locked() as new:
            for doc in sorted(new, key=lambda d: d["seq"]):
                problem = entry_problem(doc)
                if problem:
                    raise refuse(self.path, f"entry {doc['seq']} {problem}")
                self.overlay.apply(doc)
                self.last_seq = max(self.last_seq, doc["seq"])
            yield new

    def append(self, entry: dict) -> dict:
        """Durable once this returns (appended and fsynced).

        Straight to the storage's append: TinyDB's `insert` copies the whole table in
        memory first (100 ms at 50,000 entries), an append costs the same at any size.
        Numbered under the journal's OS lock after reading what other writers appended.
        """
        with self.writing():
            entry = {"seq": self.last_seq + 1, "at": now_iso(), **entry}
            self.storage.append([entry])
            self.last_seq = entry["seq"]
            self.overlay.apply(entry)
        return entry

    def close(self) -> None:
        self.db.close()
