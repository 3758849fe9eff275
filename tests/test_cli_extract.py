"""`crosswatch extract` as a user runs it: JSONL per EVENTS.md, a table, bad files reported."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from tui.cli import main

REPO = Path(__file__).resolve().parent.parent
FIELDS = ["article", "type", "actor", "actor_text", "crossing", "side", "crossing_text", "date", "date_text",
          "hedged", "source", "sentence", "start", "end"]


def test_jsonl_has_exactly_the_contract_fields_with_the_path_as_given(bundled_articles, capsys):
    path = str(bundled_articles[4])
    assert main(["extract", path, "--format", "jsonl"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines
    for line in lines:
        event = json.loads(line)
        assert list(event) == FIELDS
        assert event["article"] == path


def test_published_overrides_the_file_date(tmp_path, capsys):
    article = tmp_path / "a.txt"
    article.write_text("---\npublished: 2014-06-24\n---\nThe militants took the Al Waleed crossing on Sunday.\n")
    assert main(["extract", str(article), "--published", "2014-07-02"]) == 0
    event = json.loads(capsys.readouterr().out)
    assert event["date"] == "2014-06-29"


def test_bad_files_get_one_line_each_and_the_rest_are_processed(tmp_path, bundled_articles, capsys):
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    missing = tmp_path / "missing.txt"
    code = main(["extract", str(missing), str(bundled_articles[3]), str(empty)])
    out, err = capsys.readouterr()
    assert code == 1
    assert len(err.strip().splitlines()) == 2
    assert "missing.txt" in err and "empty.txt" in err
    assert out.strip() and all(json.loads(line)["article"] == str(bundled_articles[3]) for line in out.splitlines())


def test_table_is_readable_text(bundled_articles, capsys):
    assert main(["extract", str(bundled_articles[3]), "--format", "table"]) == 0
    out = capsys.readouterr().out
    assert "Al Waleed" in out and "captured" in out and "{" not in out
    assert "al-waleed" not in out and "islamic-state" not in out  # names, not ids (JSONL keeps the ids)


def test_table_never_passes_markup_or_escapes_through(tmp_path, capsys):
    article = tmp_path / "x.txt"
    article.write_text("[b]Rebels seized the Nasib crossing \x1b]0;owned\x07 on Sunday.\n")
    assert main(["extract", str(article), "--format", "table", "--published", "2015-04-02"]) == 0
    out = capsys.readouterr().out
    assert "[b]" in out and "\x1b" not in out and "\x07" not in out


def test_a_bad_published_value_is_a_usage_error(capsys):
    try:
        main(["extract", "x.txt", "--published", "24/06/2014"])
    except SystemExit as exit_:
        assert exit_.code == 2
    assert "YYYY-MM-DD" in capsys.readouterr().err


def test_the_installed_command_runs_without_importing_textual(bundled_articles):
    code = ("import sys; from tui.cli import main; rc = main(['extract', sys.argv[1]]); "
            "assert 'textual' not in sys.modules, 'textual imported'; sys.exit(rc)")
    proc = subprocess.run([sys.executable, "-c", code, str(bundled_articles[0])], capture_output=True, text=True, cwd=REPO)
    assert proc.returncode == 0, proc.stderr
    assert len(proc.stdout.splitlines()) >= 10


def test_a_file_of_only_boilerplate_is_named_and_fails_the_exit_code(tmp_path, bundled_articles, capsys):
    junk = tmp_path / "junk.txt"
    junk.write_text("Send your comments\nYour comment as a visitor\nAll rights reserved to Levant Daily 2016 \u00a9\n")
    code = main(["extract", str(junk), str(bundled_articles[3])])
    out, err = capsys.readouterr()
    assert code == 1
    assert out.strip()  # the good report is still processed
    assert err.splitlines() == [f"crosswatch extract: {junk}: no article text left once navigation, comments and appeals were cut"]


def test_an_unreadable_files_name_reaches_stderr_without_control_characters(tmp_path, capsys):
    name = tmp_path / "evil\x1b]0;pwned\x07\nname.txt"
    code = main(["extract", str(name), "--format", "table"])
    err = capsys.readouterr().err
    assert code == 1
    assert len(err.splitlines()) == 1
    assert "\x1b" not in err and "\x07" not in err
