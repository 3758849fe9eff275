"""Browser speed, measured beside a bare Textual app in the same run.

    .venv/bin/python bench/tui.py [--big FOLDER] [--runs 5] [--articles 10000]

Figures (medians of `--runs` fresh processes, wall clock from spawning the process):
- bare: a Textual app with Header, a DataTable of 50 rows, a Static and a Footer:
  process start -> first paint, and start -> exit;
- crosswatch on the bundled store: start -> first paint (the loading screen), start -> the
  main screen painted with the store's data, and start -> exit (target: data <= 1.5x bare);
- crosswatch on the 100,000-event store from bench/synth.py (built in --big if missing):
  the same (target: data <= 1.0 s), opening from its snapshot (store/db/snapshot.py, as
  every open after the first does) and, beside it, from the JSON shards alone (the first
  open after an ingest from elsewhere, or with no snapshot);
- the status pane on that store: from the data shown to the first frame painted with the
  pane's first answer (target <= 1.5 s; "in the table": when the answer reached it), with
  the store unchanged since the last status (its answer kept: store.status_kept), right
  after a decision written to the store (the kept answers caught up: store.status_catch_up)
  and, as baseline, with nothing kept (the status child works everything out, as every
  open did before);
- filter keystroke -> repaint on the 100,000-event store: typing into `/` search, each key
  timed from the press until the screen has processed it and repainted (target <= 50 ms),
  and moving the cursor with `j`. Also with the status engine still loading in the background;
- quitting the 100,000-event store: `q` to the end of the process, the real command in a
  pseudo-terminal (POSIX only).
"""
from __future__ import annotations

import argparse
import asyncio
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
SIZE = (160, 48)


# -- children: one app per process, reporting its own times --------------------------------


def _since_spawn() -> float:
    return time.time() - float(os.environ["BENCH_T0"])


def child_bare() -> dict:
    from textual.app import App
    from textual.widgets import DataTable, Footer, Header, Static

    times: dict = {}

    class Bare(App):
        def compose(self):
            yield Header()
            yield DataTable()
            yield Static("bare")
            yield Footer()

        def on_mount(self) -> None:
            table = self.query_one(DataTable)
            table.add_columns("a", "b", "c", "d")
            table.add_rows([(i, f"row {i}", i * 2, "x") for i in range(50)])
            self.call_after_refresh(self.painted)

        def painted(self) -> None:
            times["first_paint"] = _since_spawn()
            times["data"] = times["first_paint"]
            self.exit()

    Bare().run(headless=True, size=SIZE)
    return times


def child_crosswatch(store: str, snapshot: bool = True) -> dict:
    from tui.app import CrosswatchApp

    if not snapshot:  # the shards alone, and no snapshot writer left running into the next run
        import store.db.store as opening

        opening.read_snapshot = lambda folder: None
        opening.SNAPSHOT_MIN_EVENTS = float("inf")

    times: dict = {}

    class Timed(CrosswatchApp):
        def on_mount(self) -> None:
            super().on_mount()
            self.call_after_refresh(lambda: times.setdefault("first_paint", _since_spawn()))

    app = Timed(Path(store))
    frames: list[float] = []  # when each frame went to the (headless) driver
    display = app._display

    def timed_display(*args, **kwargs):
        result = display(*args, **kwargs)
        frames.append(_since_spawn())
        return result

    app._display = timed_display

    async def drive(pilot) -> None:
        await app.ready.wait()  # set once the main screen has painted the store's data
        times["data"] = _since_spawn()
        while not getattr(app.screen, "status_shown", 0):  # the status pane's first answer, in its table
            await asyncio.sleep(0.005)
        times["status_in"] = _since_spawn()
        while not frames or frames[-1] < times["status_in"]:  # and the first frame painted with it
            await asyncio.sleep(0.005)
        times["status"] = next(t for t in frames if t >= times["status_in"])
        times["pane"], times["pane_in"] = times["status"] - times["data"], times["status_in"] - times["data"]
        await pilot.pause()
        times["events"] = len(app.events)
        app.exit()

    app.run(headless=True, size=SIZE, auto_pilot=drive)
    if app.failed:
        raise SystemExit(app.failed)
    return times


def run_child(kind: str, store: str | None = None) -> dict:
    time.sleep(1.0)  # let the previous run's processes go
    env = dict(os.environ, BENCH_T0=repr(time.time()))
    command = [sys.executable, __file__, "--child", kind] + (["--store", store] if store else [])
    start = time.perf_counter()
    done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=600)
    wall = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"{kind} child failed: {done.stderr.strip()[-500:]}")
    result = json.loads(done.stdout.strip().splitlines()[-1])
    result["exit"] = wall
    return result


def medians(kind: str, runs: int, store: str | None = None, before=None) -> dict:
    """Medians over `runs` fresh processes; `before()` runs ahead of each (untimed)."""
    results = []
    for _ in range(runs):
        if before is not None:
            before()
        results.append(run_child(kind, store))
    return {key: statistics.median(r[key] for r in results) for key in results[0]}


def kept_path(folder: str) -> Path:
    from store.status_kept import kept_path as path

    return path(Path(folder))


def decision_toggler(folder: str):
    """Each call writes a decision to the store, or undoes the last one: the status kept for the store's
    files (store.status_kept) no longer fits, as after an analyst's session."""
    from bench.status import toggle_decision

    state: dict = {}

    def toggle() -> None:
        toggle_decision(Path(folder), state)

    def restore() -> None:
        if state.get("event") is not None:
            toggle()

    return toggle, restore


# -- keystrokes, in process -------------------------------------------------------------------


class PaintClock:
    """Records when the app last sent a frame to its (headless) driver."""

    def __init__(self, app) -> None:
        self.last = 0.0
        display = app._display

        def timed(*args, **kwargs):
            result = display(*args, **kwargs)
            self.last = time.perf_counter()
            return result

        app._display = timed

    async def key_to_paint(self, pilot, key: str) -> float:
        """Seconds from posting the key until the frame that follows its handling was painted."""
        start = time.perf_counter()
        await pilot.press(key)
        await pilot.pause()
        await asyncio.sleep(0.05)  # let a trailing refresh land
        return max(self.last - start, 0.0)


async def keystrokes(store: str, wait_status: bool) -> dict:
    from tui.app import CrosswatchApp

    app = CrosswatchApp(Path(store))
    timings: dict[str, list[float]] = {"search": [], "cursor": []}
    async with app.run_test(size=SIZE) as pilot:
        clock = PaintClock(app)
        await app.ready.wait()
        await pilot.pause()
        if wait_status:  # steady state: status computed, the store's indexes built
            await app.settled()
            await asyncio.get_running_loop().run_in_executor(None, app.store.wait_ready)
        await pilot.pause()
        for _ in range(20):
            timings["cursor"].append(await clock.key_to_paint(pilot, "j"))
        await pilot.press("slash")
        await pilot.pause()
        for key in "al waleed" + "\b" * 4 + "xyz":
            timings["search"].append(await clock.key_to_paint(pilot, "backspace" if key == "\b" else "space" if key == " " else key))
        shown = len(app.screen.query_one("#events").keys)
    return {
        "search_median_ms": 1000 * statistics.median(timings["search"]),
        "search_max_ms": 1000 * max(timings["search"]),
        "cursor_median_ms": 1000 * statistics.median(timings["cursor"]),
        "shown_after": shown,
    }


async def bare_keystrokes() -> dict:
    from textual.app import App
    from textual.widgets import DataTable, Footer, Header, Input

    class Bare(App):
        def compose(self):
            yield Header()
            yield DataTable()
            yield Input()
            yield Footer()

        def on_mount(self) -> None:
            table = self.query_one(DataTable)
            table.add_columns("a", "b")
            table.add_rows([(i, f"row {i}") for i in range(50)])
            self.query_one(Input).focus()

    app = Bare()
    times = []
    async with app.run_test(size=SIZE) as pilot:
        clock = PaintClock(app)
        await pilot.pause()
        for key in "al waleed":
            times.append(await clock.key_to_paint(pilot, "space" if key == " " else key))
    return {"typing_median_ms": 1000 * statistics.median(times)}


# -- quitting, in a real pseudo-terminal ------------------------------------------------------


def quit_seconds(store: str, runs: int) -> float | None:
    """Median seconds from `q` to the process's end, `crosswatch` run in a pseudo-terminal (POSIX)."""
    try:
        import fcntl
        import pty
        import select
        import struct
        import termios
    except ImportError:
        return None
    times = []
    for _ in range(runs):
        master, slave = pty.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", SIZE[1], SIZE[0], 0, 0))
        proc = subprocess.Popen([sys.executable, "-m", "tui.cli", "--store", store], stdin=slave, stdout=slave, stderr=slave,
                                env=dict(os.environ, TERM="xterm-256color"), cwd=REPO, start_new_session=True)
        os.close(slave)

        def drain(seconds: float) -> None:  # a terminal reads everything drawn; unread, the app would block
            end = time.monotonic() + seconds
            while time.monotonic() < end and proc.poll() is None:
                if select.select([master], [], [], 0.05)[0]:
                    try:
                        os.read(master, 65536)
                    except OSError:
                        return

        drain(6.0)  # open, paint, status settle
        started = time.perf_counter()
        os.write(master, b"q")
        while proc.poll() is None and time.perf_counter() - started < 30:
            drain(0.05)
        times.append(time.perf_counter() - started)
        if proc.poll() is None:
            proc.kill()
        os.close(master)
    return statistics.median(times)


# -- main ---------------------------------------------------------------------------------------


def ensure_big(folder: Path, articles: int) -> Path:
    from store.db import Store

    if (folder / "store.json").exists():
        with Store.open(folder, readonly=True) as store:
            big_enough = store.count() >= articles * 9
        if not big_enough:
            shutil.rmtree(folder)
    if not (folder / "store.json").exists():
        from bench.synth import build_store

        print(f"building the synthetic store in {folder} ({articles} articles) …", flush=True)
        build_store(folder, articles=articles).close()
    with Store.open(folder) as store:  # with its snapshot, as `crosswatch ingest` or a first open leaves it
        store.keep_snapshot(wait=True)
    return folder


def status_command(folder: str) -> None:
    """`crosswatch status` on the store (untimed): its answer kept, as any status leaves it (store.status_kept)."""
    subprocess.run([sys.executable, "-m", "tui.cli", "status", "--store", str(folder)], cwd=REPO,
                   stdout=subprocess.DEVNULL, check=True)


def bundled_store(folder: Path) -> Path:
    from store.db import Store

    with Store.open_or_build(folder):
        pass
    return folder


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--child", choices=("bare", "crosswatch", "crosswatch-shards"))
    parser.add_argument("--store")
    parser.add_argument("--big", default=str(Path(tempfile.gettempdir()) / "crosswatch-bench-100k"))
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    if args.child == "bare":
        print(json.dumps(child_bare()))
        return 0
    if args.child in ("crosswatch", "crosswatch-shards"):
        print(json.dumps(child_crosswatch(args.store, snapshot=args.child == "crosswatch")))
        return 0

    # pip compiles the package when it installs it; a checkout run with PYTHONDONTWRITEBYTECODE would
    # otherwise compile every module of ours in every timed process, and the bare app none of Textual's
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(REPO / "store"), str(REPO / "tui")], check=True)

    with tempfile.TemporaryDirectory() as tmp:
        small = str(bundled_store(Path(tmp) / "bundled"))
        big = str(ensure_big(Path(args.big), args.articles))
        bare = medians("bare", args.runs)
        cw_small = medians("crosswatch", args.runs, small)
        cw_big = medians("crosswatch", args.runs, big, before=lambda: status_command(big))
        toggle, restore = decision_toggler(big)
        cw_decided = medians("crosswatch", args.runs, big, before=lambda: (status_command(big), toggle()))
        restore()
        cw_scratch = medians("crosswatch", args.runs, big, before=lambda: kept_path(big).unlink(missing_ok=True))
        cw_shards = medians("crosswatch-shards", args.runs, big)
        typing_bare = asyncio.run(bare_keystrokes())
        keys_loading = asyncio.run(keystrokes(big, wait_status=False))
        keys_steady = asyncio.run(keystrokes(big, wait_status=True))
        quitting = quit_seconds(big, 3)

    print(f"\nmedians of {args.runs} fresh processes, {SIZE[0]}x{SIZE[1]}, headless; seconds from spawning the process")
    print(f"{'':34} {'first paint':>12} {'data shown':>11} {'status pane':>12} {'exit':>7}")
    rows = (
        ("bare Textual app (DataTable 50)", bare),
        ("crosswatch, bundled store", cw_small),
        (f"crosswatch, {int(cw_big['events']):,} events", cw_big),
        ("  the same, right after a decision", cw_decided),
        ("  the same, no status kept", cw_scratch),
        ("  the same, from the shards alone", cw_shards),
    )
    for label, r in rows:
        pane = f"{r['status']:12.3f}" if "status" in r else f"{'-':>12}"
        print(f"{label:34} {r['first_paint']:12.3f} {r['data']:11.3f} {pane} {r['exit']:7.3f}")
    ratio_paint = cw_small["first_paint"] / bare["first_paint"]
    ratio_data = cw_small["data"] / bare["data"]
    print(f"\nbundled store vs bare: first paint {ratio_paint:.2f}x, data shown {ratio_data:.2f}x (target <= 1.5x)")
    print(f"100k store: first paint {cw_big['first_paint']:.3f} s, data shown {cw_big['data']:.3f} s (target <= 1.0 s); "
          f"from the shards alone {cw_shards['data']:.3f} s")
    print(f"100k store, status pane painted after the data shows (target <= 1.5 s): {cw_big['pane']:.3f} s with the store "
          f"unchanged since the last status (its answer in the table after {cw_big['pane_in']:.3f} s); "
          f"{cw_decided['pane']:.3f} s right after a decision (in the table after {cw_decided['pane_in']:.3f} s); "
          f"baseline, nothing kept (all worked out, as every open was before): {cw_scratch['pane']:.3f} s "
          f"(in the table after {cw_scratch['pane_in']:.3f} s)")
    for label, keys in (("right after opening (status and indexes still building)", keys_loading), ("steady state", keys_steady)):
        print(
            f"100k store, keystroke -> repaint, {label}: search median {keys['search_median_ms']:.1f} ms, "
            f"max {keys['search_max_ms']:.1f} ms (target <= 50 ms); cursor j median {keys['cursor_median_ms']:.1f} ms"
        )
    print(f"bare app, typing into an Input: median {typing_bare['typing_median_ms']:.1f} ms (the floor of this measure)")
    if quitting is not None:
        print(f"100k store, q -> process ended (crosswatch in a pseudo-terminal): median {quitting:.3f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
