"""A kept status (store.status_kept) is the answer worked out again, and is never used once anything it rests on changed.

`crosswatch status` and the browser's status child keep what they worked out in
cache/status.marshal, stamped with the store's files, the data files and the code. These
tests check the kept answer equals a fresh one (the engine over the whole store, as the
command always worked it out), that it is used as it is only for the files it was made from
(a decision, a correction, an undo, a note, an ingest, a replaced shard, a user data file,
other code: not), that after notes and decisions alone the answers brought up to date
(store.status_catch_up) are those worked out from scratch, and that a damaged file is only
a lost speed-up.
"""
from __future__ import annotations

import io
import json
import os
import random

import pytest

import store.status_kept as kept_module
from store.asof import change_dates
from store.db import Store
from store.status import StatusEngine
from store.status_catch_up import work_out
from store.status_kept import KeptStatus, kept_path, store_stamp
from tui.cli import main

from status_helpers import POSTS, write_reports
from status_store import labelled_store
from test_status_fast_paths import random_world
from test_status_incremental import change


@pytest.fixture
def folder(tmp_path):
    with labelled_store(tmp_path / "store"):
        pass
    return tmp_path / "store"


def command(capsys, folder, *extra) -> dict:
    assert main(["status", "--store", str(folder), "--format", "json", *extra]) == 0
    return json.loads(capsys.readouterr().out)


def worked_out(folder, as_of=None) -> dict:
    """The command's JSON as it always worked it out: an engine over the whole store, nothing kept."""
    from store.status import engine_for

    with Store.open(folder, readonly=True) as store:
        engine = engine_for(store)
        names = {a["id"]: a.get("name") for a in store.articles()}
        status, marks = engine.status(as_of), engine.article_marks()
    for mark in marks:
        mark["name"] = names.get(mark["id"])
    return json.loads(json.dumps({**status, "articles": marks}))


def stores_opened(monkeypatch) -> list:
    opened = []
    original = Store.open.__func__

    def counted(cls, *args, **kwargs):
        opened.append(args)
        return original(cls, *args, **kwargs)

    monkeypatch.setattr(Store, "open", classmethod(counted))
    return opened


def an_event(folder, crossing="al-waleed", side="iq") -> dict:
    from store.status import engine_for

    with Store.open(folder, readonly=True) as store:
        status = {(p["crossing"], p["side"]): p for p in engine_for(store).status()["posts"]}
        return store.event(status[(crossing, side)]["events"][-1])


def test_a_second_status_of_an_unchanged_store_is_the_kept_one_and_opens_nothing(folder, capsys, monkeypatch):
    first = command(capsys, folder)
    assert kept_path(folder).is_file() and first == worked_out(folder)
    opened = stores_opened(monkeypatch)
    assert command(capsys, folder) == first
    assert opened == []
    # the table is drawn from the same kept answer
    assert main(["status", "--store", str(folder)]) == 0
    assert capsys.readouterr().out.startswith(f"as of {first['as_of']}")
    assert opened == []


def test_each_as_of_day_is_kept_apart(folder, capsys, monkeypatch):
    days = ["2014-06-24", "2015-05-25", "2014-07-10", None]
    answers = {day: command(capsys, folder, *(["--as-of", day] if day else [])) for day in days}
    assert all(answers[day] == worked_out(folder, day) for day in days)
    opened = stores_opened(monkeypatch)
    for day in days:
        assert command(capsys, folder, *(["--as-of", day] if day else [])) == answers[day]
    assert opened == []
    assert answers["2014-06-24"] != answers["2015-05-25"]


def decide_reject(folder):
    with Store.open(folder) as store:
        store.decide(an_event(folder)["id"], "rejected")


def decide_correct(folder):
    with Store.open(folder) as store:
        store.decide(an_event(folder)["id"], None, {"actor": "syria-gov", "side": "iq"})


def undo(folder):
    decide_reject(folder)
    with Store.open(folder) as store:
        store.undo()


def note(folder):
    with Store.open(folder) as store:
        store.save_note(an_event(folder)["id"], "checked against the wire copy")


def ingest(folder):
    reports = folder.parent / "new-reports"
    reports.mkdir(exist_ok=True)
    paths = write_reports(reports, {"extra.txt": ("2015-06-01", (
        "Iraqi government forces recaptured the Al Waleed border crossing on May 30, 2015, officials said."))})
    with Store.open(folder) as store:
        store.ingest(paths)


def shard_replaced(folder):
    shard = next(p for p in sorted((folder / "corpus").iterdir()) if p.suffix == ".json")
    copy = shard.with_name(shard.name + ".copy")
    copy.write_bytes(shard.read_bytes())
    os.replace(copy, shard)  # same bytes, another file: a write the store did not make is not trusted


def user_data_file(folder):
    config = os.environ["CROSSWATCH_CONFIG"]
    os.makedirs(config, exist_ok=True)
    with open(os.path.join(config, "holding.json"), "w", encoding="utf-8") as fh:
        fh.write("{}")


def other_code(folder, monkeypatch):
    monkeypatch.setattr(kept_module, "_code_stamp", lambda: ("another version of the rules",))


CHANGES = [decide_reject, decide_correct, undo, note, ingest, shard_replaced, user_data_file]


@pytest.mark.parametrize("make_change", CHANGES + [other_code], ids=lambda f: f.__name__)
def test_a_kept_answer_is_not_used_once_the_store_data_or_code_changed(folder, capsys, monkeypatch, make_change):
    before = command(capsys, folder)
    assert KeptStatus(folder).status() is not None
    if make_change is other_code:
        make_change(folder, monkeypatch)
    else:
        make_change(folder)
    assert KeptStatus(folder).status() is None and KeptStatus(folder).marks() is None
    opened = stores_opened(monkeypatch)
    after = command(capsys, folder)
    assert opened, "the store was not read again"
    assert after == worked_out(folder)
    if make_change in (decide_reject, decide_correct, ingest):
        assert after != before  # the change shows
    opened.clear()
    assert command(capsys, folder) == after and opened == []  # and is kept in turn


def test_an_answer_worked_out_while_the_store_changed_is_not_kept(folder):
    kept = KeptStatus(folder)  # stamped, as the command does before opening the store
    with Store.open(folder, readonly=True) as store:
        record, _ = work_out(store)
    decide_reject(folder)  # a browser decides meanwhile
    assert not kept.keep(record)
    assert not kept_path(folder).exists() and KeptStatus(folder).status() is None


@pytest.mark.parametrize("damage", ["garbage", "truncated", "wrong shape", "another stamp", "a folder", "a fifo"])
def test_a_damaged_kept_file_is_only_a_lost_speed_up(folder, capsys, damage):
    good = command(capsys, folder)
    path = kept_path(folder)
    stamp = store_stamp(folder)
    import marshal

    if damage == "garbage":
        path.write_bytes(b"not marshal at all")
    elif damage == "truncated":
        path.write_bytes(path.read_bytes()[:-40])
    elif damage == "wrong shape":
        path.write_bytes(marshal.dumps((stamp, {"status": {None: {"as_of": "2014-01-01", "posts": "none"}}})))
    elif damage == "another stamp":
        path.write_bytes(marshal.dumps((("another",), {"status": {None: {"as_of": "2014-01-01", "posts": []}}})))
    elif damage == "a folder":
        path.unlink()
        path.mkdir()
    else:
        if not hasattr(os, "mkfifo"):
            pytest.skip("no FIFOs here")
        path.unlink()
        os.mkfifo(path)
    assert KeptStatus(folder).status() is None  # never waited on, never trusted
    assert command(capsys, folder) == good


def test_a_store_folder_that_cannot_be_written_still_answers(folder, capsys, monkeypatch):
    def refuse(*args):
        raise OSError("read-only file system")

    import store.db.atomic as atomic

    monkeypatch.setattr(atomic, "atomic_write", refuse)
    assert command(capsys, folder) == worked_out(folder)
    assert not kept_path(folder).exists()


def test_the_status_child_answers_first_from_the_kept_status_then_from_its_engine(folder, capsys, monkeypatch):
    from tui.screens.status_process import serve

    first = command(capsys, folder)  # kept, with the change days
    kept_days = KeptStatus(folder).days()
    event = dict(an_event(folder))
    event["decision"] = "rejected"
    opened = stores_opened(monkeypatch)
    seen_at_reply = []

    class Out(io.StringIO):
        def write(self, text):
            seen_at_reply.append(len(opened))
            return super().write(text)

    questions = json.dumps({"as_of": None}) + "\n" + json.dumps({"as_of": None, "changed": [event]}) + "\n"
    out = Out()
    serve(str(folder), stdin=io.StringIO(questions), stdout=out)
    replies = [json.loads(line) for line in out.getvalue().splitlines()]
    assert seen_at_reply[0] == 0  # the first reply went out before the store was opened
    assert replies[0] == {"as_of": first["as_of"], "posts": first["posts"], "days": kept_days}
    with Store.open(folder, readonly=True) as store:
        engine = StatusEngine(store.articles()).load(store.events())
    assert kept_days == change_dates(list(engine.events.values()))
    engine.replace(event)
    assert replies[1]["posts"] == engine.status()["posts"] and replies[1]["days"] == engine.change_dates()


def test_the_status_child_keeps_its_first_answer_for_the_command(folder, capsys, monkeypatch):
    from tui.screens.status_process import serve

    out = io.StringIO()
    serve(str(folder), stdin=io.StringIO('{"as_of": null}\n{"as_of": "2014-06-24"}\n'), stdout=out)
    replies = [json.loads(line) for line in out.getvalue().splitlines()]
    kept = KeptStatus(folder)
    assert kept.status()["posts"] == replies[0]["posts"] and kept.days() == replies[0]["days"]
    assert kept.status("2014-06-24") is None  # only what the engine answered before anything could change
    assert kept.marks() is None
    assert command(capsys, folder)["posts"] == replies[0]["posts"]  # the command adds the marks


def test_the_status_child_keeps_nothing_once_it_took_in_a_change(folder, monkeypatch):
    from tui.screens.status_process import serve

    event = dict(an_event(folder))
    event["decision"] = "rejected"  # a read-only browser's decision: in the engine, never in the store
    out = io.StringIO()
    serve(str(folder), stdin=io.StringIO(json.dumps({"as_of": None, "changed": [event]}) + "\n"), stdout=out)
    assert KeptStatus(folder).status() is None


def test_the_engine_s_change_days_are_those_of_store_asof():
    rng = random.Random(5)
    for seed in range(6):
        articles, events = random_world(seed, 300)  # dates that are no day, relative words, rejections
        engine = StatusEngine(articles, posts=POSTS).load(events)
        assert engine.change_dates() == change_dates(events)
        for _ in range(20):
            event = change(rng, rng.choice(list(engine.events.values())))
            engine.replace(event)
            if rng.random() < 0.3:
                event["date"], event["date_text"] = "June", "a week later"
                engine.replace(event)
            assert engine.change_dates() == change_dates(list(engine.events.values()))


def test_no_module_left_out_of_the_code_stamp_is_used_by_a_status(folder):
    """An edit of a module the stamp leaves out must not be able to change a status."""
    import subprocess
    import sys
    from pathlib import Path

    script = (
        "import sys\n"
        "from store.db import Store\n"
        "from store.status_catch_up import status_with_marks\n"
        "from tui.screens.status_process import serve\n"
        "with Store.open(sys.argv[1], readonly=True) as store:\n"
        "    status_with_marks(store)\n"
        "import io; serve(sys.argv[1], stdin=io.StringIO('{\"as_of\": null}\\n'), stdout=io.StringIO())\n"
        "print(' '.join(sorted(m.__file__ for n, m in sys.modules.items() if n.startswith('store') and getattr(m, '__file__', None))))\n"
    )
    root = Path(__file__).resolve().parent.parent
    out = subprocess.run([sys.executable, "-c", script, str(folder)], cwd=root, capture_output=True, text=True, check=True)
    used = {Path(name).name for name in out.stdout.split() if "/extract/" not in name}
    assert used, "no store module seen"
    assert not used & kept_module.NOT_STATUS


# -- catching up: only the journal changed ------------------------------------------------------

def engines_built(monkeypatch) -> list:
    import store.status as status_module

    built = []
    original = status_module.engine_for
    monkeypatch.setattr(status_module, "engine_for", lambda *a, **k: built.append(1) or original(*a, **k))
    return built


@pytest.mark.parametrize("make_change", [decide_reject, decide_correct, undo, note], ids=lambda f: f.__name__)
def test_after_notes_and_decisions_the_kept_answers_are_caught_up_without_an_engine_over_the_store(
        folder, capsys, monkeypatch, make_change):
    days = [None, "2014-06-24", "2015-05-25"]
    for day in days:
        command(capsys, folder, *(["--as-of", day] if day else []))
    make_change(folder)
    kept = KeptStatus(folder)
    assert kept.status() is None and kept.earlier is not None  # the same store but for the journal
    expected = {day: worked_out(folder, day) for day in days}
    built = engines_built(monkeypatch)
    for day in days:
        assert command(capsys, folder, *(["--as-of", day] if day else [])) == expected[day]
    assert built == []
    with Store.open(folder, readonly=True) as store:
        assert KeptStatus(folder).days() == change_dates(store.events())


def test_a_corrected_date_moves_an_undated_report_of_another_crossing_told_days_later(folder, capsys):
    """000 and 001: 'subsequently retaken ... just days later' (Trebil, Al Waleed) is placed by the capture
    dated before it; correcting that date moves the retake: another crossing's posts are worked out again."""
    with Store.open(folder, readonly=True) as store:
        later = [e for e in store.events() if not e.get("date") and "days later" in (e.get("date_text") or "")]
        assert later
        event = later[0]
        anchors = [e for e in store.events() if e["article_id"] == event["article_id"] and e.get("date")
                   and (e.get("start") or 0) < (event.get("start") or 0)]
        anchor = max(anchors, key=lambda e: e.get("start") or 0)
    days = [None, "2014-06-24", "2014-07-10", "2014-08-15", "2015-01-01"]
    before = {day: command(capsys, folder, *(["--as-of", day] if day else [])) for day in days}
    with Store.open(folder) as store:
        store.decide(anchor["id"], None, {"date": "2014-07-25"})
    after = {day: command(capsys, folder, *(["--as-of", day] if day else [])) for day in days}
    assert after == {day: worked_out(folder, day) for day in days}
    assert after != before


def random_store(folder, rng: random.Random):
    """Reports over four crossings: sides or none, dated and undated ('days later', 'a week later'), many actors."""
    from store import ids

    crossings = {"al-waleed": ("iq", "sy"), "al-qaim": ("iq", "sy"), "rabia": ("iq", "sy"), "trebil": ("iq", "jo")}
    actors = ["islamic-state", "militants", "iraq-gov", "pmf", "syria-gov", "ypg", "krg", "jordan-gov"]
    types = ["captured", "captured", "holds", "withdrew", "attacked", "closed", "reopened", "reinforced"]
    articles = []
    for n in range(40):
        published = f"2014-{rng.randrange(6, 10):02d}-{rng.randrange(1, 29):02d}"
        text, events = f"Report {n}.", []
        for k in range(rng.randrange(3, 9)):
            crossing = rng.choice(sorted(crossings))
            sentence = f" Sentence {k} of report {n} about {crossing}."
            start = len(text) + 1
            text += sentence
            dated = rng.random() < 0.6
            events.append({
                "type": rng.choice(types), "actor": rng.choice(actors), "crossing": crossing,
                "side": rng.choice([None, None, *crossings[crossing]]),
                "date": f"2014-{rng.randrange(6, 10):02d}-{rng.randrange(1, 29):02d}" if dated else None,
                "date_text": None if dated else rng.choice([None, "just days later", "a week later"]),
                "hedged": rng.random() < 0.2, "source": rng.choice([None, "officials", "a spokesman"]),
                "sentence": sentence.strip(), "start": start, "end": len(text), "actor_text": None,
                "crossing_text": None, "extractor": "hand",
            })
        text_hash = ids.content_hash(text)
        article_id = ids.article_id(text_hash)
        for event, event_id in zip(events, ids.event_ids(article_id, events)):
            event.update(id=event_id, article_id=article_id)
        articles.append(({"id": article_id, "name": f"r{n:02d}.txt", "path": None, "title": f"r{n}",
                          "source": rng.choice(["AFP", "Reuters", "Rudaw", "The Peninsula (AFP)"]), "published": published,
                          "url": None, "hash": text_hash, "n_events": len(events), "ingested_at": None,
                          "extractor": "hand"}, events, text))
    with Store.open(folder) as store:
        store.replace_articles(articles)
    return crossings, actors, types


def random_decision(rng: random.Random, store, crossings, actors, types) -> None:
    event = rng.choice(store.events())
    what = rng.choice(["reject", "accept", "clear", "undo", "actor", "side", "date", "undate", "type", "crossing", "hedged"])
    if what == "undo":
        store.undo()
    elif what in ("reject", "accept", "clear"):
        store.decide(event["id"], {"reject": "rejected", "accept": "accepted", "clear": None}[what])
    else:
        corrections = {
            "actor": {"actor": rng.choice(actors)}, "side": {"side": rng.choice([None, "iq", "sy", "jo"])},
            "date": {"date": f"2014-{rng.randrange(6, 10):02d}-{rng.randrange(1, 29):02d}"}, "undate": {"date": None},
            "type": {"type": rng.choice(types)}, "crossing": {"crossing": rng.choice(sorted(crossings))},
            "hedged": {"hedged": not event.get("hedged")},
        }[what]
        store.decide(event["id"], rng.choice([None, "accepted"]), corrections)


def test_caught_up_answers_are_those_worked_out_from_scratch_after_random_decisions(tmp_path, capsys, monkeypatch):
    rng = random.Random(11)
    folder = tmp_path / "store"
    world = random_store(folder, rng)
    days = [None, "2014-06-20", "2014-07-15", "2014-08-10", "2014-09-30"]
    for day in days:
        command(capsys, folder, *(["--as-of", day] if day else []))
    built = engines_built(monkeypatch)
    for _ in range(12):
        with Store.open(folder) as store:
            for _ in range(rng.randrange(1, 4)):
                random_decision(rng, store, *world)
        assert KeptStatus(folder).earlier is not None
        for day in rng.sample(days, 3):
            answered = command(capsys, folder, *(["--as-of", day] if day else []))
            assert built == []  # caught up, not worked out
            assert answered == worked_out(folder, day)
            built.clear()
        kept = KeptStatus(folder)
        with Store.open(folder, readonly=True) as store:
            assert kept.days() == change_dates(store.events())


def test_the_journal_changes_nothing_on_an_event_but_its_note_decision_and_corrections():
    """What store.status_catch_up compares (overlay_of) must be all a journal entry can change on a served event."""
    from store.db.journal import CORRECTABLE
    from store.db.records import apply_overlay
    from store.status_catch_up import overlay_of

    rng = random.Random(3)
    values = {"type": ["captured", "holds"], "actor": ["pmf", None], "crossing": ["rabia", "trebil"],
              "side": ["iq", None], "date": ["2014-07-01", None], "hedged": [True, False], "source": ["officials", None]}
    for _ in range(200):
        event = {"id": "e1", "type": "captured", "actor": "islamic-state", "crossing": "al-waleed", "side": None,
                 "date": "2014-06-22", "hedged": False, "source": None, "sentence": "s", "note": None,
                 "decision": None, "corrected": {}, "extracted": {}, "date_text": None, "start": 0, "end": 1}
        before = dict(event)
        for _ in range(rng.randrange(1, 4)):
            corrections = {f: rng.choice(values[f]) for f in rng.sample(CORRECTABLE, rng.randrange(0, 3))}
            apply_overlay(event, rng.choice([None, "a note"]), {"decision": rng.choice([None, "accepted", "rejected"]),
                                                                "corrections": corrections})
        moved = {key for key in event if event[key] != before.get(key)}
        assert moved <= {"note", "decision", "corrected", "extracted", *CORRECTABLE}
        assert moved - {"note", "extracted"} <= {"decision", *event["corrected"], "corrected"}
        if moved - {"note"}:
            assert overlay_of([event]) != overlay_of([before])
