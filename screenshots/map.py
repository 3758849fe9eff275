"""Save SVGs of the map screen, as the browser shows it (headless), at 160x48 and 80x24.

Builds a fresh store from the bundled reports (the real extraction) unless --store is given,
opens the browser, presses `m`, steps the status back with `[` to --as-of (default 2014-06-24:
Al Waleed contested; the nearest change day on or after it) and selects --crossing.

    python screenshots/map.py [--as-of 2014-06-24] [--crossing al-waleed] [--store PATH]
"""
from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from tui.app import CrosswatchApp  # noqa: E402
from tui.screens.map import MapScreen  # noqa: E402
from tui.screens.map_view import MapView  # noqa: E402

SHOTS = {"map": (160, 48), "map-80x24": (80, 24)}


def shoot(folder: Path, out: Path, size: tuple[int, int], as_of: str, crossing: str) -> str | None:
    app = CrosswatchApp(folder)
    app.REREAD_ON_OPEN = False

    async def drive(pilot) -> None:
        await app.ready.wait()
        await pilot.pause()
        await app.settled()
        await pilot.press("m")
        await pilot.pause()
        await app.settled()
        screen = app.screen
        assert isinstance(screen, MapScreen)
        while screen.day and screen.day > as_of:
            before = screen.day
            await pilot.press("left_square_bracket")
            await pilot.pause()
            await app.settled()
            if screen.day == before:
                break
        if screen.day and screen.day < as_of:  # stepped past it: the change day after
            await pilot.press("right_square_bracket")
            await pilot.pause()
            await app.settled()
        view = screen.query_one(MapView)
        for _ in range(len(view.picture.markers) + 1):
            if view.selected == crossing:
                break
            await pilot.press("tab")
            await pilot.pause()
        await app.settled()
        app.clear_notifications()
        await pilot.pause()
        app.save_screenshot(filename=out.name, path=str(out.parent.resolve()))
        app.exit()

    app.run(headless=True, size=size, auto_pilot=drive)
    return app.failed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", type=Path, help="store folder (default: a fresh one from the bundled reports)")
    parser.add_argument("--as-of", default="2014-06-24")
    parser.add_argument("--crossing", default="al-waleed")
    args = parser.parse_args()
    folder = args.store or Path(tempfile.mkdtemp(prefix="crosswatch-shot-")) / "store"
    for name, size in SHOTS.items():
        out = HERE / f"{name}.svg"
        failed = shoot(folder, out, size, args.as_of, args.crossing)
        if failed:
            print(f"map screenshot: {failed}", file=sys.stderr)
            return 1
        print(f"saved {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
