"""TinyDB storages for the store: atomic whole-file JSON, and an append-only JSON-lines journal.

TinyDB's default JSONStorage rewrites its file in place (a crash tears it) and accepts
any file it is pointed at. These refuse a file that does not parse, never modify it,
and write in ways a crash cannot tear.
"""
from __future__ import annotations

import errno
import os
import time
from contextlib import contextmanager
from pathlib import Path

try:
    import fcntl
except ImportError:  # pragma: no cover - not on Windows, where only the store's .lock keeps writers apart
    fcntl = None

from tinydb.storages import Storage

from ..regular import open_regular, read_regular
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
            raw = read_regular(self.path)  # a FIFO or a device in a shard's place: refused, never waited on
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

    Every write happens under an OS lock on the file itself (`locked`), after reading
    whatever another writer appended since: two writers (the store's `.lock` deleted, say)
    never give two entries one `seq`, and neither loses the other's entries.
    """

    def __init__(self, path, table: str = "journal", readonly: bool = False):
        self.path = Path(path)
        self.table = table
        self.readonly = readonly
        self.torn_tail = b""
        self._docs: dict[str, dict] = {}
        self._data = {table: self._docs}
        self._size = 0  # bytes of whole lines read (and appended) so far
        self._lines = 0
        self._fd: int | None = None  # while locked
        if readonly:
            self._load()
        else:
            with self.locked(create=False):  # a writer sets a torn tail aside under the lock
                pass

    def _load(self) -> None:
        try:
            raw = read_regular(self.path)  # a FIFO in its place is refused, never waited on
        except FileNotFoundError:
            return
        except OSError as err:
            raise StoreError(f"{self.path}: cannot read ({err.strerror})") from None
        self._take(raw)

    def _take(self, raw: bytes) -> list[dict]:
        """Parse the whole lines of `raw` (what follows the bytes read so far); keep a torn tail aside."""
        end = raw.rfind(b"\n") + 1
        self.torn_tail = raw[end:]
        lines = [line for line in raw[:end].split(b"\n") if line.strip()]
        try:  # one parse for the whole file is several times faster than one per line
            docs = jsonio.loads(b"[" + b",".join(lines) + b"]")
        except jsonio.DECODE_ERRORS:
            docs = None
        if docs is None or len(docs) != len(lines) or not all(type(doc) is dict and type(doc.get("seq")) is int for doc in docs):
            docs = [self._parse_line(self._lines + number, line)
                    for number, line in enumerate(raw[:end].split(b"\n")[:-1], 1) if line.strip()]
        self._lines += raw[:end].count(b"\n")
        self._size += end
        for doc in docs:
            self._docs[str(doc["seq"])] = doc
        return docs

    def _parse_line(self, number: int, line: bytes) -> dict:
        try:
            doc = jsonio.loads(line)
        except jsonio.DECODE_ERRORS as err:
            raise refuse(self.path, f"line {number} is not valid JSON ({err})") from None
        if type(doc) is not dict or type(doc.get("seq")) is not int:
            raise refuse(self.path, f"line {number} is not a journal entry")
        return doc

    @contextmanager
    def locked(self, create: bool = True):
        """Hold the OS lock on the journal and yield the entries other writers appended since the
        last look (a torn tail a dead writer left is set aside first). Re-entrant; with
        `create=False` a missing journal is left missing (nothing to read, nothing locked)."""
        if self._fd is not None:
            yield []
            return
        if self.readonly:
            raise StoreError(f"{self.path}: opened read-only")
        fd = self._open_for_writing(create)
        if fd is None:
            yield []
            return
        try:
            if fcntl is not None:
                fcntl.flock(fd, fcntl.LOCK_EX)
            self._fd = fd
            yield self._catch_up(fd)
        finally:
            self._fd = None
            os.close(fd)  # and the lock with it

    def _open_for_writing(self, create: bool) -> int | None:
        flags = os.O_RDWR | os.O_APPEND | getattr(os, "O_CLOEXEC", 0) | (os.O_CREAT if create else 0)
        try:
            return open_regular(self.path, flags)
        except FileNotFoundError:
            if create:
                raise StoreError(f"{self.path}: cannot create the journal (its folder is gone)") from None
            return None
        except OSError as err:
            if not create and err.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
                self._load()  # readable but not writable: opens; a save says why it cannot
                return None
            raise StoreError(f"{self.path}: cannot open the journal ({err.strerror})") from None

    def _catch_up(self, fd: int) -> list[dict]:
        size = os.fstat(fd).st_size
        if size < self._size:
            raise StoreError(
                f"{self.path}: shorter than when it was read ({size} < {self._size} bytes; another program cut or "
                "replaced it); nothing was saved: close Crosswatch and open the store again"
            )
        if size == self._size:
            return []
        raw = b""
        while len(raw) < size - self._size:
            chunk = os.pread(fd, size - self._size - len(raw), self._size + len(raw))
            if not chunk:
                break
            raw += chunk
        new = self._take(raw)
        if self.torn_tail:  # only a writer that died mid-append leaves one: the lock is ours
            self._set_aside_torn_tail(fd)
        return new

    def _set_aside_torn_tail(self, fd: int) -> None:
        """Keep the torn bytes in a side file, then cut them off so appends start on a clean line."""
        side = self.path.with_name(f"{self.path.name}.torn-{time.strftime('%Y%m%dT%H%M%S')}-{os.getpid()}")
        atomic_write(side, self.torn_tail)
        os.ftruncate(fd, self._size)
        os.fsync(fd)

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
        """Append + fsync under the lock; on failure (disk full) the file is cut back to its previous end.

        Callers that number entries hold `locked()` around numbering and appending both.
        """
        payload = b"".join(jsonio.dumps(doc) + b"\n" for doc in docs)
        with self.locked():
            fd = self._fd
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
            self._size += len(payload)
            self._lines += len(docs)
        for key, doc in zip(keys or [str(doc["seq"]) for doc in docs], docs):
            self._docs[key] = doc
