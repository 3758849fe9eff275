"""The main screen: articles, events, article text and crossing status, linked.

Moving in the event list lights the event's sentence; Enter on an article lists
its events; Enter on a status row filters to that post. Filters combine and
keep the cursor on the same event while it is still shown; Esc goes back one
filter step.
"""
from __future__ import annotations

from dataclasses import replace

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.message import Message
from textual.reactive import reactive
from textual.screen import Screen
from textual.widgets import Header, Input

from store.filters import EventFilter
from store.incidents import article_marks, group_incidents
from store.sanitize import safe_line, safe_text
from tui.app import EventsChanged
from tui.keymap import MAIN_KEYS
from tui.screens.describe import events_title
from tui.screens.palette import PALETTE_PROVIDERS
from tui.screens.status_feed import StatusFeed, newest_report, step_as_of
from tui.widgets.article_view import ArticleView
from tui.widgets.key_bar import KeyBar
from tui.widgets.lists import ArticleList, EventList, StatusTable
from tui.widgets.row_table import RowTable

class StatusReady(Message):
    def __init__(self, asked: int, day: str | None, posts: list[dict], error: Exception | None) -> None:
        super().__init__()
        self.asked, self.day, self.posts, self.error = asked, day, posts, error


COPIES_MAX_ARTICLES = 2000  # comparing every pair of texts costs minutes beyond this


def incident_rows(shown: list[dict]) -> tuple[list[dict], dict[str, str], int]:
    """The shown events with each incident's reports together (┌ │ └), then those in no incident."""
    incidents = group_incidents(shown)
    rows, marks = [], {}
    for incident in incidents:
        last = len(incident.events) - 1
        for i, event in enumerate(incident.events):
            rows.append(event)
            if last:
                marks[event["id"]] = "┌" if i == 0 else "└" if i == last else "│"
    placed = {event["id"] for event in rows}
    rows += [event for event in shown if event["id"] not in placed]  # rejected, or naming no crossing
    return rows, marks, len(incidents)


FACETS = {"crossings": ("crossing", "Crossings"), "factions": ("actor", "Factions"), "types": ("type", "Event types")}


class MainScreen(Screen):
    BINDINGS = [key.binding() for key in MAIN_KEYS]
    COMMANDS = Screen.COMMANDS | PALETTE_PROVIDERS
    AUTO_FOCUS = "#events"

    as_of: reactive[str | None] = reactive(None, init=False)

    def __init__(self) -> None:
        super().__init__()
        self._rank: dict[str, int] | None = None
        self.flt = EventFilter()
        self.back_stack: list[EventFilter] = []
        self.shown: list[dict] = []
        self.lit_id: str | None = None
        self.grouped = False
        self.search_pending = False
        self.incidents_found: int | None = None
        self.status_asked = self.status_shown = 0

    @property
    def events(self) -> dict[str, dict]:
        return self.app.events

    def rank(self) -> dict[str, int]:
        """Every event's place in the store's order, made the first time the cursor must find an event."""
        if self._rank is None:
            self._rank = {event["id"]: place for place, event in enumerate(self.app.store.events())}
        return self._rank

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="panes"):
            with Vertical(id="left"):
                yield ArticleList(id="articles", classes="pane")
                with Vertical(id="events-pane", classes="pane"):
                    yield EventList(id="events")
                    yield Input(id="search", placeholder="search sentences and notes · enter: keep · esc: clear")
            with Vertical(id="right"):
                yield ArticleView(id="article", classes="pane")
                yield StatusTable(id="status", classes="pane")
        yield KeyBar()

    def on_mount(self) -> None:
        self.query_one("#search", Input).display = False
        articles = self.query_one(ArticleList)
        articles.set_articles(list(self.app.articles.values()))
        articles.border_title = f"Articles {len(self.app.articles)}"
        self.query_one(ArticleView).border_title = "Article"
        self.apply_filter(self.flt, remember=False)
        self.feed = StatusFeed(self.app.store, self._status_answer)
        if len(self.app.articles) <= COPIES_MAX_ARTICLES:
            self.mark_copies(list(self.app.articles.values()))
        self.query_one(StatusTable).border_title = "Status · computing …"
        self.call_after_refresh(self.refresh_status)  # after the first paint: the events come first

    # -- filtering -----------------------------------------------------------------

    def apply_filter(self, flt: EventFilter, remember: bool = True) -> None:
        """Show the events passing `flt`; `remember` lets Esc come back to the previous one."""
        if remember and flt != self.flt:
            self.back_stack.append(self.flt)
        self.flt = flt
        self.shown = self.app.store.events(flt)  # the store answers from its indexes; kept, not copied
        self.query_one(EventList).set_events(self.shown, self.rank)
        if self.grouped:
            self.group_shown(flt, self.shown)
        self.update_events_title()

    @work(thread=True, group="copies")
    def mark_copies(self, articles: list[dict]) -> None:
        """Mark syndicated copies in the article pane (compares article texts: small stores only)."""
        copies = {aid: marks["syndicated_of"] for aid, marks in article_marks(articles).items()}
        self.app.call_from_thread(self.query_one(ArticleList).set_copies, copies)

    def update_events_title(self) -> None:
        grouping = f" · by incident ({self.incidents_found})" if self.grouped and self.incidents_found is not None else ""
        self.query_one("#events-pane").border_title = events_title(
            len(self.shown), self.app.store.count(), self.flt, self.app.articles, grouping
        )

    def action_group(self) -> None:
        """Toggle grouping the shown events by incident (the same happening, reported several times)."""
        self.grouped = not self.grouped
        self.incidents_found = None
        if self.grouped:
            self.notify("Grouping the shown events by incident …")
            self.group_shown(self.flt, self.shown)
        else:
            self.query_one(EventList).set_events(self.shown, self.rank)
        self.update_events_title()

    @work(thread=True, exclusive=True, group="incidents")
    def group_shown(self, flt: EventFilter, shown: list[dict]) -> None:
        rows, marks, incidents = incident_rows(shown)
        self.app.call_from_thread(self._show_grouped, flt, rows, marks, incidents)

    def _show_grouped(self, flt: EventFilter, rows: list[dict], marks: dict[str, str], incidents: int) -> None:
        if self.grouped and flt == self.flt:
            self.incidents_found = incidents
            self.query_one(EventList).set_events(rows, None, marks)
            self.update_events_title()

    def action_back(self) -> None:
        search = self.query_one("#search", Input)
        if search.has_focus:  # Esc in the search box drops the search
            with search.prevent(Input.Changed):
                search.value = ""
            search.display = False
            self.apply_filter(replace(self.flt, text=""), remember=False)
            if self.back_stack and self.back_stack[-1] == self.flt:
                self.back_stack.pop()
            self.query_one(EventList).focus()
        elif self.back_stack:
            self.apply_filter(self.back_stack.pop(), remember=False)
            self.query_one("#search", Input).value = self.flt.text
        elif not self.flt.is_empty:
            self.apply_filter(EventFilter(), remember=False)
        else:
            self.notify("No filter to clear.")

    def action_filter_text(self) -> None:
        search = self.query_one("#search", Input)
        search.display = True
        search.value = self.flt.text
        search.focus()
        if not self.back_stack or self.back_stack[-1] != self.flt:
            self.back_stack.append(self.flt)

    @on(Input.Changed, "#search")
    def search_changed(self) -> None:
        """Filter once per burst of keys: keys already queued are typed before the store is asked."""
        if not self.search_pending:
            self.search_pending = True
            self.call_later(self._search_now)

    def _search_now(self) -> None:
        self.search_pending = False
        text = self.query_one("#search", Input).value
        if text != self.flt.text:
            self.apply_filter(replace(self.flt, text=text), remember=False)

    @on(Input.Submitted, "#search")
    def search_done(self) -> None:
        search = self.query_one("#search", Input)
        search.display = bool(search.value)
        self.query_one(EventList).focus()

    def facet_options(self, facet: str) -> list[tuple[str, str]]:
        field, _ = FACETS[facet]
        counts = self.value_counts(field)
        return [(value, f"{value}  ({n})") for value, n in sorted(counts.items())]

    def action_pick(self, facet: str) -> None:
        from tui.screens.picker import PickerScreen

        _, title = FACETS[facet]

        def picked(chosen: frozenset | None) -> None:
            if chosen is not None:
                self.apply_filter(replace(self.flt, **{facet: chosen}))

        self.app.push_screen(PickerScreen(title, self.facet_options(facet), getattr(self.flt, facet)), picked)

    def action_pick_dates(self) -> None:
        from tui.screens.dates import DateRangeScreen

        def picked(days) -> None:
            if days is not None:
                self.apply_filter(replace(self.flt, date_from=days[0], date_to=days[1]))

        self.app.push_screen(DateRangeScreen(self.flt.date_from, self.flt.date_to), picked)

    def clear_filters(self) -> None:
        self.apply_filter(EventFilter())

    def filter_to(self, facet: str, value: str) -> None:
        self.apply_filter(replace(self.flt, **{facet: frozenset([value])}))

    def value_counts(self, field: str) -> dict[str, int]:
        return {value: n for value, n in self.app.store.values(field).items() if value}

    def crossing_names(self) -> dict[str, str]:
        from tui.screens.status_feed import crossing_names

        return crossing_names()

    def jump_to_article(self, article_id: str) -> None:
        articles = self.query_one(ArticleList)
        articles.move_to_key(article_id)
        self.article_selected(RowTable.Selected(articles, article_id))

    # -- links between panes -------------------------------------------------------

    @on(RowTable.Highlighted, "#events")
    def event_highlighted(self, message: RowTable.Highlighted) -> None:
        self.lit_id = message.key
        self.show_lit()

    def show_lit(self) -> None:
        event = self.events.get(self.lit_id) if self.lit_id else None
        if event is None:
            return
        article = self.app.articles.get(event.get("article_id"))
        self.show_article(article, lit=event)

    def show_article(self, article: dict | None, lit: dict | None = None) -> None:
        view = self.query_one(ArticleView)
        siblings = self.app.store.events(EventFilter(article_id=article["id"])) if article else []
        view.show(article, siblings, lit)
        if article:
            heading = " · ".join(x for x in (article.get("title"), article.get("source"), article.get("published")) if x)
            view.border_title = Content(safe_line(heading)[:100])

    @on(RowTable.Highlighted, "#articles")
    def article_highlighted(self, message: RowTable.Highlighted) -> None:
        if self.query_one(ArticleList).has_focus and message.key:
            lit = self.events.get(self.lit_id) if self.lit_id else None
            keep = lit if lit and lit.get("article_id") == message.key else None
            self.show_article(self.app.articles.get(message.key), lit=keep)

    @on(RowTable.Selected, "#articles")
    def article_selected(self, message: RowTable.Selected) -> None:
        self.show_article(self.app.articles.get(message.key))
        self.apply_filter(replace(self.flt, article_id=message.key))
        self.query_one(EventList).focus()

    @on(RowTable.Selected, "#events")
    def event_selected(self) -> None:
        self.show_lit()
        self.query_one(ArticleView).focus()

    @on(RowTable.Selected, "#status")
    def post_selected(self, message: RowTable.Selected) -> None:
        crossing, side = message.key
        sides = frozenset([side]) if side else frozenset()
        self.apply_filter(replace(self.flt, crossings=frozenset([crossing]), sides=sides))
        self.query_one(EventList).focus()

    # -- the selected event and writing --------------------------------------------

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

    def on_events_changed(self, message: EventsChanged) -> None:
        event_list = self.query_one(EventList)
        for event_id in message.event_ids:
            event_list.refresh_key(event_id)
        if self.flt.text:  # a note may now match the search, or stop matching
            self.apply_filter(self.flt, remember=False)
        if self.lit_id in message.event_ids or any(
            self.events[i].get("article_id") == (self.query_one(ArticleView).article or {}).get("id") for i in message.event_ids
        ):
            self.show_lit()
        self.refresh_status([self.events[i] for i in message.event_ids if i in self.events])

    # -- review, as-of, timeline -------------------------------------------------------

    def action_review(self) -> None:
        from tui.screens.review import ReviewScreen

        todo = [e["id"] for e in self.shown if not e.get("decision")]
        if not todo:
            self.notify("Every shown event is reviewed.")
            return
        self.app.push_screen(ReviewScreen(todo))

    def action_as_of(self, step: int) -> None:
        day = step_as_of(self.feed.days, self.as_of, step)
        if day is None:
            self.notify("No earlier change." if step < 0 else "No later change.")
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

    def watch_as_of(self) -> None:
        self.refresh_status()

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
            self.set_reactive(MainScreen.as_of, day)
        self.app.sub_title = f"status as of {day or '—'}" + (
            " · READ-ONLY" if getattr(self.app.store, "readonly", False) else ""
        )
        table = self.query_one(StatusTable)
        table.set_posts(posts)
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
        self.app.push_screen(TimelineScreen(self.app.store, crossing))


def citation(event: dict) -> str:
    """The sentence in quotes, then outlet and date, as an analyst would cite it."""
    sentence = safe_line(event.get("sentence") or "")
    where = ", ".join(safe_line(str(x)) for x in (event.get("outlet"), event.get("published") or event.get("date")) if x)
    return f"“{sentence}” ({where})" if where else f"“{sentence}”"
