"""`crosswatch extract` (not built yet)."""
from __future__ import annotations


def register(subparsers) -> None:
    parser = subparsers.add_parser("extract", help="(not built yet)")
    parser.set_defaults(run=run)


def run(args) -> int:
    print("crosswatch extract: not built yet")
    return 2
