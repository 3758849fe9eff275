"""The `crosswatch` command: opens the browser, or runs one of the subcommands."""
from __future__ import annotations

import argparse
import importlib
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
        return args.run(args)
    from tui.launch import launch  # Textual is imported only when the browser opens

    return launch(args)


if __name__ == "__main__":
    sys.exit(main())
