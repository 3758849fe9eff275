"""Export the corrected events with their notes: JSONL (lossless), CSV (ACLED's habits), Markdown brief.

Everything written is safe to print to a terminal: JSON escapes every control and
bidi character (the data survives exactly), CSV and Markdown cells pass through
`safe_text`, and a CSV cell that a spreadsheet would run as a formula is quoted.
"""
from __future__ import annotations

import csv
import io
import json
import re
from datetime import datetime, timezone
from functools import lru_cache

from .counted import open_candidate, stands
from .filters import EventFilter
from .datafiles import load
from .sanitize import safe_line, safe_text

FORMATS = ("jsonl", "csv", "md")
EVENT_FIELDS = ("article", "type", "actor", "actor_text", "crossing", "side", "crossing_text", "date", "date_text", "hedged", "source", "sentence", "start", "end")
CSV_COLUMNS = ("event_id", "event_date", "time_precision", "event_type", "actor1", "location", "source", "notes", "crossing", "side", "sentence", "decision")
# ACLED's time_precision: 1 the day is known, 2 within about a week, 3 only roughly (here: on or before publication)
PRECISE, WEEK, ROUGH = 1, 2, 3
_JSON_UNSAFE = re.compile(r"[\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


@lru_cache(maxsize=1)
def display_names() -> dict[str, dict[str, str]]:
    """Crossing and faction names from the data files; ids stand in for what is missing."""
    names = {"crossing": {}, "actor": {}}
    for key, filename, table in (("crossing", "gazetteer.json", "crossings"), ("actor", "factions.json", "factions")):
        data = load(filename)
        for entry in data.get(table, []) if isinstance(data, dict) else []:
            if isinstance(entry, dict) and entry.get("id") and entry.get("name"):
                names[key][entry["id"]] = entry["name"]
    return names


def select(store, flt: EventFilter | None = None, include_rejected: bool = False) -> list[dict]:
    """The corrected events to export (store.counted.stands); rejected ones only when asked for.

    Candidates go out only once the analyst completed and accepted them.
    """
    events = store.events(flt)
    if include_rejected:
        return [e for e in events if not open_candidate(e)]
    return [e for e in events if stands(e)]


def left_out(store, flt: EventFilter | None = None, include_rejected: bool = False) -> dict[str, int]:
    """What an export with these settings leaves out: rejected events and open candidates, counted apart."""
    out = {"rejected": 0, "candidates": 0}
    for event in store.events(flt):
        if open_candidate(event):
            out["candidates"] += 1
        elif event.get("decision") == "rejected" and not include_rejected:
            out["rejected"] += 1
    return out


def left_out_line(counts: dict[str, int]) -> str | None:
    """One line saying what was left out, or None when nothing was."""
    parts = []
    if counts.get("rejected"):
        parts.append(f"{counts['rejected']} rejected event{'s' * (counts['rejected'] != 1)} (--include-rejected keeps them)")
    if counts.get("candidates"):
        n = counts["candidates"]
        parts.append(f"{n} candidate{'s' * (n != 1)} not completed and accepted (review them with r in the browser)")
    return "left out " + " and ".join(parts) if parts else None


def jsonl_line(event: dict) -> str:
    record = {name: event.get(name) for name in EVENT_FIELDS}
    record.update(id=event["id"], note=event.get("note"), decision=event.get("decision"))
    if event.get("candidate"):  # a completed candidate: where it came from stays visible
        record.update(candidate=True, missing=event.get("missing"), confidence=event.get("confidence"))
    line = json.dumps(record, ensure_ascii=False)
    return _JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", line)


def csv_cell(value) -> str:
    text = safe_line(str(value)) if value is not None else ""
    return "'" + text if text.startswith(_FORMULA_START) else text


def event_date(event: dict) -> tuple[str | None, int]:
    if event.get("date"):
        return event["date"], PRECISE
    return event.get("published"), WEEK if event.get("date_text") else ROUGH


def csv_row(event: dict) -> list[str]:
    names = display_names()
    day, precision = event_date(event)
    values = {
        "event_id": event["id"], "event_date": day, "time_precision": precision, "event_type": event.get("type"),
        "actor1": names["actor"].get(event.get("actor"), event.get("actor")),
        "location": names["crossing"].get(event.get("crossing"), event.get("crossing")),
        "source": event.get("outlet") or event.get("source"), "notes": event.get("note"),
        "crossing": event.get("crossing"), "side": event.get("side"), "sentence": event.get("sentence"),
        "decision": event.get("decision"),
    }
    return [csv_cell(values[column]) for column in CSV_COLUMNS]


def write_jsonl(events, out) -> None:
    for event in events:
        out.write(jsonl_line(event) + "\n")


def write_csv(events, out) -> None:
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    writer.writerows(csv_row(event) for event in events)


def status_brief(store) -> str | None:
    """The status engineer's brief, when that module exists; absent or failing, it is left out."""
    try:
        from .status_brief import render_status_brief
    except ImportError:
        return None
    return render_status_brief(store)


def md_event(event: dict) -> list[str]:
    names = display_names()
    day, _ = event_date(event)
    actor = names["actor"].get(event.get("actor"), event.get("actor") or "unknown actor")
    flags = [flag for flag, on in (("hedged", event.get("hedged")), (event.get("decision"), event.get("decision")), ("corrected", event.get("corrected"))) if on]
    head = f"- **{day or 'undated'}** {event.get('type')} by {safe_line(str(actor))}"
    if event.get("side"):
        head += f" ({event['side']} side)"
    if flags:
        head += f" _[{', '.join(flags)}]_"
    lines = [head, f"  > {safe_line(event.get('sentence') or '')}", f"  — {safe_line(str(event.get('outlet') or event.get('source') or 'unknown source'))}"]
    if event.get("note"):
        lines += ["  Note: " + safe_text(event["note"]).replace("\n", "\n  ")]
    return lines


def write_md(events, out, store=None, title: str = "Crosswatch brief") -> None:
    names = display_names()
    stamp = datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    out.write(f"# {title}\n\n{len(events)} events, exported {stamp}.\n\n")
    brief = status_brief(store) if store is not None else None
    if brief:
        out.write(safe_text(brief).rstrip() + "\n\n")
    out.write("# Events by crossing\n\n")
    by_crossing: dict[str, list[dict]] = {}
    for event in events:
        by_crossing.setdefault(event.get("crossing") or "unknown crossing", []).append(event)
    for crossing in sorted(by_crossing):
        out.write(f"## {safe_line(names['crossing'].get(crossing, crossing))}\n\n")
        for event in by_crossing[crossing]:
            out.write("\n".join(md_event(event)) + "\n")
        out.write("\n")


def export(store, fmt: str, out=None, flt: EventFilter | None = None, include_rejected: bool = False) -> str | None:
    """Write the export to `out`, or return it as a string when `out` is None."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
    target = out if out is not None else io.StringIO()
    events = select(store, flt, include_rejected)
    if fmt == "jsonl":
        write_jsonl(events, target)
    elif fmt == "csv":
        write_csv(events, target)
    else:
        write_md(events, target, store)
    return target.getvalue() if out is None else None
