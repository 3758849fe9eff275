"""A picture of one crossing over time: a band per post coloured by holder, ticks for reports.

Each post gets a band (holder letter + colour; `?` fill where contested; `-` unheld or
unknown; `·` before any report) and below it a row of ticks (▲ capture claimed, ● holds,
✕ attack, ▽ withdrawal, + reinforced, C closed, O reopened). Under the bands, an axis
with the dates where something changed, and a legend. Time is drawn on a compressed
scale: each change day gets room, and longer gaps get more room (logarithmically), so
three days in June 2014 and eleven quiet months both stay readable; the axis gives dates.

Left/right (or a click) select a stretch, up/down the post; the widget posts
`TimelineView.StretchSelected` with the segment so the screen can list its events.
"""
from __future__ import annotations

from rich.style import Style
from rich.text import Text
from textual.binding import Binding
from textual.events import Click
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget

from store.day_math import shift
from store.names import faction_name, names_over, post_label
from store.sanitize import safe_line
from store.status_timeline import CrossingTimeline, Segment

from .timeline_scale import Scale
from .timeline_marks import CONTESTED_FILL, NO_REPORTS, NOBODY, TICKS, holder_mark, tick_rank

LABEL_GAP = 2
ROWS_PER_POST = 3  # band, ticks, blank


class TimelineView(Widget, can_focus=True):
    BINDINGS = [
        Binding("left,h", "move(-1)", "Earlier", id="timeline.earlier"),
        Binding("right,l", "move(1)", "Later", id="timeline.later"),
        Binding("up,k", "post(-1)", "Post above", show=False, id="timeline.up"),
        Binding("down,j", "post(1)", "Post below", show=False, id="timeline.down"),
        Binding("home", "first", "First", show=False, id="timeline.first"),
        Binding("end", "last", "Last", show=False, id="timeline.last"),
    ]

    post_index: reactive[int] = reactive(0)
    segment_index: reactive[int] = reactive(0)

    class StretchSelected(Message):
        def __init__(self, view: "TimelineView", segment: Segment) -> None:
            super().__init__()
            self.view = view
            self.segment = segment

    def __init__(self, timeline: CrossingTimeline | None = None, **kwargs) -> None:
        super().__init__(**kwargs)
        self.timeline = timeline
        self._columns: dict[int, list[int]] = {}  # post index -> segment index per column

    # -- state ---------------------------------------------------------------------------
    def set_timeline(self, timeline: CrossingTimeline | None) -> None:
        self.timeline = timeline
        self.post_index = 0
        self.segment_index = len(self.segments()) - 1 if timeline else 0
        self.refresh(layout=True)
        self._announce()

    def segments(self, post_index: int | None = None) -> list[Segment]:
        if not self.timeline or not self.timeline.posts:
            return []
        side = self.timeline.posts[self.post_index if post_index is None else post_index]
        return self.timeline.segments.get(side, [])

    @property
    def selected(self) -> Segment | None:
        segments = self.segments()
        return segments[self.segment_index] if 0 <= self.segment_index < len(segments) else None

    def _announce(self) -> None:
        if self.selected is not None:
            self.post_message(self.StretchSelected(self, self.selected))

    def watch_segment_index(self) -> None:
        self._announce()

    def watch_post_index(self) -> None:
        self._announce()

    def action_move(self, step: int) -> None:
        n = len(self.segments())
        if n:
            self.segment_index = max(0, min(n - 1, self.segment_index + step))

    def action_first(self) -> None:
        self.segment_index = 0

    def action_last(self) -> None:
        self.segment_index = max(0, len(self.segments()) - 1)

    def action_post(self, step: int) -> None:
        if not self.timeline or not self.timeline.posts:
            return
        current = self.selected
        index = max(0, min(len(self.timeline.posts) - 1, self.post_index + step))
        if index == self.post_index:
            return
        segments = self.segments(index)
        # keep the selection at the same time on the other post
        day = current.start if current else self.timeline.first
        match = next((i for i, s in enumerate(segments) if s.start <= day < s.end), len(segments) - 1)
        self.set_reactive(TimelineView.segment_index, max(0, match))
        self.post_index = index

    def on_click(self, event: Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None or not self.timeline:
            return
        post, row = divmod(offset.y, ROWS_PER_POST)
        column = offset.x - self._label_width()
        if post < len(self.timeline.posts) and row == 0 and column >= 0:
            per_column = self._columns.get(post, [])
            if column < len(per_column) and per_column[column] >= 0:
                self.set_reactive(TimelineView.post_index, post)
                self.set_reactive(TimelineView.segment_index, per_column[column])
                self.refresh()
                self._announce()

    # -- drawing -------------------------------------------------------------------------
    def _label_width(self) -> int:
        if not self.timeline:
            return 0
        labels = [self._post_label(side) for side in self.timeline.posts]
        return max(len(label) for label in labels) + LABEL_GAP

    def _post_label(self, side: str | None) -> str:
        return safe_line(post_label(self.timeline.crossing, side))

    def get_content_height(self, container, viewport, width: int) -> int:
        if not self.timeline:
            return 1
        return len(self.timeline.posts) * ROWS_PER_POST + 2 + len(self._legend(width))

    def render(self) -> Text:
        if not self.timeline:
            return Text("No report names this crossing.", style="italic")
        width = max(20, self.size.width - self._label_width())
        scale = Scale(self.timeline.days + [shift(self.timeline.last, 1)], width)  # 9999-12-31: no OverflowError
        out = Text(no_wrap=True, overflow="crop")
        for index, side in enumerate(self.timeline.posts):
            out.append(self._post_label(side).ljust(self._label_width()), style="bold")
            out.append_text(self._band(index, side, scale))
            out.append("\n" + " " * self._label_width())
            out.append_text(self._ticks(side, scale))
            out.append("\n\n")
        out.append_text(self._axis(scale))
        for line in self._legend(self.size.width):
            out.append("\n")
            out.append_text(line)
        return out

    def _band(self, post_index: int, side, scale: Scale) -> Text:
        cells: list[tuple[str, Style]] = [(" ", Style())] * scale.width
        owner = [-1] * scale.width
        segments = self.timeline.segments.get(side, [])
        for i, seg in enumerate(segments):
            start = scale.col(seg.start)
            stop = max(start + 1, scale.col(seg.end) if seg.end <= self.timeline.last else scale.width)
            if i + 1 == len(segments):
                stop = scale.width
            selected = post_index == self.post_index and i == self.segment_index
            for column in range(start, min(stop, scale.width)):
                owner[column] = i
                cells[column] = self._cell(seg, column - start, selected)
        self._columns[post_index] = owner
        band = Text()
        for char, style in cells:
            band.append(char, style)
        return band

    def _cell(self, seg: Segment, offset: int, selected: bool) -> tuple[str, Style]:
        if seg.assumed and seg.holder:  # the post's own state's by default: its letter in lower case, no colour
            char, colour = (holder_mark(seg.holder)[0].lower() if offset % 8 == 0 else NO_REPORTS[0]), None
        elif not seg.reported:
            char, colour = NO_REPORTS[0], None
        elif seg.holder is None:
            char, colour = NOBODY[0], NOBODY[1]
        else:
            letter, colour = holder_mark(seg.holder)
            char = letter if offset % 8 == 0 else (CONTESTED_FILL if seg.contested and offset % 2 else " ")
        if seg.reported and seg.contested and seg.holder is None:
            char = CONTESTED_FILL if offset % 2 else char
        style = Style(bgcolor=colour, color="white", bold=True) if colour else Style(dim=True)
        if selected:
            style += Style(reverse=True, underline=True)
        return char, style

    def _ticks(self, side, scale: Scale) -> Text:
        row: list[str | None] = [None] * scale.width
        for tick in self.timeline.ticks.get(side, []):
            column = scale.col(tick.day)
            if tick.type in TICKS and (row[column] is None or tick_rank(tick.type) < tick_rank(row[column])):
                row[column] = tick.type
        text = Text()
        for kind in row:
            text.append(TICKS[kind][0] if kind else " ", style="bold" if kind == "attacked" else "")
        return text

    def _axis(self, scale: Scale) -> Text:
        line = [" "] * scale.width
        marks = [" "] * scale.width
        taken = -1
        for day in scale.days[:-1]:  # the last breakpoint is the day after the last
            column = scale.col(day)
            marks[column] = "┴"
            label = day.isoformat()
            start = min(column, scale.width - len(label))
            if start > taken:
                line[start : start + len(label)] = label
                taken = start + len(label)
        pad = " " * self._label_width()
        return Text(pad + "".join(marks) + "\n" + pad + "".join(line), style="dim")

    def _legend(self, width: int) -> list[Text]:
        if not self.timeline:
            return []
        held = [s for segs in self.timeline.segments.values() for s in segs if s.holder and not s.assumed]
        items: list[Text] = []
        for faction in sorted({s.holder for s in held}):
            letter, colour = holder_mark(faction)
            first = min(s.start for s in held if s.holder == faction).isoformat()
            last = max(s.last for s in held if s.holder == faction).isoformat()
            names = " → ".join(names_over(faction, first, last))  # "YPG → SDF" across the renaming
            items.append(Text.assemble((f" {safe_line(letter)} ", Style(bgcolor=colour, color="white", bold=True)),
                                       f" {safe_line(names)}"))
        items.append(Text.assemble((f" {NOBODY[0]} ", Style(bgcolor=NOBODY[1], color="white")), f" {NOBODY[2]}"))
        items.append(Text.assemble((f" {NO_REPORTS[0]} ", Style(dim=True)), f" {NO_REPORTS[2]}"))
        for faction in sorted({s.holder for segs in self.timeline.segments.values() for s in segs if s.assumed and s.holder}):
            letter = safe_line(holder_mark(faction)[0].lower())
            items.append(Text.assemble((f" {letter} ", Style(dim=True)),
                                       f" {safe_line(faction_name(faction))}, assumed: its own post, no report names a holder"))
        items.append(Text(f" {CONTESTED_FILL}  contested (reports disagree)"))
        kinds = {t.type for ticks in self.timeline.ticks.values() for t in ticks}
        items += [Text(f" {glyph}  {label}") for kind, (glyph, label) in TICKS.items() if kind in kinds]
        lines, current = [], Text("Legend:")
        for item in items:
            if current.cell_len + 2 + item.cell_len > max(width, 40):
                lines.append(current)
                current = Text("       ")
            current.append("  ")
            current.append_text(item)
        lines.append(current)
        return lines
