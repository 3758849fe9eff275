"""`crosswatch` with no subcommand: open the browser, or take a headless screenshot of it."""
from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Callable, NoReturn

from store.paths import resolve_store_dir

Progress = Callable[[int, int, str], None]


def open_or_build(store_dir: Path, build_from: Path | None, progress: Progress):
    """Open the store (building it from the bundled reports on first run); runs in a worker thread.

    Returns the store and its articles (the index the first screen needs is built
    here, off the UI thread; events are read from the store as they are shown).
    """
    from store.db import Store
    from store.db.schema import has_store
    from store.filters import EventFilter

    class Store(Store):  # noqa: F811 - the browser starts the index build itself, after its first paint
        WARM_ON_OPEN = False

    def report(*args) -> None:
        done, total, message = _progress_args(args)
        progress(done, total, message)

    progress(0, 0, f"Opening {store_dir} …")
    if build_from is not None:
        store = Store.open(store_dir)
        if not store.articles() and not store.readonly:
            store.ingest([build_from], progress=report)
    elif has_store(store_dir):  # an existing store opens as it is
        store = Store.open(store_dir)
    else:  # first run: build it from the bundled reports
        store = Store.open_or_build(store_dir, progress=report)
    progress(1, 1, "Loading events …")
    articles = store.articles()
    if articles:  # the article pane asks for an article's events first: have that index ready
        store.events(EventFilter(article_id=articles[0]["id"]))
    return store, articles


def _progress_args(args: tuple) -> tuple[int, int, str]:
    """The ingest progress callback's arguments, whatever their exact shape, as (done, total, message)."""
    numbers = [a for a in args if isinstance(a, int)]
    words = [str(a) for a in args if not isinstance(a, int)]
    done = numbers[0] if numbers else 0
    total = numbers[1] if len(numbers) > 1 else 0
    return done, total, f"Reading reports … {' '.join(words)}".strip()


def parse_size(value: str) -> tuple[int, int]:
    try:
        width, height = (int(part) for part in value.lower().split("x"))
    except ValueError:
        raise SystemExit(f"crosswatch: --size must look like 160x48, not {value!r}") from None
    if not (20 <= width <= 1000 and 10 <= height <= 500):
        raise SystemExit(f"crosswatch: --size {value} is out of range (20x10 .. 1000x500)")
    return width, height


def parse_keys(value: str) -> list[str]:
    return [key.strip() for key in value.split(",") if key.strip()]


def launch(args) -> int:
    from tui.app import CrosswatchApp

    app = CrosswatchApp(resolve_store_dir(args.store))
    if args.screenshot:
        return screenshot(app, Path(args.screenshot), parse_size(args.size), parse_keys(args.press))
    app.run()
    if app.failed:
        print(f"crosswatch: {app.failed}", file=sys.stderr)
    leave_now(1 if app.failed else app.return_code or 0)


def leave_now(code: int) -> NoReturn:
    """Exit without the interpreter freeing a big store's objects one by one (~0.7 s at 100,000
    events). By now the terminal is restored and the store closed: every note was fsynced when
    saved, the lock is released, and a write under way was waited for."""
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)


async def until_ended(app, steps) -> None:
    """Run `steps` unless the app ends first (an error stopped it): Textual waits for its autopilot
    before it returns, so an autopilot waiting on a stopped app would hang the command for ever."""
    import asyncio

    async def ended() -> None:
        while app.return_code is None:
            await asyncio.sleep(0.05)

    driving, watching = asyncio.ensure_future(steps), asyncio.ensure_future(ended())
    done, _ = await asyncio.wait({driving, watching}, return_when=asyncio.FIRST_COMPLETED)
    for task in (driving, watching):
        task.cancel()
    if driving in done:
        driving.result()


def screenshot(app, path: Path, size: tuple[int, int], keys: list[str]) -> int:
    """Start headless, wait for the store, press `keys`, save an SVG of the screen, exit."""

    async def drive(pilot) -> None:
        await until_ended(app, steps(pilot))

    async def steps(pilot) -> None:
        await app.ready.wait()
        await pilot.pause()
        for key in keys:
            await pilot.press(key)
            await pilot.pause()
        await app.settled()
        await pilot.pause()
        await pilot.wait_for_scheduled_animations()
        app.save_screenshot(filename=path.name, path=str(path.parent.resolve()))
        app.exit()

    path.parent.mkdir(parents=True, exist_ok=True)
    app.run(headless=True, size=size, auto_pilot=drive)
    if app.failed:
        print(f"crosswatch: {app.failed}", file=sys.stderr)
        return 1
    if app.return_code:
        print(f"crosswatch: the browser stopped on an error; no screenshot saved to {path}", file=sys.stderr)
        return 1
    print(f"saved {path}")
    return 0
