"""The fast paths of the status engine give what the plain rules give.

Each shortcut taken to make a full status of 100,000 events fast (bench/status.py) is
checked here against a literal, slow statement of the rule it stands for.
"""
from __future__ import annotations

import gc
import random
import re
import zlib
from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from store.actors import camps_of, compatible
from store.asof import change_dates
from store.bounds import bounded_events
from store.claims import effective
from store.incidents import incident_index
from store.quiet_gc import collector_paused
from store.shingles import LEDE_SHINGLES, Shingles, words
from store.sources import syndication
from store.status import StatusEngine

from status_helpers import POSTS, article
from test_status_incremental import random_event

WORD = re.compile(r"\w+")


# -- words and 5-grams -----------------------------------------------------------------

def plain_words(text: str) -> list[bytes]:
    return [w.encode("utf-8") for w in WORD.findall(text.lower())]


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab Z_9.,’'-\n\tçÖıİşKⅫé—") + ["\u0307", "ǅ", "ß"]), max_size=80))
def test_words_are_the_lower_case_word_runs(text):
    assert words(text) == plain_words(text)


def test_words_of_reports_with_turkish_names_and_curly_quotes():
    text = "Öncüpınar’s gate: Turkish troops (TSK) HOLD it — said İbrahim; 3 K\u212a."
    assert words(text) == plain_words(text)
    assert words("Syria’s border") == [b"syria", b"s", b"border"]


def plain_shingles(text: str):
    """The 5-gram hashes and samples as first written: word CRCs, tuple hashes, hash % 8 == 0."""
    ids = [zlib.crc32(w) for w in plain_words(text)]
    hashes = [hash(t) for t in zip(*(ids[i:] for i in range(5)))]
    lede, every = set(hashes[:LEDE_SHINGLES]), set(hashes)
    return lede, every, {h for h in lede if h % 8 == 0}, {h for h in every if h % 8 == 0}


def test_shingles_and_samples_are_the_same_hashes():
    rng = random.Random(1)
    vocabulary = "the militants seized crossing border post Al Waleed Syrian Iraqi forces said Öncüpınar".split()
    for n in (0, 3, 5, 60, 199, 200, 201, 204, 205, 450):
        text = " ".join(rng.choice(vocabulary) for _ in range(n))
        got = Shingles(text, {})
        assert (got.lede, got.every, got.lede_sample, got.sample) == plain_shingles(text)
        assert bool(got.hashes) == bool(got.lede)


# -- syndicated copies -------------------------------------------------------------------

def plain_syndication(articles: list[dict], window: int = 7) -> dict:
    """The copy rule pair by pair, as first written (estimate, then the exact share)."""
    def share(a, b):
        lede, _, lede_s, _ = a
        _, every, _, sample = b
        if not lede:
            return 0.0
        if len(lede_s) >= 8 and len(lede_s & sample) / len(lede_s) < 0.35:
            return 0.0
        return len(lede & every) / len(lede)

    prints = {a["id"]: plain_shingles(a.get("text") or "") for a in articles}
    day = {a["id"]: date.fromisoformat(a["published"]) if a.get("published") else None for a in articles}
    original, recent = {}, []
    for art in sorted(articles, key=lambda a: (a.get("published") or "9999", a["id"])):
        aid = art["id"]
        recent = [r for r in recent if day[r] is None or day[aid] is None or (day[aid] - day[r]).days <= window]
        original[aid] = None
        for earlier in recent:
            if original[earlier] is None and max(share(prints[aid], prints[earlier]), share(prints[earlier], prints[aid])) >= 0.5:
                original[aid] = earlier
                break
        recent.append(aid)
    return original


def test_copies_found_are_those_of_the_plain_rule():
    rng = random.Random(7)
    sentences = [f"Sentence {i} about the crossing at post {i % 7} told by officials on day {i}." for i in range(120)]
    stories = [rng.sample(sentences, 40) for _ in range(12)]
    articles = []
    for n in range(70):
        story = rng.choice(stories)
        keep = rng.choice([1.0, 0.8, 0.6, 0.5, 0.3])  # reprints that drop or reorder part of the story
        body = [s for s in story if rng.random() < keep] + rng.sample(sentences, rng.randrange(0, 10))
        published = (date(2014, 6, 1) + timedelta(days=rng.randrange(30))).isoformat() if n % 9 else None
        articles.append(article(f"a{n:02d}", rng.choice(["AFP", "Rudaw", "Reuters"]), published, " ".join(body)))
    found = syndication(articles)
    assert found == plain_syndication(articles)
    assert sum(v is not None for v in found.values()) > 5  # the case is not empty


# -- holders, incidents, change dates -----------------------------------------------------

def plain_camps(actors):
    camps = []
    for actor in actors:
        for camp in camps:
            if all(compatible(actor, member) for member in camp):
                camp.add(actor)
                break
        else:
            camps.append({actor})
    return camps


def test_camps_are_first_fit_camps():
    rng = random.Random(3)
    names = ["militants", "islamic-state", "hts", "iraq-gov", "krg", "syria-opposition"]
    for _ in range(300):
        actors = [rng.choice(names) for _ in range(rng.randrange(1, 7))]
        assert camps_of(actors) == plain_camps(actors)
        plain = [a for a in actors if a != "militants"]
        assert camps_of(plain) == plain_camps(plain)


def random_world(seed: int, n: int):
    rng = random.Random(seed)
    start = date(2014, 6, 1)
    articles = [article(f"a{i}", rng.choice(["AFP", "Reuters", "Rudaw"]), (start + timedelta(days=rng.randrange(40))).isoformat())
                for i in range(20)]
    events = [random_event(rng, k, articles) for k in range(n)]
    for e in events[::11]:
        e["date"] = "June"  # a date that does not parse counts as undated
    for e in events[::13]:
        e["decision"] = "rejected"
    return articles, events


def test_incidents_counted_from_one_day_are_those_of_all_reports():
    for seed in range(6):
        articles, events = random_world(seed, 400)
        index = incident_index(events)
        engine = StatusEngine(articles, posts=POSTS).load(events)
        for as_of in ("2014-06-10", "2014-06-25", None):
            for post in engine.status(as_of)["posts"]:
                expected = len({index.get(i, i) for i in post["events"]})
                assert post["incidents"] == expected


def plain_change_dates(events):
    bounds = bounded_events(events)
    days = set()
    for event in events:
        if event.get("decision") == "rejected" or not event.get("crossing"):
            continue
        when = effective(event, bounds.get(event["id"]))
        if when is not None:
            days.add(when[0].isoformat())
    return sorted(days)


def test_change_dates_are_every_effective_day():
    for seed in range(6):
        _, events = random_world(seed, 300)
        assert change_dates(events) == plain_change_dates(events)


# -- the collector pause and the CLI's reading of texts -------------------------------------

def test_the_collector_comes_back_as_it_was():
    assert gc.isenabled()
    with collector_paused():
        with collector_paused():
            assert not gc.isenabled()
        assert not gc.isenabled()
    assert gc.isenabled()
    gc.disable()
    try:
        with collector_paused():
            pass
        assert not gc.isenabled()  # it was off before: it stays off
    finally:
        gc.enable()


def test_the_status_reads_each_text_shard_once(tmp_path, monkeypatch):
    from store.db import Store
    from store.db.corpus import Corpus
    from store.status import engine_for

    folder = tmp_path / "reports"
    folder.mkdir()
    for n in range(40):  # ids hash into all 16 shards, in no order the store keeps
        (folder / f"report-{n:02d}.txt").write_text(
            f"Report {n}. Militants seized the Al Waleed border crossing on June {n % 28 + 1}, 2014, officials said.\n",
            encoding="utf-8")
    reads = []
    original = Corpus.load_texts
    monkeypatch.setattr(Corpus, "load_texts", lambda self, shard: reads.append(shard) or original(self, shard))
    with Store.open(tmp_path / "store") as store:
        store.ingest(sorted(folder.iterdir()))
        store.wait_ready()
        reads.clear()
        engine_for(store).status()
    assert len(set(reads)) > 8 and len(reads) == len(set(reads))  # in store order: read again and again
