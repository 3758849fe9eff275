"""The main screen's status pane: who holds each post as of a date, off the UI thread.

The status engine answers in its own thread or child process (`StatusFeed`);
answers come back as messages, and a later answer is never overwritten by an
earlier one. `[` and `]` step the as-of date through the days anything changed.
"""
from __future__ import annotations

from textual.content import Content
from textual.message import Message

from store.sanitize import safe_line
from tui.toasts import say
from tui.screens.status_feed import newest_report, step_as_of
from tui.widgets.lists import EventList, StatusTable


class StatusReady(Message):
    def __init__(self, asked: int, day: str | None, posts: list[dict], error: Exception | None) -> None:
        super().__init__()
        self.asked, self.day, self.posts, self.error = asked, day, posts, error


class StatusPane:
    """Mixed into MainScreen (which holds the `as_of` reactive and the feed)."""

    status_asked: int
    status_shown: int

    def action_as_of(self, step: int) -> None:
        day = step_as_of(self.feed.days, self.as_of, step)
        if day is None:
            say(self.app, "as-of", f"No {'earlier' if step < 0 else 'later'} change than {self.as_of}.", title="Status date")
        else:
            self.as_of = day

    def action_pick_as_of(self) -> None:
        from tui.screens.dates import DateRangeScreen

        def picked(days) -> None:
            if days is not None:
                self.as_of = days[0] or newest_report(self.app.articles.values())

        self.app.push_screen(DateRangeScreen(self.as_of, None, single=True, title="Status as of"), picked)

    def reset_as_of(self) -> None:
        self.as_of = newest_report(self.app.articles.values())

    def refresh_status(self, changed: list[dict] | None = None) -> None:
        self.status_asked += 1
        self.feed.ask(self.status_asked, self.as_of, changed or ())

    def _status_answer(self, asked: int, day: str | None, posts: list[dict], error: Exception | None) -> None:
        """Called from the status thread: hand the answer to the UI thread (post_message is thread-safe)."""
        self.post_message(StatusReady(asked, day, posts, error))

    def on_status_ready(self, message: "StatusReady") -> None:
        if message.error is not None:
            self.notify(safe_line(f"Status unavailable: {message.error}"), severity="error", markup=False)
        self.show_status(message.day, message.posts, message.asked)

    def on_unmount(self) -> None:
        self.feed.close()

    @property
    def status_pending(self) -> bool:
        return self.status_shown < self.status_asked

    def show_status(self, day: str | None, posts: list[dict], asked: int = 0) -> None:
        if asked < self.status_shown:
            return  # a later answer is already on screen
        self.status_shown = asked
        if day != self.as_of:
            self.set_reactive(type(self).as_of, day)
        self.app.sub_title = f"status as of {day or '—'}" + (
            " · READ-ONLY" if self.app.store.readonly else ""
        )
        table = self.query_one(StatusTable)
        table.set_posts(posts, day)
        contested = sum(1 for p in posts if p.get("contested"))
        title = f"Status as of {day or '—'} · {len(posts)} posts"
        table.border_title = Content(title + (f" · ⚠ {contested} contested" if contested else ""))

    def action_timeline(self) -> None:
        crossing = None
        status = self.query_one(StatusTable)
        if status.has_focus and status.cursor_key:
            crossing = status.cursor_key[0]
        elif (key := self.query_one(EventList).cursor_key) is not None:
            crossing = self.events[key].get("crossing")
        if not crossing:
            self.notify("Select an event or a status row with a crossing first.", severity="warning")
            return
        try:
            from tui.screens.timeline import TimelineScreen
        except ImportError:
            self.notify("The timeline is not available in this build.", severity="error")
            return
        self.app.push_screen(TimelineScreen(self.app.store, crossing, feed=self.feed))
