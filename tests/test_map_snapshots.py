"""Snapshots of the map screen (pytest-textual-snapshot), on the frozen store of tests/test_tui_snapshots.py.

    pytest tests/test_map_snapshots.py --snapshot-update   # accept new pictures after checking them
"""
from __future__ import annotations

import pytest

from test_tui_snapshots import frozen_app, settled  # noqa: F401  (the frozen store and the wait for it)


def open_map_and_step_back(steps_back: int):
    async def run_before(pilot) -> None:
        await settled(pilot)
        await pilot.press("m")
        await settled(pilot)
        for _ in range(steps_back):  # back through the change days
            await pilot.press("left_square_bracket")
            await settled(pilot)
        await pilot.press("tab", "tab")
        await settled(pilot)

    return run_before


@pytest.mark.parametrize("size", [(80, 24), (160, 48)], ids=["80x24", "160x48"])
def test_map(snap_compare, frozen_app, size):  # noqa: F811
    assert snap_compare(frozen_app, terminal_size=size, run_before=open_map_and_step_back(0))


def test_map_an_earlier_day(snap_compare, frozen_app):  # noqa: F811
    assert snap_compare(frozen_app, terminal_size=(160, 48), run_before=open_map_and_step_back(5))
