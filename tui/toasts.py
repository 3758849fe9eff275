"""Toasts that replace the previous one of their kind instead of piling up.

Textual's `notify` returns nothing and every call adds a toast, so `]` pressed five times at
the newest date stacked five "No later change." toasts. `say(app, kind, message)` withdraws
the toast it raised last for `kind` (also one still on its way to the screen: it is made
already expired, so the app drops it when it arrives) and raises the new one.
"""
from __future__ import annotations

from weakref import WeakKeyDictionary

from textual.notifications import Notification, Notify

_last: "WeakKeyDictionary[object, dict[str, Notification]]" = WeakKeyDictionary()


def say(app, kind: str, message: str, *, title: str = "", severity: str = "information",
        timeout: float | None = None) -> None:
    """Show `message` (plain text, never markup) in place of the last toast of this `kind`."""
    raised = _last.setdefault(app, {})
    old = raised.pop(kind, None)
    if old is not None:
        old.timeout = 0  # if it has not reached the screen yet, it is dropped as expired when it does
        app._unnotify(old)
    notification = Notification(message, title, severity, app.NOTIFICATION_TIMEOUT if timeout is None else timeout,
                                markup=False)
    raised[kind] = notification
    app.post_message(Notify(notification))
