"""Open the browser (not built yet)."""
from __future__ import annotations


def launch(args) -> int:
    print("the browser is not built yet")
    return 2
