"""The status of the bundled reports as of 2014-06-24 and 2015-05-25, tables derived by hand.

How the tables were derived (rules in store/claims.py, holders.py, contest.py, sources.py):
- Sources: Long War Journal (reports 000, 001, 002: one outlet, 000 a repost) and AFP
  (003 and 004, one syndicated story) are the two independent sources.
- 2014-06-24. Al Waleed: 000/001 (LWJ) date the Islamic State's capture to June 22, 2014
  and 003/004 (AFP) date the militants' to "Sunday", June 22; the two agree, the named
  group is shown. On the 24th the prime minister's spokesman claims a retake, two officials
  say it is still held: the holder stays, contested. No side is named for the capture, but
  "Security forces that had been guarding it headed south" names who left, and Iraqi forces
  hold only the Iraqi post (data/holding.json, store.ousted): the capture, and LWJ's report of
  the same capture, are of the Iraqi post; nothing is reported of Al Tanf, which is shown as
  Syria's, assumed (as are Al Yarubiyah and Trebil's Jordanian post, Al Karameh). Al Qaim: report 002 (LWJ, June 21, undated) has ISIS seize the
  Iraqi post; AFP's "militants holding the first" (June 23) names no side, so the Syrian
  post is held by militants from the 23rd. Rabia: AFP, Kurdish regional forces, from the
  23rd (the Iraqi post: the KRG holds only Iraqi posts). Trebil: LWJ's June 22, 2014 capture
  of the Iraqi post (AFP's reinforcements "at another crossing
  with Jordan" do not change the holder).
- 2015-05-25. Al Waleed, Iraqi post: the Iraqi forces hold it on May 22 (001), the Islamic
  State takes it "early this morning" on the 25th (000) while the army withdraws. Syrian
  post (Al Tanf): taken by the Islamic State as the regime forces withdrew, reported May 22
  (001); the undated retelling of the 2014 retake does not change it. Al Qaim: the Islamic
  State throughout (2014 stretch continues; the Syrian post's "militants" of 2014 are now
  named). Rabia: YPG (sdf) on the Syrian post from May 22 (001 names al Yarobiyyi); 000's
  "al Yarobiyyi/Rabia crossing" speaks only for the Syrian post (the YPG cannot hold the Iraqi
  one), so the Iraqi post stays the KRG's from 2014. Trebil: "subsequently retaken by the Iraqi military just days later" follows the June 22,
  2014 capture in 000 and 001: it happened by July 6, 2014 (days later: within 14 days),
  and counts then; the government still holds it in May 2015. (The same retake reaches Al
  Waleed's Iraqi post from July 6, 2014 to May 2015, which does not change the two dates above.)
  Al Karameh (Jordan) is in no report: Jordan's, assumed; IS's attack on "the Trebil crossing"
  (Nov. 25) is its last report.
"""
from __future__ import annotations

import json

import pytest

from store.db import Store
from store.status import engine_for
from tui.cli import main

from status_store import labelled_store

# (crossing, side): (holder, since, last_report, sources, incidents, contested)
AS_OF_2014_06_24 = {
    ("al-qaim", "iq"): ("islamic-state", "2014-06-21", "2014-06-24", 2, 2, False),
    ("al-qaim", "sy"): ("militants", "2014-06-23", "2014-06-24", 1, 2, False),
    ("al-waleed", "iq"): ("islamic-state", "2014-06-22", "2014-06-24", 2, 2, True),
    ("al-waleed", "sy"): ("syria-gov", None, None, 0, 0, False),  # assumed
    ("rabia", "iq"): ("krg", "2014-06-23", "2014-06-24", 1, 1, False),
    ("rabia", "sy"): ("syria-gov", None, None, 0, 0, False),  # assumed
    ("trebil", "iq"): ("islamic-state", "2014-06-22", "2014-06-24", 1, 1, False),
    ("trebil", "jo"): ("jordan-gov", None, None, 0, 0, False),  # assumed
}
AS_OF_2015_05_25 = {
    ("al-qaim", "iq"): ("islamic-state", "2014-06-21", "2015-05-25", 2, 3, False),
    ("al-qaim", "sy"): ("islamic-state", "2014-06-23", "2015-05-25", 2, 3, False),
    ("al-waleed", "iq"): ("islamic-state", "2015-05-25", "2015-05-25", 1, 2, False),
    ("al-waleed", "sy"): ("islamic-state", "2015-05-22", "2015-05-25", 1, 1, False),
    ("rabia", "iq"): ("krg", "2014-06-23", "2014-06-24", 1, 1, False),
    ("rabia", "sy"): ("sdf", "2015-05-22", "2015-05-25", 1, 1, False),
    ("trebil", "iq"): ("iraq-gov", "2014-07-06", "2015-05-25", 1, 2, False),
    ("trebil", "jo"): ("jordan-gov", None, "2014-11-25", 0, 0, False),  # assumed; the attack is a report, not a holder
}
COLUMNS = ("holder", "since", "last_report", "sources", "incidents", "contested")


def rows(status: dict, columns=COLUMNS) -> dict:
    return {(p["crossing"], p["side"]): tuple(p[c] for c in columns) for p in status["posts"]}


def sentences(store, event_ids) -> str:
    return " | ".join(store.event(i)["sentence"] for i in event_ids)


@pytest.fixture
def labelled(tmp_path):
    store = labelled_store(tmp_path / "labelled")
    yield store
    store.close()


@pytest.mark.parametrize("as_of,expected", [("2014-06-24", AS_OF_2014_06_24), ("2015-05-25", AS_OF_2015_05_25)])
def test_hand_labelled_reports_give_the_expected_table(labelled, as_of, expected):
    status = engine_for(labelled).status(as_of)
    assert status["as_of"] == as_of
    assert rows(status) == expected
    assert all(p["open"] == "unknown" for p in status["posts"])  # no report closes or reopens a post


def test_the_contest_at_al_waleed_is_the_spokesman_against_the_officials(labelled):
    status = engine_for(labelled).status("2014-06-24")
    post = next(p for p in status["posts"] if (p["crossing"], p["side"]) == ("al-waleed", "iq"))
    assert "government forces had retaken Al Waleed" in sentences(labelled, post["disputed_by"])
    supporting = sentences(labelled, post["events"])
    assert "still held by militants" in supporting and "took the crossing on Sunday" in supporting
    assert "retaken" not in supporting


def test_default_as_of_is_the_newest_report(labelled):
    assert engine_for(labelled).status()["as_of"] == "2015-05-25"


def test_status_command_prints_json_and_table(labelled, capsys):
    folder = str(labelled.folder)
    labelled.close()
    assert main(["status", "--store", folder, "--as-of", "2014-06-24", "--format", "json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["as_of"] == "2014-06-24"
    assert rows(out) == AS_OF_2014_06_24
    copies = {a["name"][:3]: a["syndicated_of"] for a in out["articles"]}
    names = {a["id"]: a["name"][:3] for a in out["articles"]}
    assert {k: names.get(v) for k, v in copies.items()} == {"000": None, "001": None, "002": None, "003": None, "004": "003"}
    assert main(["status", "--store", folder]) == 0
    table = capsys.readouterr().out.splitlines()
    assert table[0] == "as of 2015-05-25"
    waleed_iq = next(line for line in table if "Al Waleed (Iraq)" in line)  # names for people; the JSON keeps ids
    assert waleed_iq.startswith("Al Waleed / Al Tanf") and "  Islamic State  " in waleed_iq and "2015-05-25" in waleed_iq
    assert "islamic-state" not in "\n".join(table) and " iq " not in "\n".join(table)
    assert "independent sources: 2" in table
    assert any(line.strip().startswith("afp:") and "004_13ff700055651627.txt (copy of 003_" in line for line in table)


def test_status_command_refuses_a_bad_date_in_one_line(labelled, capsys):
    folder = str(labelled.folder)
    labelled.close()
    assert main(["status", "--store", folder, "--as-of", "24/06/2014"]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "YYYY-MM-DD" in err[0]


# -- the real pipeline: bundled reports -> extractor -> store -> status ------------------------

@pytest.fixture(scope="module")
def pipeline_store(tmp_path_factory):
    store = Store.open_or_build(tmp_path_factory.mktemp("pipeline") / "store")
    yield store
    store.close()


# Where the extractor's reading of a side differs from the gold seeds (and these tables), the
# post's row cannot match; each such case names the sentence. (Reported to the lead.)
NULL_FOR_ANBAR_HEADLINE = ("extractor gives side null to 'Sunni fighters have seized a border post on the Iraq-Syria "
                           "frontier' (gold: iq; the words do not say which post), so the Syrian post reads held from June 21")
KNOWN_GAPS: dict = {
    # NULL_FOR_ANBAR_HEADLINE no longer shows: "they left their posts" (Iraqi border guards) in the same
    # report pins the side-less capture to the Iraqi post (store.ousted)
}


def _marks(as_of: str, key: tuple) -> list:
    reason = KNOWN_GAPS.get((as_of, key))
    return [pytest.mark.xfail(reason=reason, strict=False)] if reason else []


PIPELINE_CASES = [
    pytest.param(as_of, key, row, marks=_marks(as_of, key), id=f"{as_of}-{key[0]}-{key[1]}")
    for as_of, table in (("2014-06-24", AS_OF_2014_06_24), ("2015-05-25", AS_OF_2015_05_25))
    for key, row in table.items()
]


@pytest.fixture(scope="module")
def pipeline_status(pipeline_store):
    assert pipeline_store.events(), "the extractor found no events in the bundled reports"
    engine = engine_for(pipeline_store)
    return {as_of: engine.status(as_of) for as_of in ("2014-06-24", "2015-05-25")}


@pytest.mark.parametrize("as_of,key,expected", PIPELINE_CASES)
def test_extracted_reports_give_the_expected_table(pipeline_status, as_of, key, expected):
    """holder, since, sources, contested per post (last report and incidents hang on optional events)."""
    columns = ("holder", "since", "sources", "contested")
    want = tuple(v for c, v in zip(COLUMNS, expected) if c in columns)
    got = rows(pipeline_status[as_of], columns)
    assert set(got) == set(AS_OF_2014_06_24)
    assert got[key] == want


def test_status_command_builds_the_store_from_the_bundled_reports_on_first_use(tmp_path, capsys):
    folder = tmp_path / "first-use"
    assert main(["status", "--store", str(folder), "--format", "json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert (folder / "store.json").exists()
    assert len(out["articles"]) == 5 and out["as_of"] == "2015-05-25"
    if out["posts"]:  # once the extractor finds events
        assert {p["crossing"] for p in out["posts"]} >= {"al-waleed", "trebil"}


def find(store, snippet: str, crossing: str = "al-waleed") -> dict:
    return next(e for e in store.events() if snippet in e["sentence"] and e["crossing"] == crossing)


def test_an_analysts_decisions_change_the_status_and_survive_reopening(labelled):
    """Reject the spokesman's claim: no longer contested. Correct an actor: the holder follows."""
    engine = engine_for(labelled)
    post = lambda st: next(p for p in st["posts"] if (p["crossing"], p["side"]) == ("al-waleed", "iq"))  # noqa: E731
    assert post(engine.status("2014-06-24"))["contested"] is True
    atta = find(labelled, "government forces had retaken Al Waleed")
    labelled.decide(atta["id"], "rejected")
    engine.replace(labelled.event(atta["id"]))
    assert post(engine.status("2014-06-24"))["contested"] is False
    # a (deliberately wrong) correction: "still held" by the government. Dated to the day, it
    # outweighs the undated retellings of the capture: the holder changes, and is disputed
    held = find(labelled, "still held by militants")
    labelled.decide(held["id"], "accepted", corrections={"actor": "iraq-gov"})
    engine.replace(labelled.event(held["id"]))
    after = post(engine.status("2014-06-24"))
    assert (after["holder"], after["since"], after["contested"]) == ("iraq-gov", "2014-06-24", True)
    assert held["id"] in after["events"]
    assert find(labelled, "overrunning the Al Waleed border crossing")["id"] in after["disputed_by"]
    folder = labelled.folder
    labelled.close()
    with Store.open(folder, readonly=True) as again:
        assert post(engine_for(again).status("2014-06-24")) == after
