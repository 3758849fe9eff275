"""`crosswatch export` (not built yet)."""
from __future__ import annotations


def register(subparsers) -> None:
    parser = subparsers.add_parser("export", help="(not built yet)")
    parser.set_defaults(run=run)


def run(args) -> int:
    print("crosswatch export: not built yet")
    return 2
