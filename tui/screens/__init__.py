"""Screens of the browser: the main panes, modal pickers and editors, help, review."""
