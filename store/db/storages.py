"""TinyDB storages for the store: atomic whole-file JSON, and an append-only JSON-lines journal.

TinyDB's default JSONStorage rewrites its file in place (a crash tears it) and accepts
any file it is pointed at. These refuse a file that does not parse, never modify it,
and write in ways a crash cannot tear.
"""
from __future__ import annotations

import errno
import os
import time
from pathlib import Path

from tinydb.storages import Storage

from . import jsonio
from .atomic import atomic_write
from .errors import StoreError

ADVICE = "the file was left untouched; restore it from a backup or open another store with --store"


def refuse(path: Path, problem: str) -> StoreError:
    return StoreError(f"{path}: {problem}; {ADVICE}")


def check_tinydb_shape(path: Path, data) -> dict:
    """TinyDB's layout is {table: {doc_id: {field: value}}}; anything else is refused."""
    if not isinstance(data, dict):
        raise refuse(path, f"expected a JSON object of tables, found {type(data).__name__}")
    for name, table in data.items():
        if not isinstance(table, dict):
            raise refuse(path, f"table {name!r} is {type(table).__name__}, not an object of documents")
        if not all(type(doc) is dict for doc in table.values()):
            raise refuse(path, f"table {name!r} holds a document that is not an object")
    return data


class AtomicJSONStorage(Storage):
    """One JSON file, read whole, written whole through a temporary file and a rename."""

    def __init__(self, path, readonly: bool = False):
        self.path = Path(path)
        self.readonly = readonly

    def read(self) -> dict | None:
        try:
            raw = self.path.read_bytes()
        except FileNotFoundError:
            return None
        except OSError as err:
            raise StoreError(f"{self.path}: cannot read ({err.strerror})") from None
        if not raw.strip():
            raise refuse(self.path, "the file is empty (truncated?)")
        try:
            data = jsonio.loads(raw)
        except jsonio.DECODE_ERRORS as err:
            raise refuse(self.path, f"not valid JSON ({err})") from None
        return check_tinydb_shape(self.path, data)

    def write(self, data: dict) -> None:
        if self.readonly:
            raise StoreError(f"{self.path}: opened read-only")
        atomic_write(self.path, jsonio.dumps(data))


class JsonLinesStorage(Storage):
    """One table kept as JSON lines; TinyDB inserts become appends of the new documents.

    A torn last line (the process died mid-append) is set aside, never parsed as data;
    a broken line anywhere else means the file is damaged and is refused.
    """

    def __init__(self, path, table: str = "journal", readonly: bool = False):
        self.path = Path(path)
        self.table = table
        self.readonly = readonly
        self.torn_tail = b""
        self._docs: dict[str, dict] = {}
        self._data = {table: self._docs}
        self._size = 0
        self._load()
        if self.torn_tail and not readonly:
            self._set_aside_torn_tail()

    def _load(self) -> None:
        try:
            raw = self.path.read_bytes()
        except FileNotFoundError:
            return
        except OSError as err:
            raise StoreError(f"{self.path}: cannot read ({err.strerror})") from None
        end = raw.rfind(b"\n") + 1
        self.torn_tail = raw[end:]
        self._size = end
        lines = [line for line in raw[:end].split(b"\n") if line.strip()]
        try:  # one parse for the whole file is several times faster than one per line
            docs = jsonio.loads(b"[" + b",".join(lines) + b"]")
        except jsonio.DECODE_ERRORS:
            docs = None
        if docs is None or len(docs) != len(lines) or not all(type(doc) is dict and type(doc.get("seq")) is int for doc in docs):
            docs = [self._parse_line(number, line) for number, line in enumerate(raw[:end].split(b"\n"), 1) if line.strip()]
        for doc in docs:
            self._docs[str(doc["seq"])] = doc

    def _parse_line(self, number: int, line: bytes) -> dict:
        try:
            doc = jsonio.loads(line)
        except jsonio.DECODE_ERRORS as err:
            raise refuse(self.path, f"line {number} is not valid JSON ({err})") from None
        if type(doc) is not dict or type(doc.get("seq")) is not int:
            raise refuse(self.path, f"line {number} is not a journal entry")
        return doc

    def _set_aside_torn_tail(self) -> None:
        """Keep the torn bytes in a side file, then cut them off so appends start on a clean line."""
        side = self.path.with_name(f"{self.path.name}.torn-{time.strftime('%Y%m%dT%H%M%S')}-{os.getpid()}")
        atomic_write(side, self.torn_tail)
        with open(self.path, "r+b") as handle:
            handle.truncate(self._size)
            handle.flush()
            os.fsync(handle.fileno())

    def read(self) -> dict:
        return self._data

    def write(self, data: dict) -> None:
        if self.readonly:
            raise StoreError(f"{self.path}: opened read-only")
        table = data.get(self.table, {})
        new = [(key, doc) for key, doc in table.items() if key not in self._docs]
        if len(table) - len(new) != len(self._docs):
            raise StoreError(f"{self.path}: the journal is append-only; entries cannot be removed")
        if new:
            try:
                self.append([doc for _, doc in new], keys=[key for key, _ in new])
            except BaseException:
                data[self.table] = self._docs  # TinyDB's view goes back to what is on disk
                raise
        self._data = data if self.table in data else {**data, self.table: self._docs}
        self._docs = self._data[self.table]

    def append(self, docs: list[dict], keys: list[str] | None = None) -> None:
        """Append + fsync; on failure (disk full) the file is cut back to its previous end."""
        payload = b"".join(jsonio.dumps(doc) + b"\n" for doc in docs)
        fd = os.open(self.path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o644)
        try:
            try:
                written = os.write(fd, payload)
                if written != len(payload):
                    raise OSError(errno.ENOSPC, f"short write ({written} of {len(payload)} bytes; disk full?)")
                os.fsync(fd)
            except OSError:
                try:
                    os.ftruncate(fd, self._size)
                    os.fsync(fd)
                except OSError:
                    pass
                raise
        finally:
            os.close(fd)
        self._size += len(payload)
        for key, doc in zip(keys or [str(doc["seq"]) for doc in docs], docs):
            self._docs[key] = doc

