"""The `crosswatch` command: opens the browser, or runs one of the subcommands."""
from __future__ import annotations

import argparse
import errno
import importlib
import os
import sys

# Each module registers one subcommand: `register(subparsers)` sets `run(args) -> int`.
SUBCOMMANDS = ("extract", "ingest", "reread", "export", "status")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="crosswatch",
        description="Events at the land border crossings of Iraq and Syria, from news reports.",
    )
    parser.add_argument("--store", metavar="PATH", help="store folder (default: $CROSSWATCH_STORE or the user data folder)")
    parser.add_argument("--screenshot", metavar="FILE.svg", help="start headless, press --press keys, save an SVG and exit")
    parser.add_argument("--size", default="160x48", metavar="WxH", help="terminal size for --screenshot (default 160x48)")
    parser.add_argument("--press", default="", metavar="KEYS", help="comma-separated keys to press before the screenshot")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in SUBCOMMANDS:
        importlib.import_module(f"tui.commands.{name}").register(subparsers)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.command:
        _say_config_problems(args.command)
        return run_command(args)
    from tui.launch import launch  # Textual is imported only when the browser opens

    return launch(args)


def run_command(args) -> int:
    """A subcommand, its output flushed here so that a closed pipe or a full disk is one line.

    A reader that stops early (`crosswatch extract ... | head -1`) is not an error: exit 0,
    quietly, like a command that wrote everything. A write that fails (disk full, an I/O
    error) is one line on stderr and exit 1. Either way standard output is pointed at
    /dev/null afterwards, so the interpreter's last flush has nowhere to fail.
    """
    from store.sanitize import safe_line

    try:
        code = args.run(args)
        sys.stdout.flush()
        return code
    except BrokenPipeError:
        _drop_stdout()
        return 0
    except OSError as err:
        _drop_stdout()
        where = f" {safe_line(str(err.filename))}" if err.filename else " the output"
        print(f"crosswatch {args.command}: cannot write{where}: {safe_line(err.strerror or str(err))}"
              f"{' (disk full?)' if err.errno in (errno.ENOSPC, getattr(errno, 'EDQUOT', -1)) else ''}",
              file=sys.stderr)
        return 1


def _drop_stdout() -> None:
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError, AttributeError):  # no real file behind sys.stdout (tests): nothing to drop
        pass


def _say_config_problems(command: str) -> None:
    """config.json, or a data file in the config folder, that cannot be used: one line each (the
    defaults, or the bundled data, are used instead)."""
    from store.config import config_problem
    from store.datafiles import override_problems
    from store.sanitize import safe_line

    for line in [config_problem(), *override_problems()]:
        if line:
            print(f"crosswatch {command}: {safe_line(line)}", file=sys.stderr)


if __name__ == "__main__":
    sys.exit(main())
