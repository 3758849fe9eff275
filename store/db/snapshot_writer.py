"""`python -m store.db.snapshot_writer FOLDER`: write the store's snapshot, as the browser's background child.

Quiet, and never an error anyone must handle: a shard that does not load is reported,
by name, when the store is opened.
"""
from __future__ import annotations

import sys
from pathlib import Path

from .snapshot import write_snapshot

if __name__ == "__main__":
    try:
        write_snapshot(Path(sys.argv[1]))
    except Exception as err:
        print(f"crosswatch snapshot: {err}", file=sys.stderr)
        sys.exit(1)
