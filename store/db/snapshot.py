"""A derived copy of the served corpus, read on open instead of the JSON shards when it is current.

Opening 100,000 events from the shards means parsing them, joining each event to its
article and sorting: about 0.6 s here, most of it walking dicts scattered in memory.
The snapshot holds the result of that work (articles, the joined events in display
order, their ids, each article's positions) as one `marshal` payload, which loads in
about half the time.

The TinyDB shards stay the truth. The snapshot records the stamp (size, mtime, inode)
of every shard it was made from, the Python that wrote it and its own format; any
difference, and any error reading it, and the store opens from the shards as before.
Notes and decisions are never in it: the journal's overlay is laid on after loading.
It is written by `python -m store.db.snapshot_writer FOLDER` (a child process, so the browser's
interpreter is not held) or `write_snapshot` in-process, always atomically, and only
when the shards did not change while they were read.
"""
from __future__ import annotations

import marshal
import os
import sys
from array import array
from pathlib import Path

from ..regular import read_regular
from .atomic import atomic_write
from .corpus import SHARDS, Corpus
from .journal import Overlay
from .serve import positions_of, serve_all

FORMAT = 1  # bump when the join (records.article_fields) or the display order changes
SNAPSHOT_MIN_EVENTS = 20_000  # below this the shards open fast enough on their own
CHUNK = 10_000  # events per marshal call: about 30 ms holding the interpreter lock
PYTHON = f"{sys.implementation.cache_tag}/{marshal.version}"  # marshal's format follows the interpreter


def snapshot_path(folder: Path) -> Path:
    return Path(folder) / "cache" / "served.marshal"


def shard_stamp(folder: Path) -> tuple:
    """What identifies the shards' current contents without reading them."""
    stamp = []
    for shard in SHARDS:
        try:
            st = os.stat(Path(folder) / "corpus" / f"{shard}.json")
        except FileNotFoundError:
            continue
        stamp.append((shard, st.st_size, st.st_mtime_ns, st.st_ino))
    return tuple(stamp)


def read_snapshot(folder: Path):
    """(article docs, events in display order, their ids, article id -> positions), or None when absent or not current.

    The events come in chunks, each its own `marshal` call, so the interpreter lock is let
    go between them and the browser's loading screen keeps painting.
    """
    try:
        header, articles, chunks, positions = marshal.loads(read_regular(snapshot_path(folder)))  # a FIFO here: ignored, never waited on
        if header != (FORMAT, PYTHON, shard_stamp(folder)):
            return None
        articles, positions = marshal.loads(articles), marshal.loads(positions)
        events: list[dict] = []
        ids: list[str] = []
        for chunk in chunks:
            more, more_ids = marshal.loads(chunk)
            events += more
            ids += more_ids
    except (OSError, EOFError, ValueError, TypeError):
        return None
    if not (type(articles) is list and type(positions) is dict and len(ids) == len(events)):
        return None
    return articles, events, ids, {aid: array("l", raw) for aid, raw in positions.items()}


def build_snapshot(folder: Path) -> bytes | None:
    """The payload for the shards as they are now; None when they changed while being read."""
    stamp = shard_stamp(folder)
    articles, groups = Corpus(folder, readonly=True).load()
    by_id: dict[str, dict] = {}
    order, positions, _ = serve_all(articles, Overlay(), groups, by_id)
    if positions is None:  # an odd hand-edited store, served the careful way
        positions = positions_of(order)
    if shard_stamp(folder) != stamp:
        return None
    chunks = []
    for start in range(0, len(order), CHUNK):
        events = order[start : start + CHUNK]
        chunks.append(marshal.dumps((events, [event["id"] for event in events])))  # ids shared with their events
    return marshal.dumps((
        (FORMAT, PYTHON, stamp), marshal.dumps(list(articles.values())), chunks,
        marshal.dumps({aid: found.tobytes() for aid, found in positions.items()}),
    ))


def write_snapshot(folder: Path) -> bool:
    """Write a current snapshot of the store at `folder`; False when the shards moved meanwhile."""
    payload = build_snapshot(folder)
    if payload is None:
        return False
    path = snapshot_path(folder)
    path.parent.mkdir(exist_ok=True)
    atomic_write(path, payload)
    return True

