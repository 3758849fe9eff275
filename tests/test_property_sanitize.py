"""Properties of the sanitizer and reader over any input hypothesis can find."""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from store.reader import UnreadableFile, decode_bytes
from store.sanitize import PLACEHOLDER, is_safe, safe_line, safe_text
from tests.hostile import forbidden_in

# Text weighted towards the characters that matter: escapes, controls, bidi, markup.
hostile_chars = st.sampled_from(
    list("\x1b\x07\x00\x08\r\n\t[]/@=;\\\x9b\x9c\x9d\x90\u202e\u2066\u200fPX^_") + ["\x1b[", "\x1b]", "\x1b\\", "[bold]", "[/]"]
)
hostile_text = st.lists(st.one_of(hostile_chars, st.text(max_size=8)), max_size=60).map("".join)
any_text = st.one_of(st.text(), hostile_text, st.text(alphabet=st.characters(codec=None, exclude_categories=())))


@given(any_text)
def test_safe_text_output_holds_no_forbidden_character(text):
    shown = safe_text(text)
    assert forbidden_in(shown) == []
    assert is_safe(shown)


@given(any_text)
def test_safe_text_is_idempotent(text):
    once = safe_text(text)
    assert safe_text(once) == once


@given(st.text(alphabet=st.characters(exclude_categories=("Cc", "Cs")).filter(lambda c: c not in "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\x85")))
def test_ordinary_text_is_unchanged(text):
    assert safe_text(text) == text


@given(any_text)
def test_safe_line_is_one_line(text):
    line = safe_line(text)
    assert "\n" not in line and "\t" not in line
    assert forbidden_in(line) == []


@given(st.binary(max_size=3000))
@settings(max_examples=300)
def test_any_bytes_decode_or_give_one_line(raw):
    try:
        text = decode_bytes(raw)
    except UnreadableFile as err:
        assert str(err) and "\n" not in str(err)
    else:
        assert isinstance(text, str) and "\r" not in text and text.strip()


@given(st.text(min_size=1).filter(str.strip), st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "utf-32"]))
def test_unicode_with_a_bom_or_utf8_round_trips(text, encoding):
    text = text.replace("\r", "")
    if not text.strip():
        return
    try:
        decoded = decode_bytes(text.encode(encoding))
    except UnreadableFile:
        # refusing is only right for text that is mostly control characters or has nothing to read
        controls = sum((ch < " " or ch == "\x7f") and ch not in "\t\n\f\v\x1b" for ch in text)  # DEL is a control too
        assert controls > 4 or not any(ch.isprintable() and not ch.isspace() for ch in text)
        return
    assert decoded == text


@given(any_text.map(lambda t: "".join(ch for ch in t if ch not in "\x1b\x9b\x9d\x90\x98\x9e\x9f\r")))
def test_without_escape_sequences_every_character_keeps_its_place(text):
    """Controls become one placeholder each, so nothing else moves: words and offsets survive."""
    shown = safe_text(text)
    assert len(shown) == len(text)
    assert all(a == b or b == PLACEHOLDER for a, b in zip(text, shown))
