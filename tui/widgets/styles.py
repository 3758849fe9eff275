"""Widgets carry their default styles, which live in tui/styles/widgets/*.tcss beside the app's."""
from __future__ import annotations

from pathlib import Path

WIDGET_STYLES = Path(__file__).resolve().parent.parent / "styles" / "widgets"


def default_css(name: str) -> str:
    """The widget's stylesheet, read once when its class is made (any app using the widget gets it)."""
    return (WIDGET_STYLES / f"{name}.tcss").read_text(encoding="utf-8")
