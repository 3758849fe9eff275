"""The map's geometry, without Textual: projection, clipping, simplification, the braille rasteriser,
the outlines in data/borders.json and where the markers go."""
from __future__ import annotations

import json
import math

import pytest

from store.geo import (BRAILLE_BASE, Projection, View, _distance_to_segment, braille, clip_polyline,
                       dot_grid, simplify)
from store.map_picture import Marker, draw_map, map_data, neighbour, place_markers, places, reading_order
from store.paths import bundled_data

VIEW = View(34.0, 28.0, 49.0, 38.0)
SIZES = [(52, 21), (60, 20), (114, 44), (174, 56), (20, 8)]


# -- projection ------------------------------------------------------------------------------

def test_a_known_point_lands_in_the_cell_worked_out_by_hand():
    projection = Projection.fit(VIEW, 60, 20)
    # cos(33 deg) = 0.8387: the view is 12.58 "degrees" wide, 10 tall; 60 x 20 cells are 60 x 40 cell widths,
    # so 4 cell widths a degree (height-bound) and (60 - 50.32) / 2 = 4.84 columns of margin each side.
    assert projection.scale == pytest.approx(4.0)
    assert projection.left == pytest.approx((60 - 15 * math.cos(math.radians(33)) * 4) / 2)
    # Al Waleed (38.79 E, 33.39 N): x = 4.84 + 4.79 * 0.8387 * 4 = 20.91; y = (38 - 33.39) * 4 = 18.44 -> row 9.22
    assert projection.cell(38.79, 33.39) == (20, 9)
    # the corners of the view are the corners of the map
    assert projection.cell(34.0, 38.0) == (4, 0)
    assert projection.cell(48.999, 28.001) == (55, 19)
    assert projection.cell(30.0, 33.0) is None  # west of the grid


@pytest.mark.parametrize("columns,rows", SIZES)
def test_the_view_fits_the_grid_centred_and_keeps_its_proportions(columns, rows):
    projection = Projection.fit(VIEW, columns, rows)
    x0, y0 = projection.units(VIEW.west, VIEW.north)
    x1, y1 = projection.units(VIEW.east, VIEW.south)
    assert 0 <= x0 and x1 <= columns + 1e-9 and 0 <= y0 and y1 <= rows * projection.aspect + 1e-9
    assert min(x0, y0) == pytest.approx(0, abs=1e-9)  # touches the grid on one axis ...
    assert x0 == pytest.approx(columns - x1) and y0 == pytest.approx(rows * projection.aspect - y1)  # ... centred
    width_km = (VIEW.east - VIEW.west) * math.cos(math.radians(33)) * 111.2
    height_km = (VIEW.north - VIEW.south) * 111.2
    assert (x1 - x0) / (y1 - y0) == pytest.approx(width_km / height_km)


@pytest.mark.parametrize("columns,rows", SIZES)
def test_lonlat_is_the_inverse_of_the_projection(columns, rows):
    projection = Projection.fit(VIEW, columns, rows)
    for lon, lat in [(36.2, 32.55), (47.72, 30.1), (42.1, 36.8)]:
        x, y = projection.units(lon, lat)
        assert projection.lonlat(x, y / projection.aspect) == pytest.approx((lon, lat))


# -- lines -----------------------------------------------------------------------------------

def test_clipping_cuts_a_line_at_the_box_and_splits_one_that_leaves_and_comes_back():
    assert clip_polyline([(30, 33), (40, 33)], VIEW) == [[(34.0, 33.0), (40.0, 33.0)]]
    pieces = clip_polyline([(40, 33), (40, 40), (41, 40), (41, 33)], VIEW)
    assert pieces == [[(40.0, 33.0), (40.0, 38.0)], [(41.0, 38.0), (41.0, 33.0)]]
    assert clip_polyline([(20, 20), (21, 21)], VIEW) == []


def test_douglas_peucker_keeps_the_ends_and_the_corners_and_drops_what_lies_on_the_line():
    line = [(0, 0), (1, 0.001), (2, 0), (3, 1), (4, 2.001), (5, 3)]
    assert simplify(line, 0.01) == [(0, 0), (2, 0), (5, 3)]
    ring = [(0, 0), (1, 0), (1, 1), (0.5, 1.0001), (0, 1), (0, 0)]
    kept = simplify(ring, 0.01)
    assert kept[0] == kept[-1] == (0, 0) and (0.5, 1.0001) not in kept and len(kept) == 5
    for point in line:  # every dropped vertex is within the tolerance of the simplified line
        assert min(_distance_to_segment(point, a, b) for a, b in zip(simplify(line, 0.01), simplify(line, 0.01)[1:])) <= 0.01


# -- raster ----------------------------------------------------------------------------------

def test_a_single_point_is_one_braille_dot_in_its_cell():
    projection = Projection.fit(VIEW, 60, 20)
    column, row = projection.cell(38.79, 33.39)
    grid = braille([[(38.79, 33.39), (38.79, 33.39)]], projection)
    assert [(r, c) for r, line in enumerate(grid) for c, ch in enumerate(line) if ch != " "] == [(row, column)]
    bits = ord(grid[row][column]) - BRAILLE_BASE
    assert bin(bits).count("1") == 1
    dx, dy = projection.dot(38.79, 33.39)
    assert (dx // 2, dy // 4) == (column, row)


def test_a_parallel_is_drawn_along_one_row_of_dots_from_edge_to_edge():
    projection = Projection.fit(VIEW, 60, 20)
    rows = dot_grid([[(34.0, 33.0), (49.0, 33.0)]], projection)
    lit = {(r, c) for r, line in enumerate(rows) for c, bits in enumerate(line) if bits}
    row = projection.cell(40, 33.0)[1]
    first, _, last, _ = projection.used
    assert lit == {(row, c) for c in range(first, last + 1)}
    dot_row = {rows[row][c] for c in range(first, last + 1)}
    assert dot_row <= {0x01, 0x08, 0x09} or dot_row <= {0x02, 0x10, 0x12} or dot_row <= {0x04, 0x20, 0x24} \
        or dot_row <= {0x40, 0x80, 0xC0}  # one row of dots, both dots of every cell but perhaps the two ends
    assert {rows[row][c] for c in range(first + 1, last)} in ({0x09}, {0x12}, {0x24}, {0xC0})


@pytest.mark.parametrize("columns,rows", SIZES)
def test_the_outlines_stay_inside_the_grid(columns, rows):
    projection = Projection.fit(map_data().view, columns, rows)
    grid = braille(map_data().lines, projection)
    assert len(grid) == rows and all(len(line) == columns for line in grid)
    assert all(ch == " " or BRAILLE_BASE < ord(ch) <= BRAILLE_BASE + 0xFF for line in grid for ch in line)
    first, top, last, bottom = projection.used
    lit = [(c, r) for r, line in enumerate(grid) for c, ch in enumerate(line) if ch != " "]
    assert lit and all(first <= c <= last and top <= r <= bottom for c, r in lit)
    assert any(c == last for c, _ in lit) and any(r == bottom for _, r in lit)  # Iran, Saudi Arabia reach the edges


# -- the data --------------------------------------------------------------------------------

def test_borders_json_says_where_its_outlines_come_from_and_stays_small():
    raw = json.loads((bundled_data() / "borders.json").read_text(encoding="utf-8"))
    assert "Natural Earth" in raw["_about"] and "public domain" in raw["_about"]
    data = map_data()
    points = sum(len(line) for line in data.lines)
    assert 150 <= points <= 600  # a few hundred: what a terminal needs
    assert all(data.view.contains(lon, lat) for line in data.lines for lon, lat in line)
    countries = {c for line in raw["lines"] for c in line["countries"]}
    assert countries == {"iq", "sy", "jo", "tr", "lb", "ir", "sa", "kw"}
    shared = {tuple(line["countries"]) for line in raw["lines"] if len(line["countries"]) == 2}
    for pair in [("iq", "sy"), ("iq", "jo"), ("iq", "sa"), ("iq", "kw"), ("iq", "ir"), ("iq", "tr"),
                 ("jo", "sy"), ("lb", "sy"), ("sy", "tr"), ("jo", "sa")]:
        assert pair in shared  # each border is one line, drawn once


def test_every_crossing_lies_on_a_border_of_the_outlines():
    segments = [(a, b) for line in map_data().lines for a, b in zip(line, line[1:])]
    assert len(places()) == 22
    for place in places():
        for side, lon, lat in place.posts:
            distance = min(_distance_to_segment((lon, lat), a, b) for a, b in segments)
            # 0.25 degree: the gazetteer's coordinates are approximate (Shalamcheh, Al Tanf about 0.2 off the
            # simplified outline); Trebil / Al Karameh, once 0.36 degree inside Iraq, now sit on the border
            assert distance < 0.25, (place.crossing, side, distance)


# -- markers ---------------------------------------------------------------------------------

@pytest.mark.parametrize("columns,rows", [(52, 21), (114, 44), (174, 56)])
def test_every_crossing_gets_a_marker_and_none_touches_another(columns, rows):
    where = places()
    picture = draw_map(where, {p.crossing: len(p.sides) for p in where}, columns, rows)
    assert set(picture.markers) == {p.crossing for p in where}
    cells = {}
    for marker in picture.markers.values():
        assert 1 <= marker.column and marker.column + marker.width + 1 <= columns and 0 <= marker.row < rows
        for i in range(-1, marker.width + 1):  # its letters and a free cell either side belong to it alone
            assert (marker.column + i, marker.row) not in cells
            cells[(marker.column + i, marker.row)] = marker.crossing
    for column, row, text in picture.labels:  # names never cover a marker nor its free cells
        assert all((column + i, row) not in cells for i in range(len(text)))


def test_a_marker_with_room_sits_on_its_crossing():
    projection = Projection.fit(VIEW, 114, 44)
    waleed = next(p for p in places() if p.crossing == "al-waleed")
    marker = place_markers([waleed], {"al-waleed": 2}, projection)["al-waleed"]
    column, row = projection.cell(waleed.lon, waleed.lat)
    assert marker.row == row and marker.column <= column <= marker.column + marker.width


def test_arrows_go_to_the_nearest_marker_that_way_and_tab_reads_top_to_bottom():
    markers = {name: Marker(name, c, r, 2) for name, c, r in
               [("centre", 20, 10), ("east", 30, 10), ("far-east", 50, 10), ("north", 21, 3), ("south-east", 28, 16),
                ("west", 5, 11)]}
    assert neighbour(markers, "centre", "right") == "east"
    assert neighbour(markers, "centre", "left") == "west"
    assert neighbour(markers, "centre", "up") == "north"
    assert neighbour(markers, "centre", "down") == "south-east"
    assert neighbour(markers, "north", "up") is None
    assert neighbour(markers, None, "down") == "north"  # nothing selected: the first in reading order
    assert reading_order(markers) == ["north", "centre", "east", "far-east", "west", "south-east"]


def test_a_label_from_a_users_borders_file_reaches_the_terminal_as_plain_text(tmp_path):
    config = tmp_path / "user-config"  # CROSSWATCH_CONFIG of every test (conftest.py)
    config.mkdir(exist_ok=True)
    hostile = {"labels": [{"country": "xx", "text": "\x1b]0;owned\x07EVIL\x1b[31m[bold]", "short": "E", "lon": 40.0, "lat": 30.5}]}
    (config / "borders.json").write_text(json.dumps(hostile), encoding="utf-8")
    map_data.cache_clear()
    try:
        label = map_data().labels[-1]
        assert "EVIL" in label.text
        assert not any(ch in label.text for ch in "\x1b\x07\x9b") and "[bold]" in label.text
        picture = draw_map(places(), {p.crossing: 2 for p in places()}, 114, 44)
        assert any("EVIL" in text for _, _, text in picture.labels)
    finally:
        map_data.cache_clear()
