"""The main screen: articles, events, article text and crossing status, linked.

Moving in the event list lights the event's sentence; Enter on an article lists
its events; Enter on a status row filters to that post. Filters combine and
keep the cursor on the same event while it is still shown; Esc goes back one
filter step.

Laid out for the terminal's size (tui/screens/sizes.py): below 120 columns the panes stack
in one column, the focused one large, the article a preview of the lit sentence under a
list, the others one title line each (Tab brings one up); below 30 rows the articles and
status panes fold to their title line until focused. `z` maximises the focused pane.
"""
from __future__ import annotations

from dataclasses import replace

from textual import events as ui_events
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
from tui.screens.sizes import SizeClasses
from tui.screens.status_feed import StatusFeed
from tui.widgets.article_view import ArticleView
from tui.widgets.chips import FilterChips
from tui.widgets.key_bar import KeyBar
from store.names import evidence_line
from tui.toasts import say
from tui.widgets.lists import ArticleList, EventList, StatusTable
from tui.widgets.row_table import RowTable

COPIES_MAX_ARTICLES = 2000  # comparing every pair of texts costs minutes beyond this
PANES = ("articles", "events-pane", "article", "status")


def pane_roles(narrow: bool, short: bool, at: str) -> dict[str, str]:
    """Each pane's part in the layout, as a class the stylesheet sizes: "" (the wide layout),
    "-large", "-preview" (the article under a list: the lit sentence), "-half" or "-collapsed"
    (its title line only). `at`: the pane holding the focus."""
    if narrow:
        roles = dict.fromkeys(PANES, "-collapsed")
        roles[at] = "-large"
        if at in ("articles", "events-pane"):
            roles["article"] = "-preview"
        return roles
    roles = dict.fromkeys(PANES, "")
    if short:
        roles["articles"] = roles["status"] = "-collapsed"
        if at in ("articles", "status"):
            roles[at] = "-half"
    return roles


class EventsPane(Vertical):
    """The event list with its filter chips and search box: maximised (`z`) as one."""

    ALLOW_MAXIMIZE = True

    def on_resize(self) -> None:
        if hasattr(self.screen, "update_events_title"):
            self.screen.update_events_title()  # the filters fit in the title, or go to the chips line


_FIELD_WORDS = {"title": "title", "source": "outlet", "published": "date"}


def text_subtitle(article: dict | None, problem: str | None) -> str:
    """The article pane's standing line: a problem with its text, else which of its title, outlet
    and date were read from the text itself (a file without front matter)."""
    if problem:
        return "text unreadable" if not article["text"] else "events not lit: they are off this text"
    inferred = [_FIELD_WORDS[f] for f in (article or {}).get("inferred") or () if f in _FIELD_WORDS]
    return f"{', '.join(inferred)} read from the text (no front matter)" if inferred else ""


class MainScreen(Filtering, StatusPane, AnalystActions, Rereading, SizeClasses, Screen):
    BINDINGS = [key.binding() for key in MAIN_KEYS]
    COMMANDS = Screen.COMMANDS | PALETTE_PROVIDERS
    AUTO_FOCUS = "#events"
    ALLOW_IN_MAXIMIZED_VIEW = "Header, KeyBar"

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
        self.text_problems_said: set[tuple[str, str]] = set()  # (article, problem) notified once each
        self.at_pane = "events-pane"  # the pane holding the focus (kept while a dialog is over the screen)

    @property
    def events(self) -> dict[str, dict]:
        return self.app.events

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="panes"):
            with Vertical(id="left"):
                yield ArticleList(id="articles", classes="pane")
                with EventsPane(id="events-pane", classes="pane"):
                    yield FilterChips(id="filter-chips")
                    yield EventList(id="events")
                    yield Input(id="search", placeholder="search sentences and notes · enter: keep · esc: clear")
            with Vertical(id="right"):
                yield ArticleView(id="article", classes="pane")
                yield StatusTable(id="status", classes="pane")
        yield KeyBar()

    def on_mount(self) -> None:
        search = self.query_one("#search", Input)
        search.display = False
        search.can_focus = False  # only `/` (or a click) brings the focus to it: Tab and single keys stay with the panes
        self.query_one(FilterChips).display = False
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
            self.app.say_read_only()
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
        from store.db import StoreError

        try:
            copies = {aid: marks["syndicated_of"] for aid, marks in article_marks(articles).items()}
        except StoreError as err:  # a texts shard that does not read: one line, the rest of the browser works
            self.app.call_from_thread(self.notify, safe_line(f"Copies not marked: {err}"), title="Article texts",
                                      severity="error", timeout=15, markup=False)
            return
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
        """Enter keeps the search and hands the keys back to the event list (the box stays on show, out of Tab's way)."""
        search = self.query_one("#search", Input)
        search.display = bool(search.value)
        self.query_one(EventList).focus()
        search.can_focus = False

    @on(ui_events.Click, "#search")
    def search_clicked(self) -> None:
        if self.focused is not self.query_one("#search", Input):
            self.action_filter_text()

    # -- layout for the terminal's size ----------------------------------------------

    def on_descendant_focus(self, event: ui_events.DescendantFocus) -> None:
        node = event.widget
        while node is not None and node is not self and node.id not in PANES:
            node = node.parent
        if node is not None and node is not self and node.id != self.at_pane:
            self.at_pane = node.id
            self.lay_out()

    def size_changed(self) -> None:
        self.lay_out()

    def lay_out(self) -> None:
        """Give each pane its part for this size and focus (classes the stylesheet sizes)."""
        roles = pane_roles(self.narrow, self.short, self.at_pane)
        for pane_id, role in roles.items():
            pane = self.query_one(f"#{pane_id}")
            for name in ("-large", "-preview", "-half", "-collapsed"):
                pane.set_class(name == role, name)
        left = self.at_pane in ("articles", "events-pane")
        self.query_one("#left").set_class(left, "-holds-large")
        self.query_one("#right").set_class(not left, "-holds-large")
        if self.at_pane == "article" or roles.get("article") == "-preview":
            self.call_after_refresh(self.query_one(ArticleView).scroll_to_lit)  # the lit sentence in view at its new height

    def action_toggle_maximize(self) -> None:
        """`z`: the focused pane fills the screen; again (or Esc) brings the others back."""
        if self.maximized is not None:
            self.minimize()
        elif self.focused is not None:
            self.maximize(self.focused)
            self.call_after_refresh(self.query_one(ArticleView).scroll_to_lit)

    # -- links between panes -------------------------------------------------------

    @on(RowTable.Highlighted, "#events")
    def event_highlighted(self, message: RowTable.Highlighted) -> None:
        self.lit_id = message.key
        if message.key is None:  # nothing shown: no sentence stays lit for an event the list no longer has
            self.clear_article("no event shown")
            return
        self.show_lit()

    def clear_article(self, why: str) -> None:
        view = self.query_one(ArticleView)
        view.show(None)
        view.border_title = "Article"
        view.border_subtitle = why

    def show_lit(self) -> None:
        event = self.events.get(self.lit_id) if self.lit_id else None
        if event is None:
            return
        article = self.app.articles.get(event.get("article_id"))
        self.show_article(article, lit=event)

    def show_article(self, article: dict | None, lit: dict | None = None) -> None:
        view = self.query_one(ArticleView)
        siblings = self.app.store.events(EventFilter(article_id=article["id"])) if article else []
        problem = None
        if article:
            text, problem = self.app.store.checked_text(article["id"])
            article = {**article, "text": text}  # read here: a shard that does not read is a line, not a crash
            if problem:  # never light a sentence on a text its events do not fit
                siblings, lit = [], None
                self._say_text_problem(article["id"], problem)
        view.show(article, siblings, lit)
        view.border_subtitle = text_subtitle(article, problem)
        if article:
            heading = " · ".join(x for x in (article.get("title"), article.get("source"), article.get("published")) if x)
            view.border_title = Content(safe_line(heading)[:100])

    def _say_text_problem(self, article_id: str, problem: str) -> None:
        """Once per article and problem: the pane's subtitle keeps saying it while the article is shown."""
        if (article_id, problem) not in self.text_problems_said:
            self.text_problems_said.add((article_id, problem))
            self.notify(safe_line(problem), title="Article text", severity="error", timeout=15, markup=False)

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
        """The events the row's holder rests on (those that named no side too), and what its `since` rests on."""
        crossing, side = message.key
        table = self.query_one(StatusTable)
        post = table.posts.get(message.key) or {}
        evidence = frozenset([*post.get("events", ()), *post.get("disputed_by", ()), *post.get("open_events", ())])
        if evidence:
            self.apply_filter(replace(self.flt, crossings=frozenset([crossing]), sides=frozenset(), event_ids=evidence,
                                      evidence_of=(crossing, side)))
        else:
            sides = frozenset([side]) if side else frozenset()
            self.apply_filter(replace(self.flt, crossings=frozenset([crossing]), sides=sides, event_ids=frozenset(), evidence_of=()))
        say(self.app, "evidence", evidence_line(post, len(evidence), on=table.day))
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

    def action_map(self) -> None:
        from tui.screens.map import open_map  # the map screen: every crossing on the borders, by holder

        open_map(self)
