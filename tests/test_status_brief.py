"""The Markdown status brief that `crosswatch export --format md` includes."""
from __future__ import annotations

from store import ids
from store.db import Store
from store.status_brief import render_status_brief

from status_store import labelled_store


def test_brief_has_a_section_per_crossing_with_holder_since_sources_and_quotes(tmp_path):
    with labelled_store(tmp_path / "s") as store:
        brief = render_status_brief(store, as_of="2014-06-24")
    assert brief.startswith("## Crossing status as of 2014-06-24")  # a section of the export's brief
    assert brief.count("\n### ") == 4  # al-qaim, al-waleed, rabia, trebil
    assert "`al-waleed`" not in brief and "(iq)" not in brief  # names for people, no ids
    waleed = brief[brief.index("### Al Waleed / Al Tanf"):brief.index("### Rabia")]
    assert "#### Al Waleed (Iraq): held by **ISIS (Islamic State of Iraq and al-Sham)** since 2014-06-22" in waleed
    assert "independent sources: 2" in waleed
    assert "**CONTESTED**" in waleed and "government forces had retaken Al Waleed" in waleed
    assert "> “But two officials who work at the crossing said it was still held by militants.”" in waleed
    # one quote per incident: the June 22 capture, told by four reports, is quoted once per post
    iq = waleed[: waleed.index("#### Al Tanf (Syria)")]
    capture = next(line for line in iq.splitlines() if "took the crossing on Sunday" in line)
    assert "more report(s) of it: Arab Today (AFP), 2014-06-23; Long War Journal" in capture
    assert iq.count("> “") == 2  # two incidents: the capture, and "still held"


def test_brief_shows_untrusted_text_as_text(tmp_path):
    text = "Gunmen \x1b[2J\x1b]0;pwned\x07seized the <b>Rabia</b> crossing today."
    text_hash = ids.content_hash(text)
    aid = ids.article_id(text_hash)
    event = {"type": "captured", "actor": "militants", "crossing": "rabia", "side": None, "date": None,
             "sentence": text, "start": 0, "end": len(text), "hedged": False, "source": None,
             "actor_text": "Gunmen", "crossing_text": "Rabia", "date_text": None, "extractor": "hand"}
    event.update(id=ids.event_ids(aid, [event])[0], article_id=aid)
    meta = {"id": aid, "name": "x.txt", "path": "x.txt", "title": "x", "source": "Evil\x1b[5m Outlet",
            "published": "2016-01-01", "url": None, "hash": text_hash, "n_events": 1, "ingested_at": None, "extractor": "hand"}
    with Store.open(tmp_path / "s") as store:
        store.replace_articles([(meta, [event], text)])
        brief = render_status_brief(store)
    assert "\x1b" not in brief and "\x07" not in brief
    assert "&lt;b&gt;Rabia&lt;/b&gt;" in brief and "<b>" not in brief


def test_brief_of_an_empty_store_says_so(tmp_path):
    with Store.open(tmp_path / "s") as store:
        assert "No report names a crossing yet." in render_status_brief(store)
