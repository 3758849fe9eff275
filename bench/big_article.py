"""How the browser copes with one very big report (hostile input: a 1 MB article, thousands of events).

Prints, for an article of --megabytes of real-looking text (one line, or one sentence a line):
time to open the store, to jump to the article, and per arrow key in its event list.
The UI must never freeze; these figures show whether a big report makes it.

"per arrow key" is Pilot's press-and-pause: it waits until the process goes idle (up to 1 s a
wait), so while the status engine's thread is busy it shows that thread, not the browser.
"arrow key -> article repainted" is what the analyst sees: from the key until the first frame
painted after the article view lit the next sentence (median), while the status still loads
and once it is done; a bare Textual DataTable's arrow key is timed the same way beside it.

    python bench/big_article.py --megabytes 1 [--lines]
"""
from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from store.db import Store  # noqa: E402
from tests.hostile import big_file  # noqa: E402
from tui.app import CrosswatchApp  # noqa: E402
from tui.widgets.article_view import ArticleView  # noqa: E402


class RepaintClock:
    """When the first frame after a given moment went to the (headless) terminal."""

    def __init__(self, app, moment_of) -> None:
        self.armed = self.painted = None
        display = app._display

        def timed(*args, **kwargs):
            result = display(*args, **kwargs)
            if self.armed is not None and self.painted is None and moment_of() > self.armed:
                self.painted = time.perf_counter()
            return result

        app._display = timed

    async def key(self, pilot, key: str) -> float:
        self.armed, self.painted = time.perf_counter(), None
        await pilot.press(key)
        await pilot.pause()
        for _ in range(1000):  # 5 s at most
            if self.painted is not None:
                return self.painted - self.armed
            await asyncio.sleep(0.005)
        return float("nan")


async def repaints(app, pilot, keys: int, moment_of, busy=None) -> float:
    """Median of `keys` arrow keys (with `busy`: only the keys pressed while it is true)."""
    clock = RepaintClock(app, moment_of)
    times = []
    while len(times) < keys and (busy is None or busy()):
        times.append(await clock.key(pilot, "down"))
    return statistics.median(times) if times else float("nan")


async def bare_repaint(rows: int, keys: int) -> float:
    from textual.app import App
    from textual.widgets import DataTable

    moved = [0.0]

    class Table(DataTable):
        def watch_cursor_coordinate(self, old, new) -> None:
            super().watch_cursor_coordinate(old, new)
            moved[0] = time.perf_counter()

    class Bare(App):
        def compose(self):
            yield Table(cursor_type="row")

        def on_mount(self) -> None:
            table = self.query_one(Table)
            table.add_columns("date", "type", "sentence")
            table.add_rows([("2014-06-23", "captured", f"sentence {i}") for i in range(rows)])
            table.focus()

    app = Bare()
    async with app.run_test(size=(160, 48)) as pilot:
        await pilot.pause()
        return await repaints(app, pilot, keys, lambda: moved[0])


async def drive(folder: Path, keys: int) -> dict[str, float]:
    app = CrosswatchApp(folder)
    figures = {}
    started = time.perf_counter()
    lit_at = [0.0]
    original_show = ArticleView.show

    def show(view, *args, **kwargs):
        original_show(view, *args, **kwargs)
        lit_at[0] = time.perf_counter()

    ArticleView.show = show
    async with app.run_test(size=(160, 48)) as pilot:
        await app.ready.wait()
        await pilot.pause()
        opened = time.perf_counter()
        figures["open"] = opened - started
        started = time.perf_counter()
        app.screen.jump_to_article(next(iter(app.articles)))
        await pilot.pause()
        figures["jump to the article"] = time.perf_counter() - started
        figures["arrow key -> article repainted, status loading"] = await repaints(
            app, pilot, keys, lambda: lit_at[0], busy=lambda: app.screen.status_pending)
        started = time.perf_counter()
        for _ in range(keys):
            await pilot.press("down")
            await pilot.pause()
        figures["per arrow key"] = (time.perf_counter() - started) / keys
        await app.settled()
        figures["status shown after open"] = time.perf_counter() - opened
        figures["arrow key -> article repainted, status done"] = await repaints(app, pilot, keys, lambda: lit_at[0])
    ArticleView.show = original_show
    figures["bare DataTable: arrow key -> repainted"] = await bare_repaint(10_000, keys)
    return figures


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--megabytes", type=float, default=1.0)
    parser.add_argument("--lines", action="store_true", help="one sentence a line instead of one long line")
    parser.add_argument("--keys", type=int, default=3)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        report = big_file(Path(tmp) / "big.txt", args.megabytes, one_line=not args.lines)
        started = time.perf_counter()
        with Store.open(Path(tmp) / "store") as st:
            st.ingest([report])
            events = len(st.events())
        ingest = time.perf_counter() - started
        figures = asyncio.run(drive(Path(tmp) / "store", args.keys))
    shape = "one sentence a line" if args.lines else "one line"
    print(f"big article: {args.megabytes:g} MB, {shape}, {events} events; ingest {ingest:.2f} s")
    for name, seconds in figures.items():
        print(f"  {name}: {seconds * 1000:.0f} ms" if "->" in name else f"  {name}: {seconds:.2f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
