"""Bulk status work with Python's cyclic garbage collector paused.

A full status of 100,000 events makes about a million small objects (claims, tuples,
lists, stretches). The collector walks the young objects every 700 allocations and, every
so often, every object alive, the store's 100,000 event dicts included: about half the
time of a full status (bench/status.py). These objects hold no reference cycles, so
reference counting frees them; the collector is paused for the bulk work and restored
after. It is process-wide: other threads run without it for that long (about a second).
"""
from __future__ import annotations

import gc
import threading
from contextlib import contextmanager

_lock = threading.Lock()
_depth = 0
_was_enabled = False


@contextmanager
def collector_paused():
    """Nested and concurrent uses are counted: the collector comes back when the last one ends."""
    global _depth, _was_enabled
    with _lock:
        if _depth == 0:
            _was_enabled = gc.isenabled()
            gc.disable()
        _depth += 1
    try:
        yield
    finally:
        with _lock:
            _depth -= 1
            if _depth == 0 and _was_enabled:
                gc.enable()
