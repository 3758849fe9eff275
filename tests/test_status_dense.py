"""Contested on dense crossings: `disputing` finds what comparing every pair finds, without comparing every pair.

A report listing thousands of events at one crossing within days (bench/big_article.py: a
1 MB report, 9,260 captures of Al Waleed on one day) made `disputing` compare every pair of
live claims: ~43 million comparisons, ~8 s a post. These tests pin the fast path to the
literal rule (`disputing_pairwise`) on random claim sets, and check the work a dense
crossing costs by counting it (calls), never by the clock.
"""
from __future__ import annotations

import random
from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import store.contest as contest
from store.claims import Claim
from store.contest import disputing, disputing_pairwise, rivalled, unsettled
from store.status import StatusEngine
from store.status_timeline import crossing_timeline

from bench.status import big_report  # bench/big_article.py's report, as the bench times it
from status_helpers import POSTS

ACTORS = ["islamic-state", "militants", "iraq-gov", "hts", "syria-opposition", None]
START = date(2014, 6, 20)


@st.composite
def claim_sets(draw):
    """Claims of one post sorted as the engine keeps them: by (day, tier, event id); ids unique."""
    n = draw(st.integers(0, 40))
    span = draw(st.integers(0, 30))
    claims = [
        Claim(f"e{i:03d}", draw(st.sampled_from(["captured", "holds", "holds", "attacked", "withdrew"])),
              draw(st.sampled_from(ACTORS)), None, START + timedelta(days=draw(st.integers(0, span))),
              draw(st.integers(0, 1)), draw(st.sampled_from(["afp", "lwj", "article:x", "sana"])),
              draw(st.sampled_from([None, None, "officials", "a spokesman"])), draw(st.booleans()))
        for i in range(n)
    ]
    return sorted(claims, key=lambda c: (c.day, c.tier, c.event_id))


@settings(max_examples=400, deadline=None)
@given(claim_sets(), st.integers(0, 9), st.integers(-3, 35), st.one_of(st.none(), st.integers(-10, 35)))
def test_disputing_is_what_comparing_every_pair_gives(claims, window, as_of, since):
    as_of = START + timedelta(days=as_of)
    since = None if since is None else START + timedelta(days=since)
    assert disputing(claims, since, as_of, window) == disputing_pairwise(claims, since, as_of, window)


@settings(max_examples=300, deadline=None)
@given(claim_sets(), st.integers(0, 9))
def test_rivalled_keeps_every_claim_with_a_rival_in_order(claims, window):
    """Also on claims `unsettled` would have dropped (no actor, not a holder claim): the bare pair rule."""
    span = timedelta(days=window)
    expected = [a for a in claims if any(
        b is not a and abs(b.day - a.day) <= span and not contest.compatible(a.actor, b.actor)
        and contest.different_voices(a, b) for b in claims)]
    assert rivalled(claims, window) == expected


def dense_events(n: int, days: int, seed: int, actors=("islamic-state", "iraq-gov", "militants", "syria-gov"),
                 types=("captured", "holds", "holds", "attacked", "withdrew")) -> tuple[list[dict], list[dict]]:
    """`n` events at Al Waleed within `days` days, from 60 articles of 20 outlets."""
    rng = random.Random(seed)
    articles = [{"id": f"a{i:03d}", "source": f"Outlet {i % 20}",
                 "published": (START + timedelta(days=rng.randrange(days + 2))).isoformat(), "text": f"Report {i}."}
                for i in range(60)]
    events = []
    for k in range(n):
        art = rng.choice(articles)
        published = date.fromisoformat(art["published"])
        events.append({
            "id": f"d{k:05d}", "type": rng.choice(types), "actor": rng.choice(actors), "crossing": "al-waleed",
            "side": rng.choice([None, None, "iq", "sy"]),
            "date": rng.choice([None, (published - timedelta(days=rng.randrange(3))).isoformat()]),
            "article_id": art["id"], "published": art["published"], "outlet": art["source"],
            "source": rng.choice([None, "officials", "a spokesman"]), "hedged": rng.random() < 0.2,
            "decision": None, "date_text": None,
        })
    return events, articles


@pytest.mark.parametrize("seed", range(4))
def test_a_dense_crossing_gets_the_status_and_timeline_of_the_pairwise_rule(seed, monkeypatch):
    events, articles = dense_events(600, days=3, seed=seed, types=("holds", "holds", "captured", "attacked"))
    engine = StatusEngine(articles, posts=POSTS).load(events)
    fast = engine.status(), crossing_timeline(engine, "al-waleed")
    monkeypatch.setattr("store.status.disputing", disputing_pairwise)
    engine = StatusEngine(articles, posts=POSTS).load(events)
    slow = engine.status(), crossing_timeline(engine, "al-waleed")
    assert fast == slow
    assert any(p["contested"] for p in fast[0]["posts"])  # the case under test: disputes in a crowd


class Counted:
    def __init__(self, fn):
        self.fn, self.calls = fn, 0

    def __call__(self, *args):
        self.calls += 1
        return self.fn(*args)


def test_thousands_of_alike_claims_on_one_day_are_answered_once(monkeypatch):
    counted = Counted(contest.compatible)
    monkeypatch.setattr(contest, "compatible", counted)
    rivals = Counted(contest._Tally.has_rival)
    monkeypatch.setattr(contest._Tally, "has_rival", lambda self, c: rivals(self, c))
    events, articles = big_report(5000)
    engine = StatusEngine(articles, posts=POSTS).load(events)
    posts = engine.status()["posts"]
    assert [p["contested"] for p in posts] == [False, False] and {p["holder"] for p in posts} == {"militants"}
    crossing_timeline(engine, "al-waleed")
    assert rivals.calls <= 4  # one question per post, status and timeline: the claims are alike
    assert counted.calls <= 5000  # settling walks each claim once (pairwise: 12.5 million a post)


def test_two_camps_in_one_voice_are_answered_per_kind_of_claim(monkeypatch):
    """3,000 captures by militants and 3,000 holds by the government, all one article quoting one officer:
    one voice, so not contested; pairwise: 18 million comparisons a post."""
    rivals = Counted(contest._Tally.has_rival)
    monkeypatch.setattr(contest._Tally, "has_rival", lambda self, c: rivals(self, c))
    events, articles = big_report(6000)
    for event in events[1::2]:
        event.update(type="holds", actor="iraq-gov", date="2014-06-23")
    engine = StatusEngine(articles, posts=POSTS).load(events)
    posts = engine.status()["posts"]
    assert [p["contested"] for p in posts] == [False, False]
    assert rivals.calls <= 2 * 2 * 2  # per post: per day, per (actor, source, speaker)


def test_a_dense_crossing_costs_a_few_lookups_per_claim(monkeypatch):
    counted = Counted(contest.compatible)
    monkeypatch.setattr(contest, "compatible", counted)
    added = Counted(contest._Tally.add)
    monkeypatch.setattr(contest._Tally, "add", lambda self, c, k: added(self, c, k))
    claims = []
    rng = random.Random(5)
    for i in range(4000):  # 4,000 holds within 5 days, 4 actors, 10 sources, 3 speakers: nothing settles them
        claims.append(Claim(f"h{i:05d}", "holds", rng.choice(["islamic-state", "iraq-gov", "militants", "hts"]), None,
                            START + timedelta(days=rng.randrange(5)), 1, f"s{rng.randrange(10)}",
                            rng.choice([None, "officials", "a spokesman"]), False))
    claims.sort(key=lambda c: (c.day, c.tier, c.event_id))
    live = unsettled(claims, START, START + timedelta(days=10), 7)
    assert len(live) == 4000
    counted.calls = 0
    found = rivalled(live, 7)
    assert len(found) == 4000
    assert added.calls <= 2 * len(live)  # each claim enters and leaves the window once
    # a question per day and (actor, source, speaker), a few actors each: pairwise makes ~8 million
    assert counted.calls <= 5 * 4 * 10 * 3 * 4
