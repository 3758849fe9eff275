"""The main screen's writing keys: accept, reject, complete a candidate, undo, note, copy, review, export.

Writes go through the app (which reports failures in one line and announces the
changed events); this only finds the selected event and opens the right dialog.
"""
from __future__ import annotations

from textual import work

from store.sanitize import safe_line, safe_text
from tui.toasts import say
from tui.widgets.lists import EventList, actor_name, crossing_side, event_summary


def citation(event: dict) -> str:
    """The sentence in quotes, then outlet and date, as an analyst would cite it."""
    sentence = safe_line(event.get("sentence") or "")
    where = ", ".join(safe_line(str(x)) for x in (event.get("outlet"), event.get("published") or event.get("date")) if x)
    return f"“{sentence}” ({where})" if where else f"“{sentence}”"


def event_name(event: dict | None) -> str:
    """The event by its names: "captured · Islamic State · Al Waleed (Iraq)"."""
    if event is None:
        return "an event no longer in the store"
    return " · ".join(str(x) for x in (event.get("type"), actor_name(event, short=False) or "actor not known",
                                       crossing_side(event)) if x)


def undone_line(entry: dict, event: dict | None) -> str:
    """What an undo took back, on which event: "Undone: accepted → unreviewed · captured · Islamic State ·
    Al Waleed (Iraq)"."""
    def decision(value) -> str | None:
        return value.get("decision") if isinstance(value, dict) else None

    if entry.get("of") == "decision":
        undone, now = decision(entry.get("prev")), decision(entry.get("value"))
        what = f"{undone or 'correction'} → {now or 'unreviewed'}"
    elif entry.get("of") == "note":
        what = "note change: the note is back to its earlier text" if entry.get("value") else "note removed"
    else:
        what = str(entry.get("of") or entry.get("kind") or "change")
    return safe_line(f"Undone: {what} · {event_name(event)}")


def undo_last(app) -> dict | None:
    """Take back the last note change or decision (through the app's one write path); the journal
    entry, or None when there was nothing to undo or the write failed (said in a toast)."""
    entry = app._write("undo", lambda: app.store.undo() or {})
    if entry is None:
        return None
    if not entry:
        say(app, "undo", "Nothing to undo.")
        return None
    app._reload([entry.get("event_id") or entry.get("event")])
    return entry


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
        """`u`: undo, name the event it touched and bring the cursor to it."""
        entry = undo_last(self.app)
        if entry is None:
            return
        event_id = entry.get("event_id") or entry.get("event")
        event = self.events.get(event_id) if event_id else None
        line = undone_line(entry, event)
        events = self.query_one(EventList)
        if event_id and events.move_to_key(event_id):
            events.focus()
        elif event is not None:
            line += " — not among the shown events (Esc clears the filters)"
        say(self.app, "undo", line)

    def action_note(self) -> None:
        from tui.screens.note import NoteScreen

        event = self.selected_event()
        if event is None:
            return

        def saved(text: str | None) -> None:
            if text is not None and text != safe_text(event.get("note") or ""):
                if self.app.save_note(event["id"], text):
                    self.notify("Note saved.")

        self.app.push_screen(NoteScreen(event.get("sentence") or "", event.get("note"), about=event_summary(event)), saved)

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
        from store.export import export_to_folder

        try:
            path, dropped = export_to_folder(self.app.store, fmt, self.flt)
        except Exception as err:
            self.app.call_from_thread(self.notify, safe_line(f"Export failed: {err}"), severity="error", markup=False)
        else:
            said = f"Exported to {path}" + (f"; {dropped}" if dropped else "")
            self.app.call_from_thread(self.notify, safe_line(said), timeout=10, markup=False)
