"""How the browser copes with one very big report (hostile input: a 1 MB article, thousands of events).

Prints, for an article of --megabytes of real-looking text (one line, or one sentence a line):
time to open the store, to jump to the article, and per arrow key in its event list.
The UI must never freeze; these figures show whether a big report makes it.

    python bench/big_article.py --megabytes 1 [--lines]
"""
from __future__ import annotations

import argparse
import asyncio
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from store.db import Store  # noqa: E402
from tests.hostile import big_file  # noqa: E402
from tui.app import CrosswatchApp  # noqa: E402


async def drive(folder: Path, keys: int) -> dict[str, float]:
    app = CrosswatchApp(folder)
    figures = {}
    started = time.perf_counter()
    async with app.run_test(size=(160, 48)) as pilot:
        await app.ready.wait()
        await pilot.pause()
        figures["open"] = time.perf_counter() - started
        started = time.perf_counter()
        app.screen.jump_to_article(next(iter(app.articles)))
        await pilot.pause()
        figures["jump to the article"] = time.perf_counter() - started
        started = time.perf_counter()
        for _ in range(keys):
            await pilot.press("down")
            await pilot.pause()
        figures["per arrow key"] = (time.perf_counter() - started) / keys
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
        print(f"  {name}: {seconds:.2f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
