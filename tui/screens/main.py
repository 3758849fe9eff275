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
from textual.reactive import reactive
from textual.screen import Screen
from textual.widgets import Header, Input

from store.filters import EventFilter
from store.incidents import article_marks
from store.sanitize import safe_line
from tui.app import EventsChanged
from tui.keymap import MAIN_KEYS
from tui.screens.main_analyst import AnalystActions
from tui.screens.main_filtering import Filtering
from tui.screens.main_status import StatusPane
from tui.screens.palette import PALETTE_PROVIDERS
from tui.screens.reread import Rereading
from tui.screens.status_feed import StatusFeed
from tui.widgets.article_view import ArticleView
from tui.widgets.key_bar import KeyBar
from tui.widgets.lists import ArticleList, EventList, StatusTable
from tui.widgets.row_table import RowTable

COPIES_MAX_ARTICLES = 2000  # comparing every pair of texts costs minutes beyond this


class MainScreen(Filtering, StatusPane, AnalystActions, Rereading, Screen):
    BINDINGS = [key.binding() for key in MAIN_KEYS]
    COMMANDS = Screen.COMMANDS | PALETTE_PROVIDERS
    AUTO_FOCUS = "#events"

    as_of: reactive[str | None] = reactive(None, init=False)

    def __init__(self) -> None:
        super().__init__()
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
        self.query_one(ArticleView).border_title = "Article"
        self.load_store()
        self.call_after_refresh(self.refresh_status)  # after the first paint: the events come first

    def load_store(self) -> None:
        """Fill the panes from the store (on mount, and again after reports were added)."""
        articles = self.query_one(ArticleList)
        articles.set_articles(list(self.app.articles.values()))
        articles.border_title = f"Articles {len(self.app.articles)}"
        self.apply_filter(self.flt, remember=False)
        if getattr(self, "feed", None) is not None:
            self.feed.close()
        self.feed = StatusFeed(self.app.store, self._status_answer)
        if len(self.app.articles) <= COPIES_MAX_ARTICLES:
            self.mark_copies(list(self.app.articles.values()))
        self.query_one(StatusTable).border_title = "Status · computing …"

    def on_unmount(self) -> None:
        """The status child, if any, would compute on for seconds after the browser quit."""
        self.stop_reread()  # a re-read in progress writes its current batch before the store closes
        if getattr(self, "feed", None) is not None:
            self.feed.close()

    def action_ingest(self) -> None:
        from tui.screens.ingest import IngestScreen

        if self.app.store.readonly:
            self.notify("The store is read-only: another crosswatch holds it.", severity="error")
            return

        def added(lines: list[str] | None) -> None:
            if lines:
                self.app.articles = {a["id"]: a for a in self.app.store.articles()}
                self.app.store.keep_snapshot()
                self.load_store()
                self.refresh_status()
                self.notify(safe_line(" · ".join(lines[:4])), title="Reports added", timeout=10, markup=False)

        self.app.push_screen(IngestScreen(self.app.store), added)

    @work(thread=True, group="copies")
    def mark_copies(self, articles: list[dict]) -> None:
        """Mark syndicated copies in the article pane (compares article texts: small stores only)."""
        copies = {aid: marks["syndicated_of"] for aid, marks in article_marks(articles).items()}
        self.app.call_from_thread(self.query_one(ArticleList).set_copies, copies)

    def jump_to_article(self, article_id: str) -> None:
        articles = self.query_one(ArticleList)
        articles.move_to_key(article_id)
        self.article_selected(RowTable.Selected(articles, article_id))

    @on(Input.Changed, "#search")
    def search_changed(self) -> None:
        """Filter once per burst of keys: keys already queued are typed before the store is asked."""
        if not self.search_pending:
            self.search_pending = True
            self.call_later(self._search_now)

    @on(Input.Submitted, "#search")
    def search_done(self) -> None:
        search = self.query_one("#search", Input)
        search.display = bool(search.value)
        self.query_one(EventList).focus()

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

    def watch_as_of(self) -> None:
        self.refresh_status()
