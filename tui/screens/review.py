"""Review mode: walk the unreviewed events one by one, sentence lit; a/x decide, space skips.

Each key moves on to the next event, so an analyst can clear a batch without
leaving the home row. Decisions are written at once by the app.

Candidates (store.counted: a crossing and an event word, actor unknown) come first,
marked `◌` with what is missing: until the analyst completes one (`e`: choose the actor)
it counts nowhere, while an unreviewed event already counts in the status. So the
queue starts where the analyst's answer changes the picture. `a` on a candidate still
missing its actor is refused (the app says which key completes it).
"""
from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Header, Static

from store.counted import open_candidate, still_missing
from store.filters import EventFilter
from store.sanitize import safe_line, safe_text
from tui.app import EventsChanged
from tui.keymap import REVIEW_KEYS
from tui.screens.sizes import SizeClasses
from tui.toasts import say
from tui.widgets.article_view import ArticleView
from tui.widgets.key_bar import KeyBar
from tui.widgets.lists import CANDIDATE_MARK, DECISION_MARKS, HEDGED_MARK, NOTE_MARK, actor_name, crossing_side, event_date, event_summary


def review_queue(shown: list[dict]) -> list[str]:
    """Ids to review: the open candidates not rejected, then the events with no decision, each in list order."""
    candidates = [e["id"] for e in shown if e.get("candidate") and e.get("decision") != "rejected" and open_candidate(e)]
    events = [e["id"] for e in shown if not e.get("candidate") and not e.get("decision")]
    return candidates + events


def candidate_line(event: dict) -> str | None:
    """`◌ CANDIDATE · missing: actor · confidence 0.5`, or None for an event (or a completed candidate)."""
    if not event.get("candidate"):
        return None
    missing = still_missing(event)
    if missing:
        state = f"missing: {', '.join(missing)}"
    elif event.get("decision") == "accepted":
        state = "completed and accepted: counts as an event"
    else:
        state = "completed; accept it to count"
    return f"{CANDIDATE_MARK} CANDIDATE · {state} · confidence {event.get('confidence')}"


def _quoted(value: object, words: str | None) -> str:
    return f"{value}  “{words}”" if words else str(value)


def describe_event(event: dict) -> Text:
    """One line per fact, plain text: what happened, who, where, when, how sure. Factions and
    posts by name (the actor as named on the event's day), never by id."""
    day = _quoted(event_date(event), event.get("date_text"))
    if not event.get("date"):
        day += "  (no day in the sentence: the report's date)"
    where = crossing_side(event) + ("" if event.get("side") or not event.get("crossing") else "  (no side given)")
    rows = (
        ("type", event.get("type")),
        ("actor", _quoted(actor_name(event, short=False), event.get("actor_text")) if event.get("actor") is not None
         else f"{CANDIDATE_MARK} missing (e: choose it)" if event.get("candidate") else None),
        ("crossing", _quoted(where, event.get("crossing_text"))),
        ("date", day),
        ("outlet", event.get("outlet") or "—"),
        ("said by", event.get("source") or "—"),
        ("hedged", f"{HEDGED_MARK} yes (reported, not confirmed)" if event.get("hedged") else "no"),
        ("decision", f"{DECISION_MARKS.get(event.get('decision'), '')} {event.get('decision') or 'unreviewed'}"),
        ("note", f"{NOTE_MARK} {event['note']}" if event.get("note") else "—"),
    )
    text = Text()
    head = candidate_line(event)
    if head:
        text.append(head + "\n", style="bold")
    for label, value in rows:
        text.append(f"{label:>9}  ", style="bold")
        text.append(safe_line(str(value or "—")) + "\n")
    text.rstrip()
    return text


class ReviewScreen(SizeClasses, Screen):
    BINDINGS = [key.binding() for key in REVIEW_KEYS]
    AUTO_FOCUS = "ArticleView"

    def __init__(self, event_ids: list[str]) -> None:
        super().__init__()
        self.event_ids = event_ids
        self.position = 0

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="review"):
            yield Static(id="review-progress")
            yield Static(id="review-event", classes="pane")
            yield ArticleView(id="review-article", classes="pane")
        yield KeyBar()

    def on_mount(self) -> None:
        self.show_current()

    @property
    def current(self) -> dict | None:
        if 0 <= self.position < len(self.event_ids):
            return self.app.events.get(self.event_ids[self.position])
        return None

    def show_current(self) -> None:
        progress = self.query_one("#review-progress", Static)
        detail = self.query_one("#review-event", Static)
        view = self.query_one(ArticleView)
        event = self.current
        done = sum(1 for i in self.event_ids if self.app.events[i].get("decision"))
        if event is None:
            progress.update(Content(f"REVIEW · done: {done} of {len(self.event_ids)} decided · Esc to leave"))
            detail.update(Content("No more events to review."))
            view.show(None)
            return
        keys = "e complete · x reject" if open_candidate(event) else "a accept · x reject"
        progress.update(
            Content(f"REVIEW · {self.kind(event)} {self.position + 1} of {len(self.event_ids)} · {done} decided · {keys} · space skip")
        )
        detail.update(describe_event(event))
        detail.border_title = "Candidate" if event.get("candidate") else "Event"
        detail.set_class(bool(event.get("candidate")), "candidate")
        article = self.app.articles.get(event.get("article_id"))
        siblings = self.app.store.events(EventFilter(article_id=event.get("article_id")))
        view.show(article, siblings, event)
        if article:
            view.border_title = Content(safe_line(" · ".join(x for x in (article.get("title"), article.get("source"), article.get("published")) if x))[:100])

    @staticmethod
    def kind(event: dict) -> str:
        return "candidate" if event.get("candidate") else "event"

    def advance(self, step: int = 1) -> None:
        self.position = max(0, min(self.position + step, len(self.event_ids)))
        self.show_current()

    def action_decide(self, decision: str) -> None:
        event = self.current
        if event is not None and self.app.decide(event["id"], decision):
            self.advance()

    def action_complete(self) -> None:
        from tui.screens.complete import complete_candidate

        event = self.current
        if event is None:
            return
        if not event.get("candidate"):
            self.notify("Not a candidate (◌): its actor is already known.", severity="warning")
            return
        complete_candidate(self, event, self.advance)

    def action_skip(self) -> None:
        self.advance()

    def action_previous(self) -> None:
        self.advance(-1)

    def action_undo(self) -> None:
        from tui.screens.main_analyst import undo_last, undone_line

        entry = undo_last(self.app)
        if entry is None:
            return
        event_id = entry.get("event_id") or entry.get("event")
        say(self.app, "undo", undone_line(entry, self.app.events.get(event_id) if event_id else None))
        if event_id in self.event_ids:
            self.position = self.event_ids.index(event_id)
        self.show_current()

    def action_note(self) -> None:
        from tui.screens.note import NoteScreen

        event = self.current
        if event is None:
            return

        def saved(text: str | None) -> None:
            if text is not None and text != safe_text(event.get("note") or ""):
                self.app.save_note(event["id"], text)
                self.show_current()

        self.app.push_screen(NoteScreen(event.get("sentence") or "", event.get("note"), about=event_summary(event)), saved)

    def action_leave(self) -> None:
        self.dismiss()

    def on_events_changed(self, message: EventsChanged) -> None:
        if self.is_current:
            self.show_current()
