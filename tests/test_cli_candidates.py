"""`crosswatch extract --candidates`: candidates printed after the events, marked; without the flag, events only."""
from __future__ import annotations

import json

from candidate_report import RABIA, TANF, write_report
from tui.cli import main


def extract(capsys, *argv):
    code = main(["extract", *argv])
    out, err = capsys.readouterr()
    assert code == 0, err
    return out


def test_jsonl_adds_the_candidates_marked_after_the_events(tmp_path, capsys):
    path = str(write_report(tmp_path))
    plain = [json.loads(line) for line in extract(capsys, path).splitlines()]
    both = [json.loads(line) for line in extract(capsys, path, "--candidates").splitlines()]
    assert both[: len(plain)] == plain and all("candidate" not in e for e in plain)
    candidates = both[len(plain):]
    assert [c["sentence"] for c in candidates] == [RABIA, TANF]
    for candidate in candidates:
        assert candidate["candidate"] is True and candidate["missing"] == ["actor"] and candidate["actor"] is None
        assert 0 < candidate["confidence"] <= 1 and candidate["article"] == path
        assert list(candidate)[:14] == list(plain[0])


def test_table_marks_candidates_and_says_what_is_missing(tmp_path, capsys, monkeypatch):
    write_report(tmp_path)
    monkeypatch.chdir(tmp_path)  # a short path: the table's title stays on one line
    out = extract(capsys, "border.txt", "--format", "table", "--candidates")
    assert "border.txt: 1 events, 2 candidates (◌)" in out
    assert "◌ candidate" in out and "missing: actor" in out
    plain = extract(capsys, "border.txt", "--format", "table")
    assert "border.txt: 1 events" in plain and "◌" not in plain and "missing" not in plain
