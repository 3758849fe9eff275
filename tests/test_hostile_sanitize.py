"""Untrusted text made safe to show: escapes gone, controls visible, the words themselves kept."""
from __future__ import annotations

import pytest

from store.sanitize import PLACEHOLDER, is_safe, safe_line, safe_text, strip_escapes
from tests.hostile import forbidden_in


@pytest.mark.parametrize(
    "hostile_text, shown",
    [
        ("before\x1b[2Jafter", "beforeafter"),                                  # clear screen
        ("a\x1b[1;31mred\x1b[0m b", "ared b"),                                   # SGR colours
        ("copy\x1b]52;c;ZWNobyBwd25lZA==\x07done", "copydone"),                 # clipboard write, BEL
        ("copy\x1b]52;c;ZWNobyBwd25lZA==\x1b\\done", "copydone"),               # clipboard write, ST
        ("\x1b]8;;https://evil.example/\x1b\\link\x1b]8;;\x1b\\", "link"),      # hyperlink
        ("title\x1b]0;pwned\x07!", "title!"),                                   # window title
        ("x\x1bP1$r0m\x1b\\y", "xy"),                                           # DCS
        ("reset\x1bc!", "reset!"),                                              # full reset
        ("save\x1b7 \x1b8restore", "save restore"),                             # cursor save/restore
        ("charset\x1b(0qqq\x1b(B", "charsetqqq"),                               # line-drawing set
        ("8-bit\x9b2J csi", "8-bit csi"),                                       # C1 CSI
        ("8-bit\x9d0;t\x9c osc", "8-bit osc"),                                  # C1 OSC
    ],
)
def test_escape_sequences_are_removed_whole(hostile_text, shown):
    assert safe_text(hostile_text) == shown


@pytest.mark.parametrize(
    "control",
    ["\x00", "\x07", "\x08", "\x0b", "\x0c", "\x7f", "\x85", "\u202e", "\u202d", "\u2066", "\u2067", "\u2068", "\u2069", "\ud800"],
)
def test_other_controls_become_a_visible_placeholder(control):
    assert safe_text(f"al{control}Qaim") == f"al{PLACEHOLDER}Qaim"


def test_backspaces_cannot_rewrite_what_is_shown():
    shown = safe_text("seized\x08\x08\x08\x08\x08\x08held")
    assert shown == "seized" + PLACEHOLDER * 6 + "held"


def test_bidi_override_cannot_reverse_a_name():
    assert "\u202e" not in safe_text("Rabia \u202eaibaR\u202c")


def test_tab_and_newline_are_kept():
    assert safe_text("line one\n\tline two") == "line one\n\tline two"


def test_line_endings_become_newlines():
    assert safe_text("a\r\nb\rc\n") == "a\nb\nc\n"


def test_unterminated_osc_does_not_swallow_the_rest_of_the_report():
    shown = safe_text("\x1b]52;c;AAAA\nMilitants seized the Rabia crossing.\n")
    assert "Militants seized the Rabia crossing." in shown


def test_lone_escape_at_the_end_is_a_placeholder():
    assert safe_text("end\x1b") == "end" + PLACEHOLDER


def test_markup_is_left_as_text_for_the_screen_to_show_literally():
    text = "[bold red]x[/] [link=file:///etc/passwd]y[/] [@click=app.quit]z[/]"
    assert safe_text(text) == text


def test_arabic_and_its_bidi_marks_are_kept():
    arabic = "سيطر مسلحون على معبر الوليد\u200f (Al Waleed)\u200e"
    assert safe_text(arabic) == arabic


def test_safe_line_folds_white_space_and_newlines():
    assert safe_line("  Militants\n seize\t\x1b[2J Al-Waleed \r\n") == "Militants seize Al-Waleed"


def test_is_safe_agrees_with_safe_text():
    assert is_safe("plain [bold] text\n\twith tab")
    assert not is_safe("a\x1b[2J")
    assert not is_safe("a\rb")


def test_strip_escapes_leaves_plain_controls_for_safe_text():
    assert strip_escapes("a\x07b") == "a\x07b"


def test_hostile_fixture_comes_out_clean():
    from tests.hostile import hostile

    raw = hostile("escapes.txt").read_text(encoding="utf-8")
    shown = safe_text(raw)
    assert forbidden_in(shown) == []
    assert "Sunni Arab militants have seized the Al-Waleed border post" in shown
    assert "52;c;" not in shown and "evil.example" not in shown and "pwned" not in shown
