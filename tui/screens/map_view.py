"""The map widget: outlines in braille, a marker per crossing lettered and coloured by its posts' holders.

Geometry and layout are `store.map_picture` (pure); this widget only styles and moves a
selection. A marker has one letter per post, in the order of the crossing's name ("Al Waleed
/ Al Tanf": Al Waleed's first): the holder's letter on its colour (`data/faction_marks.json`,
as on the timeline), lower case on grey where the holder is assumed (the post's own
state's: no report names one), `-` nobody or not known, `·` no report names the post. A `?`
after the letters: a post of it is contested. `▸` before the letters marks the selection.

Arrow keys (and h j k l) move to the nearest marker that way, Tab / Shift+Tab in reading
order, a click selects the marker under it; `Selected` is posted each time.
"""
from __future__ import annotations

from typing import Mapping, Sequence

from rich.style import Style
from rich.text import Text
from textual.binding import Binding
from textual.events import Click
from textual.message import Message
from textual.widget import Widget

from store.map_picture import Picture, Place, draw_map, neighbour, places, reading_order
from store.sanitize import safe_line
from tui.widgets.timeline_marks import CONTESTED_FILL, NO_REPORTS, NOBODY, holder_mark

OUTLINE_STYLE = Style(color="#7d8a99")
LABEL_STYLE = Style(color="#8f9aa6", italic=True)
SELECT_MARK = "▸"
SELECT_STYLE = Style(bold=True, color="#ffd75f")
NEUTRAL_STYLE = Style(color="#c8d0d8", bgcolor="#3a4048")  # a post no report gives anyone: no holder's colour


def post_mark(post: Mapping | None) -> tuple[str, Style]:
    """The letter and style of one post: its holder's, lower case when assumed, `-` unheld, `·` unreported."""
    if post is None:
        return NO_REPORTS[0], NEUTRAL_STYLE
    holder = post.get("holder")
    if post.get("assumed") and holder:
        return safe_line(holder_mark(holder)[0].lower())[:1] or "?", NEUTRAL_STYLE
    if not holder:
        return NOBODY[0], Style(bgcolor=NOBODY[1], color="white")
    letter, colour = holder_mark(holder)
    return safe_line(letter)[:1] or "?", Style(bgcolor=colour, color="white", bold=True)


class MapView(Widget, can_focus=True):
    BINDINGS = [
        Binding("left,h", "move('left')", "West", show=False, id="map.west"),
        Binding("right,l", "move('right')", "East", show=False, id="map.east"),
        Binding("up,k", "move('up')", "North", show=False, id="map.north"),
        Binding("down,j", "move('down')", "South", show=False, id="map.south"),
        Binding("tab", "cycle(1)", "Next crossing", show=False, id="map.next"),
        Binding("shift+tab", "cycle(-1)", "Previous crossing", show=False, id="map.previous"),
    ]

    class Selected(Message):
        def __init__(self, view: "MapView", crossing: str | None) -> None:
            super().__init__()
            self.view = view
            self.crossing = crossing

    def __init__(self, where: Sequence[Place] | None = None, **kwargs) -> None:
        super().__init__(**kwargs)
        self.places = tuple(where if where is not None else places())
        self.posts: dict[tuple[str, str | None], Mapping] = {}
        self.day: str | None = None
        self.selected: str | None = None
        self._picture: Picture | None = None
        self._picture_size: tuple[int, int] | None = None

    # -- state -------------------------------------------------------------------------------
    def set_status(self, day: str | None, posts: Sequence[Mapping]) -> None:
        self.day = day
        self.posts = {(p.get("crossing"), p.get("side")): p for p in posts}
        self.refresh()

    def post(self, crossing: str, side: str) -> Mapping | None:
        return self.posts.get((crossing, side))

    def contested(self, place: Place) -> bool:
        return any((self.post(place.crossing, side) or {}).get("contested") for side in place.sides)

    @property
    def picture(self) -> Picture:
        size = (max(1, self.size.width), max(1, self.size.height))
        if self._picture is None or self._picture_size != size:
            widths = {place.crossing: max(1, len(place.sides)) for place in self.places}
            self._picture = draw_map(self.places, widths, *size)
            self._picture_size = size
        return self._picture

    def select(self, crossing: str | None) -> None:
        if crossing is not None and crossing != self.selected:
            self.selected = crossing
            self.refresh()
            self.post_message(self.Selected(self, crossing))

    def on_resize(self) -> None:
        self._picture = None  # drawn again for the new size; the selection stays

    # -- keys and mouse ----------------------------------------------------------------------
    def action_move(self, direction: str) -> None:
        target = neighbour(self.picture.markers, self.selected, direction, self.picture.projection.aspect)
        if target is not None:
            self.select(target)

    def action_cycle(self, step: int) -> None:
        order = reading_order(self.picture.markers)
        if not order:
            return
        index = order.index(self.selected) if self.selected in order else (-1 if step > 0 else 0)
        self.select(order[(index + step) % len(order)])

    def on_click(self, event: Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None:
            return
        crossing = self.picture.marker_at(offset.x, offset.y)
        if crossing is not None:
            self.select(crossing)

    # -- drawing -----------------------------------------------------------------------------
    def cells(self) -> list[list[tuple[str, Style]]]:
        """The picture as (character, style) per cell: outlines, names, then markers on top."""
        picture = self.picture
        grid = [[(ch, OUTLINE_STYLE if ch != " " else Style()) for ch in row] for row in picture.outline]
        for column, row, text in picture.labels:
            for i, ch in enumerate(text):
                grid[row][column + i] = (ch, LABEL_STYLE)
        by_id = {place.crossing: place for place in self.places}
        for crossing, marker in picture.markers.items():
            place = by_id[crossing]
            chosen = crossing == self.selected
            for i, side in enumerate(place.sides[: marker.width]):
                char, style = post_mark(self.post(crossing, side))
                grid[marker.row][marker.column + i] = (char, style + Style(reverse=True, underline=True) if chosen else style)
            if self.contested(place):
                grid[marker.row][marker.column + marker.width] = (CONTESTED_FILL, Style(bold=True))
            if chosen:
                grid[marker.row][marker.column - 1] = (SELECT_MARK, SELECT_STYLE)
        return grid

    def render(self) -> Text:
        out = Text(no_wrap=True, overflow="crop", end="")
        for y, row in enumerate(self.cells()):
            if y:
                out.append("\n")
            run, run_style = [], None
            for char, style in row:
                if style != run_style and run:
                    out.append("".join(run), run_style)
                    run = []
                run_style = style
                run.append(char)
            if run:
                out.append("".join(run), run_style)
        return out

    def text_lines(self) -> list[str]:
        """What the map shows, one plain string per row (tests, screen readers)."""
        return ["".join(char for char, _ in row) for row in self.cells()]
