"""The map: every crossing on the outlines of Iraq, Syria and their neighbours, by holder, as of a date.

    open_map(main_screen)                      # key `m` on the main screen
    MapScreen(store, source=None, crossing=None)

The status is the main screen's: the map shows the posts its status pane shows, and `[` / `]`
step the main screen's as-of date through the same change days (so the status pane follows,
and the main screen shows that date when the map closes). Nothing is computed twice: the map
waits for the status pane's answer (`MainStatus`). Only a map with no main screen under it
asks a status feed of its own (`OwnStatus`). Enter closes the map with the selected crossing,
which `open_map` applies as the main screen's crossing filter (as the crossing picker does);
Escape closes it with nothing.

The side panel names the selected crossing's posts and their holders as named on the status
date, and the legend gives each holder's letter and colour with its name that day.
"""
from __future__ import annotations

from dataclasses import replace
from typing import Mapping, Sequence

from rich.console import Group
from rich.style import Style
from rich.table import Table
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Static

from store.geo import Projection
from store.map_picture import map_data, reading_order
from store.names import crossing_name, faction_name, holder_text, post_label
from store.sanitize import safe_line
from tui.screens.map_view import NEUTRAL_STYLE, SELECT_MARK, SELECT_STYLE, MapView, post_mark
from tui.screens.status_feed import StatusFeed, step_as_of
from tui.widgets.key_bar import KeyBar
from tui.widgets.timeline_marks import CONTESTED_FILL, NO_REPORTS, NOBODY, holder_mark

POLL_SECONDS = 0.05  # how often the map looks for a new status answer
SIDE_MIN, SIDE_MAX = 26, 46  # the side panel's width
MAP_MIN_WIDTH = 40  # narrower than this beside the panel: the panel goes below the map
STACKED_SIDE_HEIGHT = 9
SHORT_NAMES_BELOW = 34  # a side panel narrower than this names factions by their short names


class MainStatus:
    """The main screen's status pane as the map's source: its date, its posts, its change days."""

    def __init__(self, main) -> None:
        self.main = main

    @property
    def days(self) -> list[str]:
        return list(self.main.feed.days)

    @property
    def current(self) -> str | None:
        """The date asked last (shown, or on its way)."""
        return self.main.as_of

    @property
    def version(self) -> int:
        return self.main.status_shown

    @property
    def ready(self) -> bool:
        return self.main.status_shown > 0 and not self.main.status_pending

    def answer(self) -> tuple[str | None, list[Mapping]]:
        from tui.widgets.lists import StatusTable

        table = self.main.query_one(StatusTable)
        return table.day, list(table.posts.values())

    def ask(self, day: str) -> None:
        self.main.as_of = day  # the main screen asks its feed; its status pane follows

    def close(self) -> None:
        pass


class OwnStatus:
    """A status feed of the map's own, for a map with no main screen under it."""

    def __init__(self, store) -> None:
        self.asked = 0
        self.wanted: str | None = None
        self.latest: tuple[int, str | None, list, Exception | None] | None = None
        self.feed = StatusFeed(store, self._deliver)
        self.ask(None)

    def _deliver(self, asked: int, day: str | None, posts: list, error: Exception | None) -> None:
        self.latest = (asked, day, posts, error)  # one assignment: read whole by the UI thread

    @property
    def days(self) -> list[str]:
        return list(self.feed.days)

    @property
    def current(self) -> str | None:
        return self.wanted or (self.latest[1] if self.latest else None)

    @property
    def version(self) -> int:
        return self.latest[0] if self.latest else 0

    @property
    def ready(self) -> bool:
        return self.latest is not None and self.latest[0] == self.asked

    def answer(self) -> tuple[str | None, list[Mapping]]:
        _, day, posts, _ = self.latest
        return day, posts

    def ask(self, day: str | None) -> None:
        self.asked += 1
        self.wanted = day
        self.feed.ask(self.asked, day)

    def close(self) -> None:
        self.feed.close()


def holders_shown(posts: Sequence[Mapping]) -> tuple[list[str], list[str]]:
    """The factions holding a post (allies included), and those shown as assumed, in letter order."""
    held, assumed = set(), set()
    for post in posts:
        names = post.get("holders") or ([post["holder"]] if post.get("holder") else [])
        (assumed if post.get("assumed") else held).update(h for h in names if h)
    order = lambda f: (holder_mark(f)[0], f)  # noqa: E731
    return sorted(held, key=order), sorted(assumed - held, key=order)


def _rows(title: str, rows: Sequence[tuple[Text, Text]]) -> Group:
    """A bold title over a two-column grid: a mark, then text that wraps under itself."""
    grid = Table.grid(padding=(0, 1))
    grid.add_column(no_wrap=True)
    grid.add_column(ratio=1)
    for mark, text in rows:
        grid.add_row(mark, text)
    return Group(Text(title, style="bold"), grid)


def legend(posts: Sequence[Mapping], day: str | None, short: bool = False) -> Group:
    """Each holder's letter on its colour with its name as of `day` (`short`: the short name); then the other marks."""
    held, assumed = holders_shown(posts)
    rows = []
    for faction in held:
        letter, colour = holder_mark(faction)
        rows.append((Text(f" {safe_line(letter)[:1]} ", Style(bgcolor=colour, color="white", bold=True)),
                     Text(safe_line(faction_name(faction, day, short)))))
    for faction in assumed:
        rows.append((Text(f" {safe_line(holder_mark(faction)[0].lower())[:1]} ", NEUTRAL_STYLE),
                     Text(safe_line(faction_name(faction, day, short)) + ", assumed")))
    rows += [
        (Text(f" {NOBODY[0]} ", Style(bgcolor=NOBODY[1], color="white")), Text(NOBODY[2])),
        (Text(f" {NO_REPORTS[0]} ", NEUTRAL_STYLE), Text("no report names the post")),
        (Text(f" {CONTESTED_FILL} ", Style(bold=True)), Text("contested: reports disagree")),
        (Text(" x ", NEUTRAL_STYLE), Text("lower case: assumed, the post's own state's (no report names a holder)")),
        (Text(f" {SELECT_MARK} ", SELECT_STYLE), Text("selected; a letter per post, in the order of the crossing's name")),
    ]
    return _rows("Legend", rows)


def describe(crossing: str | None, sides: Sequence[str], posts: Mapping, day: str | None,
             short: bool = False) -> Group | Text:
    """The selected crossing: each post with its letter, holder as named on `day`, since when, how sure."""
    if crossing is None:
        return Text("No crossing selected.", style="italic")
    rows = []
    for side in sides:
        post = posts.get((crossing, side))
        letter, style = post_mark(post)
        text = Text(safe_line(post_label(crossing, side)), style="bold")
        if post is None:
            text.append("\nno report names it", style="italic")
        else:
            holder = holder_text(post, on=day, short=short) if post.get("holder") or post.get("holders") else None
            text.append("\n" + safe_line(holder or "nobody / holder not known"))
            facts = []
            if post.get("since"):
                facts.append(f"since {post['since']}")
            if post.get("contested"):
                facts.append("⚠ contested")
            gate = {True: "open", False: "shut", "open": "open", "closed": "shut"}.get(post.get("open"))
            if gate:
                facts.append(gate)
            if post.get("sources"):
                facts.append(f"{post['sources']} source(s)")
            if facts:
                text.append("\n" + " · ".join(facts), style=Style(dim=True))
        rows.append((Text(f" {letter} ", style), text))
    rows.append((Text(""), Text.assemble(("Enter", "bold"), (": its events", Style(dim=True)))))
    return _rows(safe_line(crossing_name(crossing)), rows)


class MapScreen(Screen):
    CSS_PATH = "../styles/map.tcss"
    BINDINGS = [
        Binding("escape", "close", "Back", id="map.back"),
        Binding("enter", "open", "Open crossing", id="map.open"),
        Binding("left_square_bracket", "as_of(-1)", "As-of ◀", id="map.asof.previous"),
        Binding("right_square_bracket", "as_of(1)", "As-of ▶", id="map.asof.next"),
        Binding("pageup", "scroll_side(-1)", "Legend up", show=False, id="map.side.up"),
        Binding("pagedown", "scroll_side(1)", "Legend down", show=False, id="map.side.down"),
    ]

    def __init__(self, store, source: MainStatus | OwnStatus | None = None, crossing: str | None = None) -> None:
        """`source`: where the status comes from (the main screen's: `MainStatus`); None: a feed of its own."""
        super().__init__()
        self.store = store
        self.source = source
        self.own_source = source is None
        self.first = crossing
        self.shown_version = -1
        self.day: str | None = None
        self.posts: list[Mapping] = []
        self.short = False  # short names in a narrow side panel

    def compose(self) -> ComposeResult:
        with Horizontal(id="map-body"):
            yield MapView(id="map-view")
            with VerticalScroll(id="map-side") as side:
                side.can_focus = False
                yield Static(id="map-date")
                yield Static(id="map-selected")
                yield Static(id="map-legend")
        yield KeyBar()

    def on_mount(self) -> None:
        if self.source is None:
            self.source = OwnStatus(self.store)
        view = self.query_one(MapView)
        view.border_title = "Crossings · computing the status …"
        view.border_subtitle = "←↑↓→ Tab: select"
        view.focus()
        self.query_one("#map-date", Static).update(Text("Loading…", style="italic"))
        self.set_interval(POLL_SECONDS, self.poll)
        self.poll()

    def on_unmount(self) -> None:
        if self.own_source and self.source is not None:
            self.source.close()

    # -- the status ----------------------------------------------------------------------------
    @property
    def status_pending(self) -> bool:
        """Still waiting for an answer, or it came and is not drawn yet, or no crossing is selected yet
        (`App.settled` waits on it)."""
        if self.source is None or not self.source.ready or self.source.version != self.shown_version:
            return True
        view = self.query_one(MapView)
        return view.selected is None and view.size.width > 1 and bool(view.picture.markers)

    def poll(self) -> None:
        """Draw a new answer of the status source, if one came; select a first crossing once there is a map."""
        if self.source is None or not self.source.ready:
            return
        view = self.query_one(MapView)
        if self.source.version != self.shown_version:
            self.shown_version = self.source.version
            self.day, posts = self.source.answer()
            self.posts = list(posts)
            view.set_status(self.day, self.posts)
            view.border_title = safe_line(f"Crossings · status as of {self.day or '—'}")
            self.query_one("#map-date", Static).update(self.date_line())
            self.query_one("#map-legend", Static).update(legend(self.posts, self.day, self.short))
            if view.selected is not None:
                self.show_selected(view.selected)
        if view.selected is None and view.size.width > 1:
            view.select(self.first if self.first in view.picture.markers else self.starting_crossing(view))

    def starting_crossing(self, view: MapView) -> str | None:
        """The first crossing (reading order) whose posts a report names, else the first."""
        order = reading_order(view.picture.markers)
        named = {p.get("crossing") for p in self.posts if not p.get("assumed")}
        return next((c for c in order if c in named), order[0] if order else None)

    def date_line(self) -> Text:
        return Text.assemble(("As of ", "bold"), (safe_line(self.day or "—"), "bold"))

    def action_as_of(self, step: int) -> None:
        if self.source is None:
            return
        days = self.source.days
        if not days:
            self.notify("The status is still being computed.", timeout=2)
            return
        day = step_as_of(days, self.source.current, step)
        if day is None:
            self.notify("No earlier change." if step < 0 else "No later change.", timeout=2)
            return
        self.source.ask(day)
        self.query_one("#map-date", Static).update(Text.assemble(("As of ", "bold"), (day, "bold"), ("  computing …", "italic")))

    # -- selection ------------------------------------------------------------------------------
    @on(MapView.Selected)
    def selected(self, message: MapView.Selected) -> None:
        self.show_selected(message.crossing)

    def show_selected(self, crossing: str | None) -> None:
        view = self.query_one(MapView)
        sides = next((p.sides for p in view.places if p.crossing == crossing), ())
        self.query_one("#map-selected", Static).update(describe(crossing, sides, view.posts, self.day, self.short))

    def action_scroll_side(self, step: int) -> None:
        side = self.query_one("#map-side")
        side.scroll_page_down() if step > 0 else side.scroll_page_up()

    def action_open(self) -> None:
        crossing = self.query_one(MapView).selected
        if crossing is None:
            self.notify("Select a crossing first.", severity="warning", timeout=2)
            return
        self.dismiss(crossing)

    def action_close(self) -> None:
        self.dismiss(None)

    # -- layout ---------------------------------------------------------------------------------
    def on_resize(self) -> None:
        self.lay_out(self.size.width, self.size.height)

    def lay_out(self, width: int, height: int) -> None:
        """The panel beside the map, as wide as the map leaves; below it when the map would get too narrow."""
        view = map_data().view
        body = max(3, height - 1)  # the key bar
        fitted = Projection.fit(view, 10_000, body - 2)  # the map's width for this height (inside its border)
        wanted = round((view.east - view.west) * fitted.shrink * fitted.scale) + 2
        side = max(SIDE_MIN, min(SIDE_MAX, width - wanted))
        stacked = width - side < MAP_MIN_WIDTH and height >= 2 * STACKED_SIDE_HEIGHT
        self.set_class(stacked, "-stacked")
        panel = self.query_one("#map-side")
        if stacked:
            panel.styles.width = "100%"
            panel.styles.height = STACKED_SIDE_HEIGHT
        else:
            panel.styles.width = side
            panel.styles.height = "100%"
        short = not stacked and side < SHORT_NAMES_BELOW
        if short != self.short:
            self.short = short
            if self.shown_version >= 0:
                self.query_one("#map-legend", Static).update(legend(self.posts, self.day, self.short))
                self.show_selected(self.query_one(MapView).selected)


def open_map(main) -> None:
    """Open the map over the main screen; Enter there filters the main screen to the chosen crossing."""
    from tui.widgets.lists import EventList, StatusTable

    start = None
    status = main.query_one(StatusTable)
    if status.has_focus and status.cursor_key:
        start = status.cursor_key[0]
    elif (key := main.query_one(EventList).cursor_key) is not None and key in main.events:
        start = main.events[key].get("crossing")

    def chosen(crossing: str | None) -> None:
        if crossing:
            main.apply_filter(replace(main.flt, crossings=frozenset([crossing]), sides=frozenset()))
            main.query_one(EventList).focus()

    main.app.push_screen(MapScreen(main.app.store, MainStatus(main), crossing=start), chosen)
