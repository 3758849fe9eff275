"""Errors a store raises; each message names the file and says what to do."""
from __future__ import annotations


class StoreError(Exception):
    """The store cannot be used as asked; `str(err)` is one line for the user."""


class StoreLocked(StoreError):
    """A write was asked of a store opened read-only (another process holds its lock)."""


class UnknownEvent(StoreError, KeyError):
    """No such event (a re-read or re-ingest may have just removed it); a KeyError too, for lookups."""

    def __str__(self) -> str:  # KeyError would quote the message
        return str(self.args[0]) if self.args else ""
