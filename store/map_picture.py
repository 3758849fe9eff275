"""The map of the crossings as a character grid: outlines, a marker per crossing, country names.

Pure: the outlines come from `data/borders.json` (Natural Earth, see its `_about`), the
crossings' coordinates from `data/gazetteer.json`; what each marker says is the caller's.

    picture = draw_map(places(), {"al-waleed": 2, ...}, columns=60, rows=22)
    picture.outline      # rows of braille (" " where no line passes)
    picture.markers      # crossing -> Marker(column, row, width): the cells its letters take
    picture.labels       # [(column, row, text)]: country names where they fit

A marker is one letter per post, in the order of the crossing's name ("Al Waleed / Al Tanf":
Al Waleed's first), placed on the cell under the crossing (midway between its posts) or,
when another marker is already there, the nearest free cells. Each marker keeps a free cell
on either side: the left one for the selection mark, the right one for a "?" (contested).
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Iterable, Mapping, Sequence

from .datafiles import load
from .geo import Point, Projection, View, dot_grid
from .sanitize import safe_line

SEARCH_RADIUS = 8  # cells around its place a marker may move to before the whole grid is tried
DIRECTIONS = {"left": (-1, 0), "right": (1, 0), "up": (0, -1), "down": (0, 1)}


@dataclass(frozen=True)
class Place:
    """A crossing where the gazetteer puts it."""

    crossing: str
    lon: float  # midway between its posts
    lat: float
    sides: tuple[str, ...]  # its posts' countries, in the order of the crossing's name
    posts: tuple[tuple[str, float, float], ...] = ()  # (side, lon, lat)


@dataclass(frozen=True)
class Label:
    text: str
    short: str
    lon: float
    lat: float


@dataclass(frozen=True)
class MapData:
    view: View
    lines: tuple[tuple[Point, ...], ...]
    labels: tuple[Label, ...] = ()


@dataclass(frozen=True)
class Marker:
    crossing: str
    column: int  # first letter's cell
    row: int
    width: int  # letters

    @property
    def centre(self) -> tuple[float, float]:
        return self.column + self.width / 2, self.row + 0.5

    def covers(self, column: int, row: int, margin: int = 0) -> bool:
        return row == self.row and self.column - margin <= column < self.column + self.width + margin


@dataclass
class Picture:
    projection: Projection
    outline: list[str]
    markers: dict[str, Marker] = field(default_factory=dict)
    labels: list[tuple[int, int, str]] = field(default_factory=list)

    def marker_at(self, column: int, row: int, margin: int = 1) -> str | None:
        """The crossing whose marker (with `margin` cells either side) is at that cell, if any."""
        for crossing, marker in self.markers.items():
            if marker.covers(column, row):
                return crossing
        for crossing, marker in self.markers.items():
            if marker.covers(column, row, margin):
                return crossing
        return None


# -- data ----------------------------------------------------------------------------------

def _number(value) -> float | None:
    return float(value) if isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value) else None


@lru_cache(maxsize=1)
def map_data() -> MapData:
    """The outlines and labels of data/borders.json (with a user's additions)."""
    raw = load("borders.json")
    box = raw.get("view") or {}
    view = View(*(float(box.get(k, d)) for k, d in (("west", 34), ("south", 28), ("east", 49), ("north", 38))))
    lines = []
    for line in raw.get("lines", []):
        points = tuple((x, y) for x, y in (
            (_number(p[0]), _number(p[1])) for p in line.get("points", []) if isinstance(p, list) and len(p) == 2
        ) if x is not None and y is not None)
        if len(points) >= 2:
            lines.append(points)
    labels = []
    for label in raw.get("labels", []):
        lon, lat, text = _number(label.get("lon")), _number(label.get("lat")), label.get("text")
        if lon is not None and lat is not None and isinstance(text, str) and safe_line(text).strip():
            short = label.get("short") if isinstance(label.get("short"), str) and label.get("short") else text
            labels.append(Label(safe_line(text), safe_line(short), lon, lat))  # a user's file reaches the terminal
    return MapData(view, tuple(lines), tuple(labels))


@lru_cache(maxsize=1)
def places() -> tuple[Place, ...]:
    """Every crossing of the gazetteer that has coordinates, in the gazetteer's order."""
    out = []
    for entry in load("gazetteer.json").get("crossings", []):
        if not isinstance(entry, dict) or not entry.get("id"):
            continue
        posts = []
        for post in entry.get("posts", []):
            if not isinstance(post, dict):
                continue
            side = post.get("country") or post.get("side")
            lon, lat = _number(post.get("lon")), _number(post.get("lat"))
            if side and lon is not None and lat is not None:
                posts.append((str(side), lon, lat))
        if posts:
            lon = sum(p[1] for p in posts) / len(posts)
            lat = sum(p[2] for p in posts) / len(posts)
            out.append(Place(str(entry["id"]), lon, lat, tuple(p[0] for p in posts), tuple(posts)))
    return tuple(out)


# -- layout --------------------------------------------------------------------------------

def _candidates(radius: int, aspect: float) -> list[tuple[int, int]]:
    """Shifts (columns, rows) around a place, nearest first (a row is `aspect` columns tall)."""
    shifts = [(dc, dr) for dr in range(-radius, radius + 1) for dc in range(-2 * radius, 2 * radius + 1)]
    return sorted(shifts, key=lambda s: (s[0] ** 2 + (s[1] * aspect) ** 2, abs(s[1]), s[0]))


def place_markers(where: Sequence[Place], widths: Mapping[str, int], projection: Projection) -> dict[str, Marker]:
    """A marker for each place on the grid, `widths[crossing]` letters wide, none touching another.

    Each marker takes its letters plus one free cell on either side (shared with no other
    marker's cells or free cells), as near its place as the others leave room. Places off the
    view, and markers that find no room at all, are left out.
    """
    taken: set[tuple[int, int]] = set()
    markers: dict[str, Marker] = {}
    near = _candidates(SEARCH_RADIUS, projection.aspect)
    for place in where:
        width = max(1, int(widths.get(place.crossing, len(place.sides) or 1)))
        if not projection.view.contains(place.lon, place.lat) or width + 2 > projection.columns:
            continue
        x, y = projection.units(place.lon, place.lat)
        column, row = round(x - width / 2), math.floor(y / projection.aspect)
        spot = _free(column, row, width, near, taken, projection)
        if spot is None:  # a crowded grid: anywhere at all, nearest first
            spot = _free(column, row, width, _candidates(max(projection.columns, projection.rows), projection.aspect),
                         taken, projection)
        if spot is None:
            continue
        c, r = spot
        taken.update((c + i, r) for i in range(-1, width + 1))
        markers[place.crossing] = Marker(place.crossing, c, r, width)
    return markers


def _free(column: int, row: int, width: int, shifts, taken, projection: Projection) -> tuple[int, int] | None:
    for dc, dr in shifts:
        c, r = column + dc, row + dr
        if not (0 <= r < projection.rows and 1 <= c and c + width + 1 <= projection.columns):
            continue
        if all((c + i, r) not in taken for i in range(-1, width + 1)):
            return c, r
    return None


def place_labels(labels: Iterable[Label], projection: Projection, dots: Sequence[bytes | bytearray],
                 markers: Mapping[str, Marker]) -> list[tuple[int, int, str]]:
    """Country names on cells where no line passes and no marker (or its free cells) is, near their place."""
    placed: list[tuple[int, int, str]] = []
    blocked = {(m.column + i, m.row) for m in markers.values() for i in range(-2, m.width + 2)}
    first_col, first_row, last_col, last_row = projection.used
    for label in labels:
        x, y = projection.units(label.lon, label.lat)
        row = math.floor(y / projection.aspect)
        done = False
        for text in dict.fromkeys((label.text, label.short)):
            for dc, dr in _candidates(1, projection.aspect):
                c, r = round(x - len(text) / 2) + dc, row + dr
                if not (first_row <= r <= last_row and first_col <= c and c + len(text) - 1 <= last_col):
                    continue
                cells = [(c + i, r) for i in range(-1, len(text) + 1)]
                if any(cell in blocked for cell in cells):
                    continue
                if any(0 <= cx < projection.columns and dots[r][cx] for cx, _ in cells):
                    continue
                placed.append((c, r, text))
                blocked.update(cells)
                done = True
                break
            if done:
                break
    return placed


def draw_map(where: Sequence[Place], widths: Mapping[str, int], columns: int, rows: int,
             data: MapData | None = None, aspect: float | None = None) -> Picture:
    """The whole picture for a grid of `columns` x `rows` cells."""
    data = data or map_data()
    projection = Projection.fit(data.view, columns, rows, **({"aspect": aspect} if aspect else {}))
    dots = dot_grid(data.lines, projection)
    outline = ["".join(chr(0x2800 + bits) if bits else " " for bits in row) for row in dots]
    markers = place_markers(where, widths, projection)
    labels = place_labels(data.labels, projection, dots, markers)
    return Picture(projection, outline, markers, labels)


# -- moving between markers ----------------------------------------------------------------

def reading_order(markers: Mapping[str, Marker]) -> list[str]:
    """Crossings as a reader meets their markers: top to bottom, left to right."""
    return sorted(markers, key=lambda c: (markers[c].row, markers[c].column, c))


def neighbour(markers: Mapping[str, Marker], current: str | None, direction: str, aspect: float = 2.0) -> str | None:
    """The nearest marker in a direction ("left", "right", "up", "down") from the current one.

    Distance counts across the direction double, so the marker most nearly in line wins; None
    when no marker lies that way.
    """
    if current not in markers:
        order = reading_order(markers)
        return order[0] if order else None
    dx, dy = DIRECTIONS[direction]
    cx, cy = markers[current].centre
    best, best_score = None, math.inf
    for crossing, marker in markers.items():
        if crossing == current:
            continue
        mx, my = marker.centre
        ox, oy = mx - cx, (my - cy) * aspect
        along = ox * dx + oy * dy
        across = abs(ox * dy) + abs(oy * dx)
        if along <= 0:
            continue
        score = along + 2 * across
        if score < best_score:
            best, best_score = crossing, score
    return best


__all__ = ["Label", "MapData", "Marker", "Picture", "Place", "draw_map", "map_data", "neighbour",
           "place_labels", "place_markers", "places", "reading_order"]
