"""Outlines on a character grid: projection, clipping, simplification and a braille rasteriser.

Pure functions of coordinates and sizes; nothing here knows of Textual or of files.

A terminal cell is about twice as tall as it is wide (`CELL_ASPECT`). A braille character
(U+2800-U+28FF) has 2 x 4 dots, so each dot is about as wide as it is tall: outlines drawn
dot by dot keep their shape. The projection is equirectangular with its standard parallel
at the middle of the view (longitudes shrunk by the cosine of that latitude), fitted into the
grid and centred, so a degree of longitude and one of latitude keep their true proportion.

    projection = Projection.fit(View(34, 28, 49, 38), columns=60, rows=20)
    projection.cell(36.2, 32.55)            # -> (column, row) of that lon/lat, or None off the grid
    braille(lines, projection)              # -> one string per row, " " where no dot is set
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Iterable, Sequence

CELL_ASPECT = 2.0  # a cell's height over its width
DOTS_X, DOTS_Y = 2, 4  # braille dots per cell
BRAILLE_BASE = 0x2800
# bit of each dot (dx, dy) in a braille character
BRAILLE_BITS = {(0, 0): 0x01, (0, 1): 0x02, (0, 2): 0x04, (1, 0): 0x08,
                (1, 1): 0x10, (1, 2): 0x20, (0, 3): 0x40, (1, 3): 0x80}

Point = tuple[float, float]  # (lon, lat)


@dataclass(frozen=True)
class View:
    """A lon/lat box (degrees)."""

    west: float
    south: float
    east: float
    north: float

    def contains(self, lon: float, lat: float) -> bool:
        return self.west <= lon <= self.east and self.south <= lat <= self.north


@dataclass(frozen=True)
class Projection:
    """Equirectangular, fitted into `columns` x `rows` cells and centred.

    Positions are measured in cell widths from the grid's top left corner: `units(lon, lat)`
    gives (x, y) with y in cell widths too (a row is `aspect` cell widths tall).
    """

    view: View
    columns: int
    rows: int
    aspect: float
    scale: float  # cell widths per degree of latitude
    shrink: float  # cos(middle latitude): a degree of longitude over one of latitude
    left: float  # margins, in cell widths, that centre the view
    top: float

    @classmethod
    def fit(cls, view: View, columns: int, rows: int, aspect: float = CELL_ASPECT) -> "Projection":
        columns, rows = max(1, int(columns)), max(1, int(rows))
        shrink = math.cos(math.radians((view.north + view.south) / 2))
        width_deg = (view.east - view.west) * shrink
        height_deg = view.north - view.south
        scale = min(columns / width_deg, rows * aspect / height_deg)
        left = (columns - width_deg * scale) / 2
        top = (rows * aspect - height_deg * scale) / 2
        return cls(view, columns, rows, aspect, scale, shrink, left, top)

    # -- forward ---------------------------------------------------------------------------
    def units(self, lon: float, lat: float) -> tuple[float, float]:
        """(x, y) in cell widths from the top left corner of the grid."""
        x = self.left + (lon - self.view.west) * self.shrink * self.scale
        y = self.top + (self.view.north - lat) * self.scale
        return x, y

    def dot(self, lon: float, lat: float) -> tuple[int, int]:
        """The braille dot (column, row of dots) under a point; may lie off the grid."""
        x, y = self.units(lon, lat)
        return math.floor(x * DOTS_X), math.floor(y / self.aspect * DOTS_Y)

    def cell(self, lon: float, lat: float) -> tuple[int, int] | None:
        """The (column, row) of the cell under a point, or None when it falls off the grid."""
        x, y = self.units(lon, lat)
        column, row = math.floor(x), math.floor(y / self.aspect)
        if 0 <= column < self.columns and 0 <= row < self.rows:
            return column, row
        return None

    # -- back ------------------------------------------------------------------------------
    def lonlat(self, column: float, row: float) -> Point:
        """The lon/lat at a position given in cells (the centre of cell (c, r) is (c + .5, r + .5))."""
        lon = self.view.west + (column - self.left) / (self.shrink * self.scale)
        lat = self.view.north - (row * self.aspect - self.top) / self.scale
        return lon, lat

    @property
    def used(self) -> tuple[int, int, int, int]:
        """The cells the view covers: (first column, first row, last column, last row)."""
        x0, y0 = self.units(self.view.west, self.view.north)
        x1, y1 = self.units(self.view.east, self.view.south)
        clamp = lambda v, hi: max(0, min(hi, v))  # noqa: E731
        return (clamp(math.floor(x0), self.columns - 1), clamp(math.floor(y0 / self.aspect), self.rows - 1),
                clamp(math.ceil(x1) - 1, self.columns - 1), clamp(math.ceil(y1 / self.aspect) - 1, self.rows - 1))


# -- lines ---------------------------------------------------------------------------------

def _clip_segment(a: Point, b: Point, view: View) -> tuple[Point, Point] | None:
    """Liang-Barsky: the part of segment a-b inside the view, or None."""
    (x0, y0), (x1, y1) = a, b
    dx, dy = x1 - x0, y1 - y0
    t0, t1 = 0.0, 1.0
    for p, q in ((-dx, x0 - view.west), (dx, view.east - x0), (-dy, y0 - view.south), (dy, view.north - y0)):
        if p == 0:
            if q < 0:
                return None
            continue
        t = q / p
        if p < 0:
            if t > t1:
                return None
            t0 = max(t0, t)
        else:
            if t < t0:
                return None
            t1 = min(t1, t)
    return (x0 + t0 * dx, y0 + t0 * dy), (x0 + t1 * dx, y0 + t1 * dy)


def clip_polyline(points: Sequence[Point], view: View) -> list[list[Point]]:
    """The pieces of a polyline inside the view (a line leaving and coming back gives two pieces)."""
    pieces: list[list[Point]] = []
    current: list[Point] = []
    if len(points) == 1:
        return [[tuple(points[0])]] if view.contains(*points[0]) else []
    for a, b in zip(points, points[1:]):
        part = _clip_segment(tuple(a), tuple(b), view)
        if part is None:
            if current:
                pieces.append(current)
                current = []
            continue
        start, end = part
        if current and current[-1] == start:
            current.append(end)
        else:
            if current:
                pieces.append(current)
            current = [start, end]
        if end != tuple(b):  # left the view: this piece ends here
            pieces.append(current)
            current = []
    if current:
        pieces.append(current)
    return pieces


def _distance_to_segment(p: Point, a: Point, b: Point) -> float:
    (px, py), (ax, ay), (bx, by) = p, a, b
    dx, dy = bx - ax, by - ay
    if dx == 0 and dy == 0:
        return math.hypot(px - ax, py - ay)
    t = max(0.0, min(1.0, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)))
    return math.hypot(px - (ax + t * dx), py - (ay + t * dy))


def simplify(points: Sequence[Point], tolerance: float) -> list[Point]:
    """Douglas-Peucker: the vertices that keep the line within `tolerance` (degrees) of the original.

    The ends are always kept, so lines sharing an end still meet; a closed line (first point ==
    last) is split at its farthest point first, so it stays a closed shape.
    """
    points = [tuple(p) for p in points]
    if len(points) < 3:
        return points
    if points[0] == points[-1]:
        far = max(range(len(points)), key=lambda i: math.hypot(points[i][0] - points[0][0], points[i][1] - points[0][1]))
        if far in (0, len(points) - 1):
            return [points[0], points[-1]]
        return simplify(points[: far + 1], tolerance)[:-1] + simplify(points[far:], tolerance)
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        worst, index = -1.0, -1
        for i in range(first + 1, last):
            d = _distance_to_segment(points[i], points[first], points[last])
            if d > worst:
                worst, index = d, i
        if index >= 0 and worst > tolerance:
            keep[index] = True
            stack += [(first, index), (index, last)]
    return [p for p, k in zip(points, keep) if k]


# -- raster --------------------------------------------------------------------------------

def _line_dots(x0: int, y0: int, x1: int, y1: int) -> Iterable[tuple[int, int]]:
    """Bresenham: every dot from (x0, y0) to (x1, y1), both ends included."""
    dx, dy = abs(x1 - x0), -abs(y1 - y0)
    sx, sy = (1 if x0 < x1 else -1), (1 if y0 < y1 else -1)
    err = dx + dy
    while True:
        yield x0, y0
        if x0 == x1 and y0 == y1:
            return
        e2 = 2 * err
        if e2 >= dy:
            err += dy
            x0 += sx
        if e2 <= dx:
            err += dx
            y0 += sy


def dot_grid(lines: Iterable[Sequence[Point]], projection: Projection) -> list[bytearray]:
    """Each cell's braille bits (one bytearray per row) for the lines, clipped to the view and the grid."""
    rows = [bytearray(projection.columns) for _ in range(projection.rows)]
    width, height = projection.columns * DOTS_X, projection.rows * DOTS_Y
    for line in lines:
        for piece in clip_polyline(line, projection.view):
            dots = [projection.dot(lon, lat) for lon, lat in piece]
            for (x0, y0), (x1, y1) in zip(dots, dots[1:] or dots):
                for x, y in _line_dots(x0, y0, x1, y1):
                    if 0 <= x < width and 0 <= y < height:
                        rows[y // DOTS_Y][x // DOTS_X] |= BRAILLE_BITS[(x % DOTS_X, y % DOTS_Y)]
    return rows


def braille(lines: Iterable[Sequence[Point]], projection: Projection) -> list[str]:
    """The lines drawn in braille: one string of `columns` characters per row, a space where no dot is set."""
    return ["".join(chr(BRAILLE_BASE + bits) if bits else " " for bits in row) for row in dot_grid(lines, projection)]
