"""The main screen's writing keys: accept, reject, complete a candidate, undo, note, copy, review, export.

Writes go through the app (which reports failures in one line and announces the
changed events); this only finds the selected event and opens the right dialog.
"""
from __future__ import annotations

from textual import work

from store.sanitize import safe_line, safe_text
from tui.widgets.lists import EventList


def citation(event: dict) -> str:
    """The sentence in quotes, then outlet and date, as an analyst would cite it."""
    sentence = safe_line(event.get("sentence") or "")
    where = ", ".join(safe_line(str(x)) for x in (event.get("outlet"), event.get("published") or event.get("date")) if x)
    return f"“{sentence}” ({where})" if where else f"“{sentence}”"


class AnalystActions:
    """Mixed into MainScreen."""

    def selected_event(self) -> dict | None:
        key = self.query_one(EventList).cursor_key
        if key is None:
            self.notify("No event selected.", severity="warning")
            return None
        return self.events[key]

    def action_decide(self, decision: str) -> None:
        event = self.selected_event()
        if event is not None:
            self.app.decide(event["id"], decision)

    def action_undo(self) -> None:
        self.app.undo()

    def action_note(self) -> None:
        from tui.screens.note import NoteScreen

        event = self.selected_event()
        if event is None:
            return

        def saved(text: str | None) -> None:
            if text is not None and text != safe_text(event.get("note") or ""):
                if self.app.save_note(event["id"], text):
                    self.notify("Note saved.")

        self.app.push_screen(NoteScreen(event.get("sentence") or "", event.get("note")), saved)

    def action_copy_citation(self) -> None:
        event = self.selected_event()
        if event is not None:
            self.app.copy_to_clipboard(citation(event))
            self.notify("Copied the sentence with its citation.")

    def action_review(self) -> None:
        from tui.screens.review import ReviewScreen, review_queue

        todo = review_queue(self.shown)
        if not todo:
            self.notify("Every shown event is reviewed.")
            return
        self.app.push_screen(ReviewScreen(todo))

    def action_complete(self) -> None:
        """`e` on a candidate: choose its actor (tui/screens/complete.py); it is then accepted."""
        from tui.screens.complete import complete_candidate

        event = self.selected_event()
        if event is None:
            return
        if not event.get("candidate"):
            self.notify("Not a candidate (◌): its actor is already known.", severity="warning")
            return
        complete_candidate(self, event)

    def export(self, fmt: str) -> None:
        self.notify("Exporting …")
        self.run_export(fmt)

    @work(thread=True, group="export")
    def run_export(self, fmt: str) -> None:
        from tui.screens.status_feed import export_to_file

        try:
            path = export_to_file(self.app.store, fmt, self.flt)
        except Exception as err:
            self.app.call_from_thread(self.notify, safe_line(f"Export failed: {err}"), severity="error", markup=False)
        else:
            self.app.call_from_thread(self.notify, safe_line(f"Exported to {path}"), timeout=8, markup=False)
