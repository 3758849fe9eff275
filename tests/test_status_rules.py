"""One test per status rule, on small hand-written reports (the real pipeline is in test_status_bundled)."""
from __future__ import annotations

from store.status import StatusEngine, compute_status

from status_helpers import POSTS, article, event, table

AFP = article("afp", "Arab Today (AFP)", "2014-06-23")
LWJ = article("lwj", "Long War Journal", "2014-06-24")
GOV = article("gov", "State TV", "2014-06-24")


def status(events, articles, as_of=None, **kw):
    return table(compute_status(events, articles, as_of=as_of, posts=POSTS, **kw))


def test_a_report_naming_no_side_speaks_for_both_posts():
    st = status([event("captured", "islamic-state", date="2014-06-22", art=LWJ)], [LWJ])
    assert st[("al-waleed", "iq")]["holder"] == st[("al-waleed", "sy")]["holder"] == "islamic-state"
    assert st[("al-waleed", "sy")]["since"] == "2014-06-22"


def test_a_side_specific_report_says_otherwise_for_its_post():
    art = article("x", "Long War Journal", "2015-05-22")
    events = [
        event("captured", "islamic-state", side="sy", art=art),
        event("holds", "iraq-gov", side="iq", art=art),
        event("holds", "iraq-gov", side=None, art=art),  # "Iraqi forces control Al Waleed"
    ]
    st = status(events, [art])
    assert st[("al-waleed", "iq")]["holder"] == "iraq-gov"
    assert st[("al-waleed", "sy")]["holder"] == "islamic-state"
    assert st[("al-waleed", "sy")]["contested"] is False


def test_withdrawal_by_the_holder_leaves_the_post_unheld_not_held_by_the_withdrawer():
    later = article("later", "Long War Journal", "2014-07-01")
    events = [
        event("captured", "iraq-gov", date="2014-06-01", art=LWJ),
        event("withdrew", "iraq-gov", date="2014-06-30", art=later),
    ]
    st = status(events, [LWJ, later], as_of="2014-07-01")
    post = st[("al-waleed", "iq")]
    assert post["holder"] is None and post["since"] == "2014-06-30"
    assert status(events, [LWJ, later], as_of="2014-06-29")[("al-waleed", "iq")]["holder"] == "iraq-gov"


def test_withdrawal_by_someone_else_does_not_change_the_holder():
    events = [
        event("captured", "islamic-state", side="iq", date="2014-06-22", art=LWJ),
        event("withdrew", "iraq-gov", side="iq", date="2014-06-23", art=LWJ),
    ]
    assert status(events, [LWJ])[("al-waleed", "iq")]["holder"] == "islamic-state"


def test_holds_counts_as_of_its_publication_date():
    art = article("p", "Long War Journal", "2014-06-24")
    events = [event("holds", "krg", crossing="rabia", art=art)]
    before = status(events, [art], as_of="2014-06-23")[("rabia", "iq")]  # nothing reported yet: Iraq's, assumed
    assert before["holder"] == "iraq-gov" and before["assumed"] is True and before["since"] is None
    post = status(events, [art], as_of="2014-06-24")[("rabia", "iq")]
    assert post["holder"] == "krg" and post["since"] == "2014-06-24" and post["last_report"] == "2014-06-24"


def test_an_undated_retelling_does_not_override_what_a_report_dates_to_the_same_day():
    art = article("r", "Long War Journal", "2015-05-25")
    events = [
        event("captured", "iraq-gov", crossing="trebil", art=art),  # "subsequently retaken", no date
        event("captured", "islamic-state", crossing="trebil", date="2015-05-25", art=art),
    ]
    post = status(events, [art])[("trebil", "iq")]
    assert post["holder"] == "islamic-state" and post["since"] == "2015-05-25"


def test_rejected_events_are_ignored():
    events = [
        event("captured", "islamic-state", date="2014-06-22", art=LWJ),
        event("captured", "iraq-gov", date="2014-06-23", art=LWJ, decision="rejected"),
    ]
    assert status(events, [LWJ])[("al-waleed", "iq")]["holder"] == "islamic-state"
    only_rejected = [event("holds", "krg", crossing="rabia", art=LWJ, decision="rejected")]
    assert status(only_rejected, [LWJ]) == {}


def test_corrected_fields_are_used():
    # the Store serves the corrected view: the analyst changed the actor from militants to krg
    ev = event("holds", "krg", crossing="rabia", art=LWJ, decision="accepted",
               corrected={"actor": "krg"}, extracted={"actor": "militants"})
    st = status([ev], [LWJ])
    assert st[("rabia", "iq")]["holder"] == "krg" and st[("rabia", "iq")]["assumed"] is False
    assert st[("rabia", "sy")]["holder"] == "syria-gov" and st[("rabia", "sy")]["assumed"]  # krg holds only Iraqi posts


def test_a_claim_and_its_denial_from_two_speakers_contest_the_post():
    art = article("p", "The Peninsula (AFP)", "2014-06-24")
    events = [
        event("captured", "militants", date="2014-06-22", art=art, speaker="officers"),
        event("captured", "iraq-gov", art=art, speaker="Lieutenant General Qassem Atta"),
        event("holds", "militants", art=art, speaker="two officials"),
    ]
    post = status(events, [art])[("al-waleed", "iq")]
    assert post["holder"] == "militants" and post["since"] == "2014-06-22"
    assert post["contested"] is True
    assert post["disputed_by"] == [events[1]["id"]]


def test_a_reported_change_is_not_a_contest():
    old = article("o", "Long War Journal", "2015-05-22")
    new = article("n", "AFP", "2015-05-25")
    events = [
        event("holds", "iraq-gov", side="iq", art=old),
        event("captured", "islamic-state", side="iq", date="2015-05-25", art=new),
    ]
    post = status(events, [old, new])[("al-waleed", "iq")]
    assert post["holder"] == "islamic-state" and post["contested"] is False


def test_disagreement_outside_the_window_is_not_a_contest():
    a = article("a", "Outlet A", "2014-06-01")
    b = article("b", "Outlet B", "2014-06-20")
    # (two forces that can both hold the Iraqi post: krg and sdf would not meet, store.holding)
    events = [event("holds", "krg", crossing="rabia", art=a), event("holds", "iraq-gov", crossing="rabia", art=b)]
    assert status(events, [a, b], window_days=7)[("rabia", "iq")]["contested"] is False
    post = status(events, [a, b], window_days=30)[("rabia", "iq")]
    assert post["contested"] is True and post["holder"] == "iraq-gov"


def test_one_voice_changing_its_mind_is_not_a_contest():
    art = article("m", "Long War Journal", "2015-05-25")
    events = [event("captured", "iraq-gov", art=art), event("captured", "islamic-state", art=art),
              event("captured", "islamic-state", art=art)]
    post = status(events, [art])[("al-waleed", "iq")]
    assert post["contested"] is False and post["holder"] == "islamic-state"


SYNDICATED = (
    "Sunni Arab militants have seized the Al-Waleed border post between Iraq and Syria, officers said on Monday, "
    "meaning that all crossings between the neighbouring countries are now outside government control. The militants "
    "took the crossing on Sunday, a colonel and a captain in the border guards said. Security forces that had been "
    "guarding it headed south to join troops at another crossing with Jordan, they said."
)


def test_syndicated_copies_count_as_one_source():
    one = article("c1", "Arab Today", "2014-06-23", SYNDICATED + " Source: AFP. Other headlines follow.")
    two = article("c2", "The Peninsula", "2014-06-24", "Baghdad: " + SYNDICATED + " Kerry visited Baghdad.")
    other = article("c3", "Reuters", "2014-06-24", "Fighters took a border post on the frontier, sources said.")
    events = [event("captured", "militants", date="2014-06-22", art=a) for a in (one, two, other)]
    post = status(events, [one, two, other])[("al-waleed", "iq")]
    assert post["sources"] == 2
    assert post["incidents"] == 1
    assert len(post["events"]) == 3


def test_the_same_outlet_is_one_source():
    a = article("l1", "Long War Journal", "2015-05-22", "One story about the Syrian side.")
    b = article("l2", "Long War Journal (reposted by MESOP)", "2015-05-25", "Another story about the Iraqi side.")
    events = [event("holds", "sdf", crossing="rabia", art=a), event("holds", "sdf", crossing="rabia", art=b)]
    assert status(events, [a, b])[("rabia", "sy")]["sources"] == 1


def test_open_or_closed_is_kept_apart_from_the_holder():
    events = [
        event("holds", "iraq-gov", crossing="trebil", art=LWJ),
        event("closed", "iraq-gov", crossing="trebil", side="iq", date="2014-06-20", art=LWJ),
    ]
    st = status(events, [LWJ])
    assert st[("trebil", "iq")]["holder"] == "iraq-gov" and st[("trebil", "iq")]["open"] == "closed"
    assert st[("trebil", "jo")]["open"] == "unknown"
    events.append(event("reopened", "iraq-gov", crossing="trebil", side="iq", date="2014-06-23", art=LWJ))
    assert status(events, [LWJ])[("trebil", "iq")]["open"] == "open"


def test_generic_and_named_captors_agree_and_the_named_one_is_shown():
    events = [event("captured", "militants", date="2014-06-22", art=AFP),
              event("captured", "islamic-state", date="2014-06-22", art=LWJ)]
    post = status(events, [AFP, LWJ])[("al-waleed", "iq")]
    assert post["holder"] == "islamic-state" and post["contested"] is False and post["sources"] == 2


def test_status_json_has_the_issue_shape():
    out = compute_status([event("holds", "krg", crossing="rabia", art=LWJ)], [LWJ], posts=POSTS)
    assert out["as_of"] == "2014-06-24"
    keys = {"crossing", "side", "holder", "since", "last_report", "sources", "contested", "events", "open"}
    assert all(keys <= set(p) for p in out["posts"])
    assert {(p["crossing"], p["side"]) for p in out["posts"]} == {("rabia", "iq"), ("rabia", "sy")}


def test_engine_after_one_decision_matches_a_full_recompute():
    events = [event("captured", "islamic-state", date="2014-06-22", art=LWJ),
              event("captured", "iraq-gov", crossing="trebil", date="2014-06-22", art=LWJ),
              event("captured", "iraq-gov", date="2014-06-23", art=LWJ)]
    engine = StatusEngine([LWJ], posts=POSTS).load(events)
    assert table(engine.status())[("al-waleed", "iq")]["holder"] == "iraq-gov"
    rejected = dict(events[2], decision="rejected")
    engine.replace(rejected)
    assert engine.status() == compute_status(events[:2] + [rejected], [LWJ], posts=POSTS)
    assert table(engine.status())[("al-waleed", "iq")]["holder"] == "islamic-state"


def test_as_of_that_is_not_a_date_is_refused():
    import pytest

    with pytest.raises(ValueError, match="YYYY-MM-DD"):
        compute_status([], [], as_of="June")


def test_an_undated_event_told_days_after_a_dated_one_counts_by_then_not_a_year_later():
    art = article("lwj", "Long War Journal", "2015-05-22")
    captured = event("captured", "islamic-state", crossing="trebil", date="2014-06-22", art=art, start=10)
    retaken = event("captured", "iraq-gov", crossing="trebil", art=art, start=200, date_text="just days later")
    st = status([captured, retaken], [art], as_of="2014-12-01")
    assert st[("trebil", "iq")]["holder"] == "iraq-gov" and st[("trebil", "iq")]["since"] == "2014-07-06"
    assert status([captured, retaken], [art], as_of="2014-07-05")[("trebil", "iq")]["holder"] == "islamic-state"
    vague = dict(retaken, date_text="in recent days", id="vague")  # words not tied to the event before
    assert status([captured, vague], [art], as_of="2014-12-01")[("trebil", "iq")]["holder"] == "islamic-state"
    before = dict(retaken, start=1, id="first")  # told before any dated event: nothing to count from
    assert status([captured, before], [art], as_of="2014-12-01")[("trebil", "iq")]["holder"] == "islamic-state"
