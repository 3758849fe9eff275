"""Posts a force can hold, the ousted side, the assumed state, allies (data/holding.json; issue 11 points 1 and 3).

Small hand-made events for each rule, then real sentences through the real extractor and store.
"""
from __future__ import annotations

import pytest

from store.db import Store
from store.holding import can_hold, state_of
from store.ingest import ingest_paths
from store.names import holder_text
from store.status import StatusEngine, compute_status, engine_for

from status_helpers import article, event, table, write_reports

POSTS = {"al-waleed": ("iq", "sy"), "trebil": ("iq", "jo"), "rabia": ("iq", "sy"), "al-qaim": ("iq", "sy"),
         "nasib": ("sy", "jo"), "tal-abyad": ("sy", "tr")}
A = article("a", "Outlet A", "2014-06-24")
B = article("b", "Outlet B", "2014-06-24")


def status(events, articles=(A, B), as_of="2018-12-31"):
    return table(compute_status(list(events), list(articles), as_of=as_of, posts=POSTS))


def test_the_data_file_covers_every_bundled_faction():
    from store.datafiles import load

    # the factions docs/EVENTS.md says must exist (one added later and not listed can hold any post)
    required = {"islamic-state", "militants", "iraq-gov", "pmf", "krg", "syria-gov", "sdf", "syria-opposition", "hts",
                "jordan-gov", "turkey-gov", "lebanon-gov", "hezbollah", "us-coalition", "russia", "iran"}
    entries = load("holding.json")["factions"]
    assert required <= set(entries) and set(entries) <= {f["id"] for f in load("factions.json")["factions"]}
    assert all(e.get("why") for e in entries.values())
    assert all(a.get("why") and len(a["members"]) == 2 for a in load("holding.json")["alliances"])
    assert state_of("iq") == "iraq-gov" and state_of("jo") == "jordan-gov" and state_of("xx") is None
    assert not can_hold("sdf", "iq") and not can_hold("islamic-state", "jo") and can_hold("us-coalition", "jo")
    assert can_hold("a-users-own-faction", "jo")  # not in the file: any post


def test_an_iraqi_retake_naming_no_side_is_the_iraqi_post():
    st = status([event("captured", "iraq-gov", date="2014-06-23", art=A)])  # "Iraqi forces retook Al Waleed"
    assert st[("al-waleed", "iq")]["holder"] == "iraq-gov" and st[("al-waleed", "iq")]["assumed"] is False
    assert st[("al-waleed", "sy")]["holder"] == "syria-gov" and st[("al-waleed", "sy")]["assumed"] is True


def test_islamic_state_naming_no_side_speaks_for_both_posts_but_never_jordans():
    st = status([event("captured", "islamic-state", date="2014-06-22", art=A),
                 event("captured", "islamic-state", crossing="trebil", date="2014-06-22", art=A)])
    assert st[("al-waleed", "iq")]["holder"] == st[("al-waleed", "sy")]["holder"] == "islamic-state"
    assert st[("trebil", "iq")]["holder"] == "islamic-state"
    assert (st[("trebil", "jo")]["holder"], st[("trebil", "jo")]["assumed"]) == ("jordan-gov", True)


def test_the_ypg_at_rabia_is_the_syrian_post_even_when_a_report_says_iraq():
    # "the YPG control the al Yarobiyyi/Rabia crossing with ... Iraq's Ninewa province" read as the Iraqi post
    st = status([event("holds", "krg", crossing="rabia", date="2014-06-23", art=A),
                 event("holds", "sdf", crossing="rabia", side="iq", art=B)])
    assert st[("rabia", "iq")]["holder"] == "krg" and st[("rabia", "iq")]["contested"] is False
    assert st[("rabia", "sy")]["holder"] == "sdf"


@pytest.mark.parametrize("crossing,wrong,right,actor", [
    ("nasib", "jo", "sy", "syria-gov"),  # Nasib's Jordanian post went to Syrian forces
    ("tal-abyad", "tr", "sy", "sdf"),  # Tal Abyad's Turkish post to the YPG
])
def test_a_side_the_actor_cannot_hold_is_read_as_no_side(crossing, wrong, right, actor):
    st = status([event("captured", actor, crossing=crossing, side=wrong, date="2015-06-15", art=A)])
    assert st[(crossing, right)]["holder"] == actor
    assert st[(crossing, wrong)]["holder"] == state_of(wrong) and st[(crossing, wrong)]["assumed"] is True


def test_a_force_that_can_hold_no_post_of_the_crossing_is_left_out_of_the_status():
    st = status([event("captured", "jordan-gov", date="2014-06-23", art=A)])  # Jordan at Al Waleed: a misreading
    assert all(p["assumed"] and not p["events"] for k, p in st.items() if k[0] == "al-waleed")


def test_who_left_says_which_post_a_side_less_capture_took():
    # AFP, June 2014: "The militants took the crossing on Sunday ... Security forces that had been guarding it headed south"
    events = [event("captured", "militants", date="2014-06-22", art=A),
              event("withdrew", "iraq-gov", art=A),
              event("captured", "islamic-state", date="2014-06-22", art=B)]  # another outlet's report of the same capture
    st = status(events)
    assert st[("al-waleed", "iq")]["holder"] == "islamic-state"
    assert set(st[("al-waleed", "iq")]["events"]) == {events[0]["id"], events[2]["id"]}
    assert (st[("al-waleed", "sy")]["holder"], st[("al-waleed", "sy")]["assumed"]) == ("syria-gov", True)


def test_a_withdrawal_far_from_the_capture_pins_nothing():
    late = article("late", "Outlet A", "2015-05-25")
    events = [event("captured", "islamic-state", date="2014-06-22", art=late),  # "previously captured ... June 22, 2014"
              event("withdrew", "iraq-gov", date="2015-05-25", art=late)]
    st = status(events, [late], as_of="2014-06-30")
    assert st[("al-waleed", "sy")]["holder"] == "islamic-state"


def test_the_assumed_state_leaving_its_post_leaves_it_unheld():
    st = status([event("withdrew", "jordan-gov", crossing="trebil", side="jo", date="2014-06-23", art=A)])
    post = st[("trebil", "jo")]
    assert (post["holder"], post["assumed"], post["since"]) == (None, False, "2014-06-23")
    assert status([event("withdrew", "jordan-gov", crossing="trebil", side="jo", date="2014-06-23", art=A)],
                  as_of="2014-06-22")[("trebil", "jo")]["assumed"] is True


def test_allies_capturing_together_hold_the_post_jointly():
    # "Iraqi troops and the Popular Mobilisation Forces retook the Al Qaim border crossing"
    events = [event("captured", "iraq-gov", crossing="al-qaim", side="iq", date="2017-11-03", art=A),
              event("captured", "pmf", crossing="al-qaim", side="iq", date="2017-11-03", art=A),
              event("holds", "pmf", crossing="al-qaim", date="2017-11-04", art=B)]
    post = status(events)[("al-qaim", "iq")]
    assert post["holders"] == ["pmf", "iraq-gov"] and post["holder"] == "pmf"  # most reported first
    assert post["contested"] is False and post["since"] == "2017-11-03"
    assert holder_text(post) == "Popular Mobilization Forces + Iraqi government forces"
    assert holder_text(post, names=False) == "pmf + iraq-gov"


def test_allies_do_not_contest_each_other_but_enemies_do():
    events = [event("holds", "syria-gov", crossing="al-qaim", side="sy", date="2017-11-10", art=A),
              event("holds", "hezbollah", crossing="al-qaim", side="sy", date="2017-11-10", art=B)]
    post = status(events)[("al-qaim", "sy")]
    assert post["contested"] is False and set(post["holders"]) == {"syria-gov", "hezbollah"}
    rival = status(events + [event("holds", "islamic-state", crossing="al-qaim", side="sy", date="2017-11-10",
                                   art=article("c", "Outlet C", "2017-11-10"))])[("al-qaim", "sy")]
    assert rival["contested"] is True


def test_a_decision_that_moves_a_pin_gives_what_a_fresh_engine_gives():
    events = [event("captured", "militants", date="2014-06-22", art=A, id="cap"),
              event("withdrew", "iraq-gov", art=A, id="left")]
    engine = StatusEngine([A, B], posts=POSTS).load(events)
    assert table(engine.status())[("al-waleed", "sy")]["assumed"] is True
    rejected = dict(events[1], decision="rejected")
    engine.replace(rejected)
    fresh = compute_status([events[0], rejected], [A, B], posts=POSTS)
    assert engine.status() == fresh
    assert table(fresh)[("al-waleed", "sy")]["holder"] == "militants"


REPORTS = {
    "joint.txt": ("2017-11-03", "Iraqi troops and the Popular Mobilisation Forces retook the Al Qaim border crossing "
                                "with Syria on Friday, the military said."),
    "rabia.txt": ("2015-05-25", "The Kurdish People's Protection Units (YPG) control the Rabia crossing in Iraq's "
                                "Ninewa province."),
    "nasib.txt": ("2018-07-06", "Syrian government forces on Friday took control of the Nasib crossing with Jordan, "
                                "a war monitor said."),
}


def test_real_sentences_through_the_extractor_and_the_store(tmp_path):
    paths = write_reports(tmp_path, REPORTS)
    store = Store.open(tmp_path / "store")
    try:
        ingest_paths(store, paths)
        posts = table(engine_for(store).status("2018-12-31"))
    finally:
        store.close()
    qaim = posts[("al-qaim", "iq")]
    assert set(qaim["holders"]) == {"iraq-gov", "pmf"} and not qaim["contested"]  # jointly, not unknown
    assert (posts[("al-qaim", "sy")]["holder"], posts[("al-qaim", "sy")]["assumed"]) == ("syria-gov", True)
    assert posts[("rabia", "sy")]["holder"] == "sdf"
    assert posts[("rabia", "iq")]["holder"] == "iraq-gov" and posts[("rabia", "iq")]["assumed"]
    assert posts[("nasib", "sy")]["holder"] == "syria-gov" and not posts[("nasib", "sy")]["assumed"]
    assert posts[("nasib", "jo")]["holder"] == "jordan-gov" and posts[("nasib", "jo")]["assumed"]


def test_when_both_posts_forces_left_the_capture_is_of_both_whatever_the_order():
    for order in (1, -1):
        events = [event("withdrew", "iraq-gov", date="2014-06-22", art=A),
                  event("withdrew", "syria-gov", date="2014-06-22", art=A)][::order]
        events.append(event("captured", "islamic-state", date="2014-06-22", art=A))
        st = status(events)
        assert st[("al-waleed", "iq")]["holder"] == st[("al-waleed", "sy")]["holder"] == "islamic-state"
