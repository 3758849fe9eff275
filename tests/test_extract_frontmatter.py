"""Front matter: read when present, never an exception, odd blocks handled."""
from __future__ import annotations

from store.extract import extract_article
from store.extract.frontmatter import split_front_matter


def test_all_four_keys_are_read_and_the_title_is_not_prepended():
    raw = "---\ntitle: Militants seize crossing\nsource: The Peninsula\npublished: 2014-06-24\nurl: https://x.org/a\n---\nBody line.\n"
    result = extract_article(raw)
    assert result.meta == {"title": "Militants seize crossing", "source": "The Peninsula",
                           "published": "2014-06-24", "url": "https://x.org/a", "capped": False, "inferred": []}
    assert result.text == "Body line."


def test_missing_keys_are_none():
    fields, body = split_front_matter("---\ntitle: Only a title\n---\nText.")
    assert fields == {"title": "Only a title", "source": None, "published": None, "url": None}
    assert body == "Text."


def test_unclosed_block_ends_at_the_first_non_metadata_line():
    fields, body = split_front_matter("---\ntitle: T\npublished: 2015-05-22\nIslamic State seizes the Al Tanf crossing.\n")
    assert fields["published"] == "2015-05-22"
    assert body.startswith("Islamic State seizes")


def test_nested_and_odd_keys_are_ignored():
    raw = "---\ntags:\n  - iraq\n  - syria\nauthor: {name: x}\nTitle: 'Quoted title'\n---\nText."
    fields, body = split_front_matter(raw)
    assert fields["title"] == "Quoted title" and body == "Text."


def test_a_published_value_that_is_not_a_date_gives_none():
    result = extract_article("---\npublished: last Tuesday\n---\nMilitants took the Trebil crossing yesterday.")
    assert result.meta["published"] is None


def test_impossible_published_date_gives_none():
    assert extract_article("---\npublished: 2014-13-45\n---\nText.").meta["published"] is None


def test_command_line_date_overrides_the_file():
    assert extract_article("---\npublished: 2014-06-24\n---\nText.", published="2015-01-02").meta["published"] == "2015-01-02"


def test_text_without_front_matter_is_all_body():
    fields, body = split_front_matter("No block here.\n---\nnot: metadata")
    assert body.startswith("No block here.") and fields["title"] is None


def test_control_characters_in_values_are_made_safe():
    fields, _ = split_front_matter("---\ntitle: Bad\x1b]0;pwned\x07 title\n---\nx")
    assert "\x1b" not in fields["title"] and "\x07" not in fields["title"]


def test_windows_line_ends_and_a_byte_order_mark():
    raw = "\ufeff---\r\ntitle: T\r\npublished: 2014-06-24\r\n---\r\nMilitants took the Al Waleed crossing on Sunday.\r\n"
    result = extract_article(raw)
    assert result.meta["title"] == "T" and result.meta["published"] == "2014-06-24"
    assert result.text == "Militants took the Al Waleed crossing on Sunday."
    assert result.events[0]["date"] == "2014-06-22"


def test_empty_and_metadata_only_files_give_no_text_and_no_error():
    for raw in ("", "---\n---\n", "---\ntitle: x\n"):
        result = extract_article(raw)
        assert result.text == "" and result.events == []


def test_a_file_without_front_matter_gives_its_headline_and_wire_as_title_and_source():
    raw = ("Syrian rebels seize crossing on Turkish border\n\nAKCAKALE, Turkey, Sept 19 (Reuters) - Syrian rebels "
           "seized the Tal Abyad crossing on Wednesday, a Turkish official said.")
    meta = extract_article(raw).meta
    assert meta["title"] == "Syrian rebels seize crossing on Turkish border" and meta["source"] == "Reuters"
    assert set(meta["inferred"]) >= {"title", "source"}
    assert extract_article("A sentence that ends.\n\nMore text.").meta["title"] is None  # not a headline
