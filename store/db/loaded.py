"""Where each event lies in memory, for building indexes without missing the CPU cache.

Walking 100,000 events in sorted order touches memory almost at random (their dicts
were made in load order); walking them as loaded and then rearranging the results is
about twice as fast here.
"""
from __future__ import annotations

from array import array


class Loaded:
    """The events as loaded, in memory order, and the sort's permutation: per position in the
    sorted order, where that event lies in `events`. Indexes built walking `events` and then
    put in order miss the CPU cache far less than ones walking the sorted order."""

    __slots__ = ("events", "where", "_place")

    def __init__(self, events: list[dict], where: array):
        self.events, self.where, self._place = events, where, None

    def in_order(self, values: list) -> list:
        """Values listed per loaded event, rearranged into the sorted order."""
        return list(map(values.__getitem__, self.where))

    @property
    def place(self) -> array:
        """Per loaded event, its position in the sorted order (the inverse permutation)."""
        if self._place is None:
            place = array("l", [0]) * len(self.where)
            for position, before in enumerate(self.where):
                place[before] = position
            self._place = place
        return self._place
