"""The timeline of one crossing: who held each post when, and the reports behind each stretch.

    TimelineScreen(store, crossing_id)

Opened from the main screen (key `l`). The crossing's history comes from the status
engine the main screen already keeps (its `StatusFeed`: a thread, or from 20,000 events a
child process), so the timeline's sources are the status pane's and nothing is built
twice; only without a main screen is an engine built over the whole store. It is asked
in a worker ("Loading…" until it comes: the first status may still be computing), then
drawn by `TimelineView`; the table under it lists the events behind the selected
stretch. Escape goes back.
"""
from __future__ import annotations

from rich.text import Text
from textual import on, work
from textual.worker import get_current_worker
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Static

from store.names import crossing_name, faction_name, names_over, post_label
from store.sanitize import safe_line
from store.status import engine_for
from store.status_timeline import CrossingTimeline, Segment, crossing_timeline
from tui.screens.sizes import SizeClasses
from tui.screens.status_feed import StatusFeed
from tui.widgets.timeline import TimelineView

EVENT_COLUMNS = ("day", "type", "actor", "post", "outlet", "said by", "sentence")
NARROW = {"actor": 20, "post": 22, "outlet": 26, "said by": 26}  # long attributions would push the sentence off screen


def _fit(text: str, width: int | None) -> str:
    return text if width is None or len(text) <= width else text[: width - 1] + "…"


def load_timeline(store, crossing: str) -> CrossingTimeline | None:
    """The crossing's timeline from an engine over the whole store (all articles: the sources the status pane counts).

    Only when no status feed is at hand: it builds the whole engine (seconds at 100,000 events).
    """
    return crossing_timeline(engine_for(store), crossing)


def feed_of(app, store) -> StatusFeed | None:
    """The status feed a screen of the app keeps for this store (the main screen's), if any."""
    for screen in reversed(app.screen_stack):
        feed = getattr(screen, "feed", None)
        if isinstance(feed, StatusFeed) and feed.store is store:
            return feed
    return None


def describe(crossing: str, segment: Segment) -> Text:
    """The selected stretch in words: the post by name, its days, its holder as named then
    ("People's Protection Units (YPG), then Syrian Democratic Forces" across the renaming)."""
    where = safe_line(post_label(crossing, segment.side))
    span = f"{segment.start.isoformat()} → {segment.last.isoformat()}"
    if segment.assumed and segment.holder:
        what = f"{safe_line(faction_name(segment.holder))} (assumed: the post's own state's; no report names a holder)"
    elif not segment.reported:
        what = "no reports yet"
    elif segment.holder is None:
        what = "nobody / holder unknown"
    else:
        names = names_over(segment.holder, segment.start.isoformat(), segment.last.isoformat())
        what = f"held by {safe_line(', then '.join(names))}"
    text = Text.assemble((where, "bold"), f"  {span}  ", (what, "bold"))
    if segment.contested:
        text.append("  CONTESTED: reports disagree", style="bold reverse")
    if segment.open != "unknown":
        text.append(f"  · {segment.open}")
    if segment.reported:
        text.append(f"  · {segment.sources} source(s), {segment.incidents} incident(s)")
    text.append(f"  · {len(segment.events)} report(s) behind it")
    return text


class TimelineScreen(SizeClasses, Screen):
    CSS_PATH = "../styles/timeline.tcss"
    BINDINGS = [
        Binding("escape", "app.pop_screen", "Back", id="timeline.back"),
        Binding("tab", "focus_next", "Switch pane", show=False, id="timeline.focus"),
        Binding("z", "toggle_maximize", "Maximise", show=False, id="timeline.maximize"),
    ]

    def __init__(self, store, crossing_id: str, feed: StatusFeed | None = None) -> None:
        """`feed`: the status pane's, so the timeline counts sources as the pane does (else one is looked for)."""
        super().__init__()
        self.store = store
        self.crossing = crossing_id
        self.feed = feed
        self.timeline: CrossingTimeline | None = None

    def compose(self) -> ComposeResult:
        title = safe_line(f"Timeline · {crossing_name(self.crossing)}")
        yield Static(Text(title, style="bold"), id="timeline-title")
        yield TimelineView(id="timeline-view")
        yield Static(Text("Loading…", style="italic"), id="timeline-stretch")
        table = DataTable(id="timeline-events", cursor_type="row", zebra_stripes=True)
        table.add_columns(*EVENT_COLUMNS)
        yield table
        yield Footer()

    def on_mount(self) -> None:
        self.query_one(TimelineView).focus()
        self.load(self.feed or feed_of(self.app, self.store))

    @work(thread=True, exclusive=True, group="timeline")
    def load(self, feed: StatusFeed | None) -> None:
        worker = get_current_worker()
        try:
            if feed is None:
                timeline = load_timeline(self.store, self.crossing)
            else:
                asked = feed.timeline(self.crossing)
                while True:  # the feed may still be computing the first status: wait, unless the screen went
                    try:
                        timeline = asked.result(timeout=0.2)
                        break
                    except TimeoutError:
                        if worker.is_cancelled:
                            asked.cancel()
                            return
        except Exception as err:  # a broken store or a bug must not take the browser down
            self.app.call_from_thread(self.show_error, f"{type(err).__name__}: {err}")
            return
        if not worker.is_cancelled:
            self.app.call_from_thread(self.show, timeline)

    def show(self, timeline: CrossingTimeline | None) -> None:
        self.timeline = timeline
        view = self.query_one(TimelineView)
        view.border_title = "holder over time · ←/→ stretch · ↑/↓ post · click a stretch"
        view.set_timeline(timeline)
        if timeline is None:
            self.query_one("#timeline-stretch", Static).update(Text("No report names this crossing."))

    def show_error(self, message: str) -> None:
        self.query_one("#timeline-stretch", Static).update(Text(f"Could not draw the timeline: {safe_line(message)}", style="bold"))

    def action_toggle_maximize(self) -> None:
        """`z`: the picture or the table of events fills the screen; again (or Esc) brings the other back."""
        if self.maximized is not None:
            self.minimize()
        elif self.focused is not None:
            self.maximize(self.focused)

    @on(TimelineView.StretchSelected)
    def list_events(self, message: TimelineView.StretchSelected) -> None:
        segment = message.segment
        self.query_one("#timeline-stretch", Static).update(describe(self.crossing, segment))
        table = self.query_one("#timeline-events", DataTable)
        table.clear()
        for event_id in segment.events:
            try:
                event = self.store.event(event_id)
            except KeyError:
                continue
            day = event.get("date") or event.get("published")
            cells = (
                event.get("date") or f"({event.get('published') or '?'})",
                event.get("type") or "",
                faction_name(event["actor"], day, short=True) if event.get("actor") else "",
                post_label(event.get("crossing"), event["side"]) if event.get("side") else "(no side given)",
                event.get("outlet") or "",
                event.get("source") or "",
                event.get("sentence") or "",
            )
            widths = [NARROW.get(name) for name in EVENT_COLUMNS]
            table.add_row(*(Text(_fit(safe_line(str(c)), w)) for c, w in zip(cells, widths)), key=event_id)
