"""The browser's own drawing pieces: word-wrap with offsets, cell fitting, and the article
view on a very long article (the lit sentence found and shown wherever it is)."""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from rich.cells import cell_len
from textual.app import App

from store.sanitize import safe_line
from tui.widgets.article_view import ArticleView
from tui.widgets.row_table import fit
from tui.widgets.wrap import line_of, wrap_offsets

TEXTS = st.text(alphabet=st.sampled_from(list("ab cd\n\tوصل漢字 .,")), max_size=300)
TEXTS = st.one_of(TEXTS, st.text(alphabet=st.sampled_from(list("ab cd\n\t .,-")), max_size=300))  # ASCII takes a fast path


@settings(max_examples=200, deadline=None)
@given(TEXTS, st.integers(min_value=1, max_value=40))
def test_wrapped_lines_cover_the_text_in_order_and_fit(text, width):
    lines = wrap_offsets(text, width)
    covered = "\n".join(text[s:e] for s, e in lines)
    assert covered.replace("\n", "") == text.replace("\n", "")  # nothing lost, nothing repeated
    starts = [s for s, _ in lines]
    assert starts == sorted(starts)
    for s, e in lines:
        assert cell_len(text[s:e].rstrip()) <= max(width, 2)  # a wide character alone may not fit 1 cell
        assert "\n" not in text[s:e]
    for offset in range(len(text)):
        s, e = lines[line_of(lines, offset)]
        assert s <= offset and (offset < e or text[offset] in "\n " or offset == e)


@given(st.text(max_size=60), st.integers(min_value=1, max_value=30), st.sampled_from(["left", "right"]))
def test_fit_gives_exactly_the_width(text, width, justify):
    text = safe_line(text)  # cells are cleaned before they are fitted (lists.py): no controls, one line
    fitted = fit(text, width, justify)
    assert cell_len(fitted) in (width, width - 1)  # a wide last character can leave one cell short
    if cell_len(text) <= width:
        assert fitted.strip() == text.strip()


async def test_the_lit_sentence_is_shown_deep_inside_a_five_megabyte_article():
    sentence = "Sunni Arab militants have seized the Al-Waleed border post, officers said on Monday. "
    text = sentence * 60_000
    at = len(sentence) * 45_000
    event = {"id": "e", "start": at, "end": at + len(sentence) - 1, "sentence": sentence.strip(),
             "actor_text": "Sunni Arab militants", "crossing_text": "the Al-Waleed border post", "date_text": "on Monday"}

    class Viewer(App):
        def compose(self):
            yield ArticleView()

    app = Viewer()
    async with app.run_test(size=(100, 30)) as pilot:
        view = app.query_one(ArticleView)
        view.show({"id": "big", "text": text}, [event], event)
        await pilot.pause()
        shown = [view.render_line(y).text for y in range(view.scrollable_content_region.height)]
        assert view.lit_line > 30_000
        lit = shown[view.lit_line - round(view.scroll_y)]
        assert lit.startswith("▶ ") and "Sunni Arab militants" in lit, shown[:12]
        assert sum(line.startswith("▶") for line in shown) == 1
