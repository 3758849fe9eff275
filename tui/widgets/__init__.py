"""Widgets of the browser: they take plain dicts and talk upward with messages."""
