"""`crosswatch extract FILE... --format jsonl|table [--published YYYY-MM-DD] [--candidates]`: events, no store.

JSONL is the export contract of EVENTS.md (one object a line, `article` = the path as
given). `--candidates` adds, after each article's events, what the rules could not resolve
fully, each with `"candidate": true`, `missing` and `confidence`; without it the output is
the confident events alone, which is what the scorer reads. A file that cannot be read, or that holds no article text once the cleaner has cut
navigation, comments and appeals, gets one line on stderr (its name made safe to print:
file names are untrusted); the others are still processed and the exit code is 1. Nothing from Textual is imported here, so start-up stays quick.
"""
from __future__ import annotations

import argparse
import json
import sys
from datetime import date

FIELDS = ("article", "type", "actor", "actor_text", "crossing", "side", "crossing_text", "date", "date_text",
          "hedged", "source", "sentence", "start", "end")
CANDIDATE_FIELDS = FIELDS + ("candidate", "missing", "confidence")
CANDIDATE_MARK = "◌"  # as in the browser's event list


def _iso_date(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {value!r}") from None


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "extract",
        help="print the events of article files (no store is touched)",
        description="Extract border-crossing events from article files and print them.",
    )
    parser.add_argument("files", nargs="+", metavar="FILE", help="plain-text article files")
    parser.add_argument("--format", choices=("jsonl", "table"), default="jsonl", help="jsonl (default) or a table")
    parser.add_argument("--published", type=_iso_date, metavar="YYYY-MM-DD",
                        help="publication date to resolve relative dates against (overrides the file's)")
    parser.add_argument("--candidates", action="store_true",
                        help="also print candidates: a crossing and an event word whose actor the rules could not resolve")
    parser.set_defaults(run=run)


NOTHING_LEFT = "no article text left once navigation, comments and appeals were cut"


class NothingLeft(Exception):
    """A readable file that is all boilerplate: worth a message, not a silent empty article."""


def _events_of(path: str, published, candidates: bool = False) -> list[dict]:
    """The article's events, then (`candidates`) its candidates with their marks."""
    from store.extract import extract_article
    from store.reader import read_article_text

    extraction = extract_article(read_article_text(path), published=published)
    if not extraction.text.strip():
        raise NothingLeft(NOTHING_LEFT)
    events = [{name: ({"article": path} | event).get(name) for name in FIELDS} for event in extraction.events]
    if candidates:
        events += [{name: ({"article": path} | event | {"candidate": True}).get(name) for name in CANDIDATE_FIELDS}
                   for event in extraction.candidates]
    return events


def _utf8_stdout() -> bool:
    """Write UTF-8 JSON where the output takes it, \\u escapes otherwise (still valid JSON)."""
    return (getattr(sys.stdout, "encoding", None) or "").lower().replace("-", "") in ("utf8", "utf8sig")


def run(args) -> int:
    from store.reader import UnreadableFile
    from store.sanitize import safe_line

    failed = 0
    rows: list[dict] = []
    for path in args.files:
        try:
            events = _events_of(path, args.published, getattr(args, "candidates", False))
        except (UnreadableFile, NothingLeft) as err:
            print(f"crosswatch extract: {safe_line(str(path))}: {safe_line(str(err))}", file=sys.stderr)
            failed += 1
            continue
        if args.format == "jsonl":
            for event in events:
                sys.stdout.write(json.dumps(event, ensure_ascii=not _utf8_stdout()) + "\n")
            sys.stdout.flush()
        else:
            rows.extend(events)
    if args.format == "table":
        _print_table(rows)
    return 1 if failed else 0


def _print_table(rows: list[dict]) -> None:
    """One table per article: when, what (type, actor and post by name: "Islamic State", "Al Waleed
    (Iraq)"; JSONL keeps the ids), and the sentence."""
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    from store.names import faction_name, post_label
    from store.sanitize import safe_line

    class QuietConsole(Console):
        def on_broken_pipe(self) -> None:  # rich would exit 1; the command line ends quietly with 0 (tui/cli.py)
            self.quiet = True
            raise BrokenPipeError

    console = QuietConsole()
    by_article: dict[str, list[dict]] = {}
    for ev in rows:
        by_article.setdefault(ev["article"], []).append(ev)
    for article, events in by_article.items():
        found = sum(1 for ev in events if ev.get("candidate"))
        counted = f"{len(events) - found} events" + (f", {found} candidates ({CANDIDATE_MARK})" if found else "")
        table = Table(title=Text(f"{safe_line(article)}: {counted}"), show_lines=True, expand=True)
        table.add_column("date", style="cyan", no_wrap=True)
        table.add_column("event", no_wrap=True)
        table.add_column("sentence", overflow="fold", ratio=1)
        for ev in events:
            when = ev["date"] or (f"({safe_line(ev['date_text'])})" if ev["date_text"] else "")
            who = (faction_name(ev["actor"], ev["date"]) if ev["actor"] else "", "magenta")  # by name, as on its day
            if ev.get("candidate"):  # marked by words, not colour alone
                who = (f"{CANDIDATE_MARK} candidate {ev.get('confidence')}\nmissing: {', '.join(ev.get('missing') or ())}", "bold")
            what = Text.assemble(
                (ev["type"] or "", "bold"), "\n", who, "\n",
                (post_label(ev["crossing"], ev["side"]) if ev["crossing"] else "", "green"),
                ("\nhedged" if ev["hedged"] else "", "yellow"),
            )
            sentence = Text(safe_line(ev["sentence"]))
            if ev["source"]:
                sentence.append(f"  (source: {safe_line(ev['source'])})", style="dim")
            table.add_row(Text(when), what, sentence)
        console.print(table)
    if not rows:
        console.print("no events")
