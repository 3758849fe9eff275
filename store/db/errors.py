"""Errors a store raises; each message names the file and says what to do."""
from __future__ import annotations


class StoreError(Exception):
    """The store cannot be used as asked; `str(err)` is one line for the user."""


class StoreLocked(StoreError):
    """A write was asked of a store opened read-only (another process holds its lock)."""
