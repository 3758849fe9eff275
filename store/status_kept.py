"""The last status answers of a store, kept so a status of an unchanged store does no work.

A status at 100,000 events opens the store (0.4-1 s), takes every event into the engine and
resolves every post: seconds, for an answer that depends only on the store's files, the data
files and the code. `cache/status.marshal` keeps what was worked out last (the status for each
as-of day asked, the article marks with their names, the change days, each crossing's change
days, and each decided or corrected event's decision and corrections), stamped with what
identifies all of that without reading it:

- every file the served articles and events come from: the files at the top of the store
  folder (store.json, journal.jsonl, ...) and those in corpus/ and texts/, by inode, size,
  mode, mtime and ctime (a note or decision appends to the journal, an ingest or re-read
  replaces shards; both change the stamp);
- the data files the rules read, bundled and the user's (config folder), the same way;
- the code: the store package's modules but those no status comes from (NOT_STATUS, and
  extraction), the Python (marshal's format) and FORMAT.

The same stamp: the answers are used as they are, without opening the store. Only the journal
changed (notes and decisions since): the store is opened and the answers brought up to date by
reworking only the crossings whose events' decisions or corrections changed
(store.status_catch_up). Anything else, or any read error: worked out again. Like the print
book (store.db.prints) it is derived, never the truth: written atomically by whoever worked
something out (read-only opens too: it is only a cache), and only when the stamp taken before
the store was opened is still the stamp after the work, so an answer is never kept for files
that changed meanwhile.

    kept = KeptStatus(folder)                      # before opening the store
    kept.status(as_of), kept.marks(), kept.days()  # None when not kept for these files
    record, engine = work_out(store, as_of, kept)  # from the open store: caught up, or by an engine
    kept.keep(record)                              # written, when the files did not change meanwhile
"""
from __future__ import annotations

import marshal
import os
import sys
from pathlib import Path

from .regular import read_regular

FORMAT = 2  # bump when what is kept, or how it is keyed, changes
PYTHON = f"{sys.implementation.cache_tag}/{marshal.version}"
STORE_FOLDERS = ("corpus", "texts")  # where the served articles and events come from, besides the top
SKIPPED = frozenset({".lock", "cache", "exports"})  # the lock, derived files (this one among them), the browser's exports
JOURNAL = "journal.jsonl"  # notes and decisions: a change here alone is caught up, not worked out again
AS_OF_KEPT = 16  # answers kept per stamp: the newest report's and a few as-of days asked
# Modules of the store package no status answer comes from: reading and extracting reports (stored
# events are already extracted), display names, exports, briefs, timelines. Any other module's edit
# is a new rule (tests/test_status_kept.py checks a status imports none of these).
NOT_STATUS = frozenset({"names.py", "export.py", "ingest.py", "ingest_files.py", "reread.py", "reader.py",
                        "decode.py", "status_brief.py", "status_timeline.py", "snapshot_writer.py"})


def kept_path(folder: Path) -> Path:
    return Path(folder) / "cache" / "status.marshal"


def _file_stamp(path: str) -> tuple | None:
    """What changes when the file is written, replaced or altered; None when it is not there."""
    try:
        st = os.stat(path)
    except FileNotFoundError:
        return None
    return (st.st_ino, st.st_size, st.st_mode, st.st_mtime_ns, st.st_ctime_ns)


def _folder_stamp(folder: str, keep=lambda name: True) -> tuple:
    """Every entry of a folder (sorted by name) with its file stamp; () when there is no folder."""
    try:
        names = sorted(name for name in os.listdir(folder) if keep(name))
    except FileNotFoundError:
        return ()
    return tuple((name, _file_stamp(os.path.join(folder, name))) for name in names)


def _code_stamp() -> tuple:
    """The store package's modules a status comes from (extraction, in store/extract/, is not among them)."""
    here = os.path.dirname(os.path.abspath(__file__))
    is_rule = lambda name: name.endswith(".py") and name not in NOT_STATUS  # noqa: E731
    return (_folder_stamp(here, is_rule), _folder_stamp(os.path.join(here, "db"), is_rule))


def _data_stamp() -> tuple:
    """The bundled data files and the user's files of the same names (store.datafiles merges them)."""
    from .paths import bundled_data, user_config_dir

    bundled, user = str(bundled_data()), str(user_config_dir())
    files = _folder_stamp(bundled, lambda name: name.endswith(".json"))
    return (bundled, files, user, tuple((name, _file_stamp(os.path.join(user, name))) for name, _ in files))


def store_stamp(folder) -> tuple | None:
    """What a status of the store in `folder` depends on, found without reading a file; None when it cannot be told.

    (the journal's stamp, then the rest: `same_but_journal` compares the rest alone)."""
    top = os.fspath(folder)
    try:
        files = _folder_stamp(top, lambda name: name not in SKIPPED)
        inner = tuple(_folder_stamp(os.path.join(top, sub)) for sub in STORE_FOLDERS)
        journal = next((stamp for name, stamp in files if name == JOURNAL), None)
        rest = tuple(entry for entry in files if entry[0] != JOURNAL)
        return (journal, (FORMAT, PYTHON, rest, inner, _data_stamp(), _code_stamp()))
    except (OSError, ValueError):  # a folder that cannot be listed, a name that cannot be used: not kept
        return None


def same_but_journal(a: tuple | None, b: tuple | None) -> bool:
    """Both stamps tell the same store, data and code, whatever notes and decisions were journalled since."""
    return all(type(s) is tuple and len(s) == 2 for s in (a, b)) and a[1] == b[1]


def as_of_key(as_of) -> str | None:
    """The as-of day asked for, as the status engine reads it (None: the newest report's)."""
    return None if as_of is None else str(as_of)[:10]


class KeptStatus:
    """The answers kept for a store as it is now (stamped when made), and keeping more.

    `record`: what was kept for these very files ({} when nothing); `earlier`: what was kept
    before notes or decisions were journalled since, which store.status_catch_up can bring up
    to date (None when there is none).
    """

    def __init__(self, folder):
        self.folder = Path(folder)
        self.stamp = store_stamp(self.folder)
        stamp, record = self._read()
        self.record = record if stamp == self.stamp else {}
        self.earlier = record if not self.record and same_but_journal(stamp, self.stamp) and _can_catch_up(record) else None

    def _read(self) -> tuple[tuple | None, dict]:
        """(its stamp, the record) of the kept file; (None, {}) when there is none, or on any read error."""
        if self.stamp is None:
            return None, {}
        try:
            stamp, record = marshal.loads(read_regular(kept_path(self.folder)))  # a FIFO here: ignored, never waited on
        except (OSError, EOFError, ValueError, TypeError):
            return None, {}
        return (stamp, record) if _is_record(record) else (None, {})

    def status(self, as_of=None) -> dict | None:
        """The status kept for this as-of day; None when it is not kept. A copy: callers may annotate it."""
        return answer_in(self.record, as_of)

    def marks(self) -> list[dict] | None:
        found = self.record.get("marks")
        return None if found is None else [dict(m) for m in found]

    def days(self) -> list[str] | None:
        found = self.record.get("days")
        return None if found is None else list(found)

    def keep(self, record: dict) -> bool:
        """Add a record's answers (store.status_catch_up.work_out) and write them, when the store's files are as they
        were when this was made; False when nothing was written."""
        if self.stamp is None or store_stamp(self.folder) != self.stamp:
            return False  # the files changed while the answer was worked out: it may be of neither state
        stamp, on_disk = self._read()  # what another process kept meanwhile, for the same files
        merged = _merged(on_disk if stamp == self.stamp else {}, record)
        try:
            payload = marshal.dumps((self.stamp, merged))
        except ValueError:  # a value marshal cannot write: nothing kept
            return False
        try:
            from .db.atomic import atomic_write

            path = kept_path(self.folder)
            path.parent.mkdir(exist_ok=True)
            atomic_write(path, payload)
        except OSError:  # a read-only folder, a full disk: only a speed-up is lost
            return False
        self.record = merged
        return True


def answer_in(record: dict, as_of=None) -> dict | None:
    """A record's status for this as-of day, copied (callers may annotate it); None when it holds none."""
    found = record.get("status", {}).get(as_of_key(as_of))
    return None if found is None else {**found, "posts": [dict(p) for p in found["posts"]]}


def _merged(old: dict, new: dict) -> dict:
    """The new record's fields over the old's; as-of answers of both, the newest last, AS_OF_KEPT at most."""
    merged = {**old, **new}
    answers = dict(old.get("status", {}))
    for key, answer in new.get("status", {}).items():
        answers.pop(key, None)
        answers[key] = answer
    merged["status"] = dict(list(answers.items())[-AS_OF_KEPT:])
    return merged


def _is_record(record) -> bool:
    """The shape `keep` writes: anything else (a damaged or foreign file) is not used."""
    if type(record) is not dict:
        return False
    answers, marks, days = record.get("status", {}), record.get("marks", []), record.get("days", [])
    crossing_days, overlay = record.get("crossing_days", {}), record.get("overlay", {})
    return (type(answers) is dict and all(type(s) is dict and type(s.get("posts")) is list
                                          and all(type(p) is dict for p in s["posts"]) for s in answers.values())
            and type(marks) is list and all(type(m) is dict for m in marks)
            and type(days) is list and all(type(d) is str for d in days)
            and type(crossing_days) is dict and all(type(d) is list for d in crossing_days.values())
            and type(overlay) is dict and all(type(v) is tuple and len(v) == 2 for v in overlay.values()))


def _can_catch_up(record: dict) -> bool:
    return all(key in record for key in ("status", "days", "crossing_days", "overlay"))
