"""Save an SVG of the timeline of one crossing, as the browser shows it (headless).

Builds a fresh store from the bundled reports (the real extraction) unless --store is
given, opens the browser on it, opens the timeline of --crossing, presses --press keys
(default: two stretches back, onto the contested one) and saves the screen.

    python screenshots/timeline.py [--crossing al-waleed] [--press left,left] [--out screenshots/timeline.svg]
"""
from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from tui.app import CrosswatchApp  # noqa: E402
from tui.screens.timeline import TimelineScreen  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", type=Path, help="store folder (default: a fresh one from the bundled reports)")
    parser.add_argument("--crossing", default="al-waleed")
    parser.add_argument("--press", default="left,left", help="comma-separated keys pressed in the timeline")
    parser.add_argument("--size", default="160x48")
    parser.add_argument("--out", type=Path, default=HERE / "timeline.svg")
    args = parser.parse_args()
    width, height = (int(n) for n in args.size.split("x"))
    folder = args.store or Path(tempfile.mkdtemp(prefix="crosswatch-shot-")) / "store"
    app = CrosswatchApp(folder)

    async def drive(pilot) -> None:
        await app.ready.wait()
        await pilot.pause()
        app.push_screen(TimelineScreen(app.store, args.crossing))
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        for key in filter(None, (k.strip() for k in args.press.split(","))):
            await pilot.press(key)
            await pilot.pause()
        app.save_screenshot(filename=args.out.name, path=str(args.out.parent.resolve()))
        app.exit()

    app.run(headless=True, size=(width, height), auto_pilot=drive)
    if app.failed:
        print(f"timeline screenshot: {app.failed}", file=sys.stderr)
        return 1
    print(f"saved {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
