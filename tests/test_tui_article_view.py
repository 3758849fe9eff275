"""The article pane keeps its layout and drawn lines between event moves: what it shows after
walking through the events must be exactly what a fresh pane shows, and a move must redraw
only the lines of the old and the new lit sentence (plus any scrolled into view)."""
from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st
from textual.app import App

from tui.widgets.article_layout import ArticleLayout
from tui.widgets.article_view import ArticleView
from tui.widgets.wrap import wrap_offsets

REPORT = (
    "Sunni Arab militants have seized the Al-Waleed border post, officers said on Monday. "
    "The Iraqi army withdrew from the Al-Qaim crossing on Sunday.\n\n"
    "Kurdish Peshmerga reinforced Rabia, a local official said. "
) * 40


def events_of(text: str) -> list[dict]:
    """One event a sentence, with the words the view underlines."""
    events = []
    for number, match in enumerate(re.finditer(r"[^.\n]+\.", text)):
        sentence = match.group().strip()
        start = text.index(sentence, match.start())
        events.append({"id": f"e{number}", "start": start, "end": start + len(sentence), "sentence": sentence,
                       "actor_text": sentence.split(" ")[0], "crossing_text": "Rabia" if "Rabia" in sentence else None,
                       "date_text": "on Monday" if "Monday" in sentence else None, "note": None})
    return events


class Viewer(App):
    def compose(self):
        yield ArticleView()


def screen_of(view: ArticleView) -> list[tuple[str, list]]:
    """Each line on screen with its styles, so a stale lit mark or colour is caught too."""
    return [(strip.text, [segment.style for segment in strip]) for strip in
            (view.render_line(y) for y in range(view.scrollable_content_region.height))]


async def fresh_screen(article: dict, events: list[dict], lit: dict) -> list[tuple[str, list]]:
    app = Viewer()
    async with app.run_test(size=(90, 24)) as pilot:
        view = app.query_one(ArticleView)
        view.show(article, events, lit)
        await pilot.pause()
        return screen_of(view)


async def test_walking_the_events_shows_what_a_fresh_pane_shows():
    article = {"id": "a", "text": REPORT}
    events = events_of(REPORT)
    app = Viewer()
    async with app.run_test(size=(90, 24)) as pilot:
        view = app.query_one(ArticleView)
        walked = {}
        for index in (0, 1, 2, 3, 4, 40, 41, 3, 2):
            view.show(article, events, events[index])
            await pilot.pause()
            walked[index] = screen_of(view)
            lit = walked[index][view.lit_line - round(view.scroll_y)][0]
            assert lit.startswith("▶ ") and events[index]["sentence"].split()[0] in lit
    for index in (2, 41):
        assert walked[index] == await fresh_screen(article, events, events[index])


async def test_a_move_redraws_only_the_old_and_new_lit_lines():
    article = {"id": "a", "text": REPORT}
    events = events_of(REPORT)
    app = Viewer()
    async with app.run_test(size=(90, 24)) as pilot:
        view = app.query_one(ArticleView)
        view.show(article, events, events[10])
        await pilot.pause()
        screen_of(view)
        drawn = []
        original = view._draw
        view._draw = lambda line: (drawn.append(line), original(line))[1]
        top = view.scroll_y
        view.show(article, events, events[11])
        await pilot.pause()
        screen_of(view)
        layout = view._layout
        lit_rows = len(layout.rows_of(events[10]["start"], events[10]["end"])) + len(layout.rows_of(events[11]["start"], events[11]["end"]))
        assert 0 < len(drawn) <= lit_rows + abs(round(view.scroll_y - top))
        assert screen_of(view)[view.lit_line - round(view.scroll_y)][0].startswith("▶ ")


async def test_a_new_note_and_a_theme_change_are_drawn_at_once():
    article = {"id": "a", "text": REPORT}
    events = events_of(REPORT)
    app = Viewer()
    async with app.run_test(size=(90, 24)) as pilot:
        view = app.query_one(ArticleView)
        view.show(article, events, events[5])
        await pilot.pause()
        before = screen_of(view)
        events[5]["note"] = "[bold]seen[/] on video"  # the store updates its own event dicts in place
        view.show(article, events, events[5])
        await pilot.pause()
        assert any(text.startswith("✎ [bold]seen[/] on video") for text, _ in screen_of(view))
        events[5]["note"] = None
        view.show(article, events, events[5])
        await pilot.pause()
        assert screen_of(view) == before
        app.theme = "textual-light" if app.theme != "textual-light" else "nord"
        await pilot.pause()
        assert [styles for _, styles in screen_of(view)] != [styles for _, styles in before]
        assert [text for text, _ in screen_of(view)] == [text for text, _ in before]


TEXTS = st.text(alphabet=st.sampled_from(list("ab cd\n.漢")), max_size=200)


@settings(max_examples=200, deadline=None)
@given(TEXTS, st.integers(min_value=1, max_value=20), st.data())
def test_layout_questions_agree_with_walking_every_line(text, width, data):
    wrapped = wrap_offsets(text, width)
    starts = sorted(data.draw(st.lists(st.integers(0, max(len(text) - 1, 0)), max_size=8)))
    notes = [(end, "note") for end in data.draw(st.lists(st.integers(0, len(text)), max_size=3))]
    layout = ArticleLayout.build(wrapped, starts, notes, width + 2)
    text_lines = [(i, a, b) for i, (kind, a, b) in enumerate(layout.lines) if kind == "text"]
    assert [(a, b) for _, a, b in text_lines] == wrapped
    for offset in range(len(text) + 1):
        walked = next((i for i, a, b in text_lines if a <= offset < b or a >= offset), None)
        assert layout.row_of(offset) == walked
    for _, a, b in text_lines:
        assert layout.has_event_start(a, b) == any(a <= s < b for s in starts)
    for start in range(len(text)):
        end = data.draw(st.integers(start + 1, len(text)))
        lit = {i for i, a, b in text_lines if a < end and (b > start or a == b == start)}
        assert lit <= set(layout.rows_of(start, end))


async def test_no_letter_is_lost_under_the_scrollbar_of_a_long_article():
    article = {"id": "a", "text": REPORT}
    events = events_of(REPORT)
    app = Viewer()
    async with app.run_test(size=(90, 24)) as pilot:
        view = app.query_one(ArticleView)
        view.show(article, events, events[0])  # the scrollbar appears only once the article is in
        await pilot.pause()
        top = round(view.scroll_y)
        for y, (text, _) in enumerate(screen_of(view)):
            kind, a, b = view._lines[top + y]
            if kind == "text":
                assert text[2:].rstrip() == REPORT[a:b].rstrip(), (text, REPORT[a:b])


async def test_a_new_text_under_the_same_article_id_is_shown():
    app = Viewer()
    async with app.run_test(size=(90, 24)) as pilot:
        view = app.query_one(ArticleView)
        view.show({"id": "a", "hash": "1", "text": "The first version of the report."})
        await pilot.pause()
        view.show({"id": "a", "hash": "2", "text": "The corrected version, longer than the first."})
        await pilot.pause()
        assert screen_of(view)[0][0].startswith("  The corrected version")
