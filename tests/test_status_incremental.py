"""The engine the browser keeps, updated one decision or correction at a time, always equals a full recompute."""
from __future__ import annotations

import random
from datetime import date, timedelta

import pytest

from store.holding import can_hold, state_of
from store.status import StatusEngine, compute_status

from status_helpers import POSTS, article

ACTORS = ["islamic-state", "militants", "iraq-gov", "krg", "sdf", "hts", "pmf", "syria-gov", "jordan-gov"]  # allies too
TYPES = ["captured", "captured", "holds", "holds", "withdrew", "attacked", "reinforced", "closed", "reopened"]
CROSSINGS = ["al-waleed", "trebil", "rabia"]


def random_event(rng: random.Random, n: int, articles: list[dict]) -> dict:
    art = rng.choice(articles)
    crossing = rng.choice(CROSSINGS)
    published = date.fromisoformat(art["published"])
    return {
        "id": f"r{n:04d}", "type": rng.choice(TYPES), "actor": rng.choice(ACTORS), "crossing": crossing,
        "side": rng.choice([None, None, *POSTS[crossing]]),
        "date": rng.choice([None, (published - timedelta(days=rng.randrange(4))).isoformat()]),
        "article_id": art["id"], "published": art["published"], "outlet": art["source"],
        "source": rng.choice([None, "officials", "a spokesman"]), "hedged": rng.random() < 0.2, "decision": None,
        "date_text": rng.choice([None, None, "just days later", "a week later"]), "start": rng.randrange(2000),
    }


def change(rng: random.Random, event: dict) -> dict:
    """What an analyst may do: reject, accept, or correct a field."""
    event = dict(event)
    what = rng.choice(["decision", "actor", "side", "date", "date", "type", "crossing"])
    if what == "decision":
        event["decision"] = rng.choice(["rejected", "accepted", None])
    elif what == "actor":
        event["actor"] = rng.choice(ACTORS)
    elif what == "side":
        event["side"] = rng.choice([None, *POSTS[event["crossing"]]])
    elif what == "date":
        event["date"] = rng.choice([None, "2014-06-20", "2014-07-01", event["published"]])
    elif what == "type":
        event["type"] = rng.choice(TYPES)
    else:
        event["crossing"] = rng.choice(CROSSINGS)
        event["side"] = None
    return event


def timeline_rows(engine, crossing):
    from store.status_timeline import crossing_timeline

    timeline = crossing_timeline(engine, crossing)
    if timeline is None:
        return None
    return {side: [(s.start, s.end, s.holder, s.contested, s.open, tuple(s.events)) for s in segs]
            for side, segs in timeline.segments.items()}


def test_one_change_at_a_time_matches_a_full_recompute():
    rng = random.Random(5)
    start = date(2014, 6, 1)
    articles = [article(f"a{i}", rng.choice(["AFP", "Reuters", "Long War Journal", "Rudaw"]),
                        (start + timedelta(days=rng.randrange(60))).isoformat()) for i in range(25)]
    events = {e["id"]: e for e in (random_event(rng, n, articles) for n in range(300))}
    engine = StatusEngine(articles, posts=POSTS).load(list(events.values()))
    days = ["2014-06-10", "2014-06-25", "2014-07-20", None]
    for as_of in days:
        engine.status(as_of)  # fill every cache first, so updates really are incremental
    for step in range(120):
        changed = change(rng, rng.choice(list(events.values())))
        if step % 2:  # the Store changes its served dicts in place, then says which changed
            events[changed["id"]].update(changed)
            changed = events[changed["id"]]
        events[changed["id"]] = changed
        engine.replace(changed)
        as_of = rng.choice(days)
        expected = compute_status(list(events.values()), articles, as_of=as_of, posts=POSTS)
        assert engine.status(as_of) == expected, f"step {step}: {changed}"
        if step % 10 == 9:  # every day of every post, through the timeline
            fresh = StatusEngine(articles, posts=POSTS).load(list(events.values()))
            for crossing in CROSSINGS:
                assert timeline_rows(engine, crossing) == timeline_rows(fresh, crossing), f"step {step}: {crossing}"


def test_the_one_claim_shortcut_gives_what_the_general_rules_give(monkeypatch):
    import store.holders

    rng = random.Random(9)
    articles = [article(f"b{i}", rng.choice(["AFP", "Reuters", "Rudaw"]), f"2014-06-{rng.randrange(1, 29):02d}")
                for i in range(30)]
    events = [random_event(rng, n, articles) for n in range(400)]
    fast = compute_status(events, articles, as_of="2014-06-20", posts=POSTS)
    monkeypatch.setattr(store.holders, "FAST", False)
    assert compute_status(events, articles, as_of="2014-06-20", posts=POSTS) == fast


def check_invariants(status: dict, events: dict) -> None:
    """What holds for any status: holders come from their supporting reports, dates do not pass as_of."""
    as_of = status["as_of"]
    for post in status["posts"]:
        support = [events[i] for i in post["events"]]
        assert all(e.get("decision") != "rejected" for e in support)
        assert all(events[i].get("crossing") == post["crossing"] for i in post["events"] + post["disputed_by"])
        if post["assumed"]:  # no report names a holder yet: the post's own state's, with no evidence
            assert post["holder"] == state_of(post["side"]) and not support and post["since"] is None
        elif post["holder"]:
            assert post["holder"] in {e["actor"] for e in support if e["type"] in ("captured", "holds")}
            assert post["holders"][0] == post["holder"]
            assert all(can_hold(h, post["side"]) for h in post["holders"])  # no post to a force that cannot hold it
            assert post["sources"] >= 1 and post["incidents"] >= 1
        for day in (post["since"], post["last_report"]):
            assert day is None or day <= as_of
        assert post["open"] in ("open", "closed", "unknown")
        if post["contested"]:
            assert post["disputed_by"] or post["holder"] is None


def test_every_status_keeps_its_invariants():
    rng = random.Random(11)
    articles = [article(f"c{i}", rng.choice(["AFP", "Reuters", "Rudaw"]), f"2014-0{rng.randrange(6, 9)}-{rng.randrange(1, 29):02d}")
                for i in range(20)]
    events = {e["id"]: e for e in (random_event(rng, n, articles) for n in range(250))}
    engine = StatusEngine(articles, posts=POSTS).load(list(events.values()))
    for step in range(40):
        changed = change(rng, rng.choice(list(events.values())))
        events[changed["id"]] = changed
        engine.replace(changed)
        check_invariants(engine.status(rng.choice(["2014-06-15", "2014-07-15", "2014-08-30"])), events)


def history_rows(engine, crossing):
    return {post: [(s.start, s.holder, s.why, s.weak, tuple(c.event_id for c in s.support)) for s in h.stretches]
            for post, h in engine.histories(crossing).items()}


@pytest.mark.slow
@pytest.mark.parametrize("seed", range(12))
def test_incremental_histories_equal_fresh_ones_after_every_change(seed):
    rng = random.Random(seed)
    articles = [article(f"s{i}", rng.choice(["AFP", "Reuters", "Rudaw"]), f"2014-0{rng.randrange(6, 9)}-{rng.randrange(1, 29):02d}")
                for i in range(25)]
    events = {e["id"]: e for e in (random_event(rng, n, articles) for n in range(300))}
    engine = StatusEngine(articles, posts=POSTS).load(list(events.values()))
    for crossing in CROSSINGS:
        engine.histories(crossing)
    for step in range(150):
        changed = change(rng, rng.choice(list(events.values())))
        events[changed["id"]] = changed
        engine.replace(changed)
        fresh = StatusEngine(articles, posts=POSTS).load(list(events.values()))
        for crossing in CROSSINGS:
            assert history_rows(engine, crossing) == history_rows(fresh, crossing), f"seed {seed} step {step}"
