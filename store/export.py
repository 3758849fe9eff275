"""Export the corrected events with their notes: JSONL (lossless), CSV (ACLED's habits), Markdown brief.

JSONL carries ids only (the event contract of docs/EVENTS.md). CSV carries names for people
(actor1 as named on the event's day, location "Al Waleed (Iraq)") beside the id columns, the
post's coordinates from the gazetteer, the article's title, outlet, url and date, and the
speaker apart from the outlet. The brief writes each event as a sentence ("Militants hold the
Syrian post (Al Tanf)").

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

from .counted import open_candidate, stands
from .filters import EventFilter
from .names import (country_adjective, crossing_name, event_day, event_place, faction_name, find_crossings,
                    find_factions, known_crossings, known_factions, post_coordinates, post_names)
from .sanitize import safe_line, safe_text

FORMATS = ("jsonl", "csv", "md")
EVENT_FIELDS = ("article", "type", "actor", "actor_text", "crossing", "side", "crossing_text", "date", "date_text", "hedged", "source", "sentence", "start", "end")
# ACLED's habits where it has a column (event_date, time_precision, event_type, actor1, location,
# latitude, longitude, geo_precision, notes); names for people, ids in the *_id, crossing and side columns.
CSV_COLUMNS = (
    "event_id", "event_date", "time_precision", "event_type", "actor1", "actor1_id", "location", "crossing", "side",
    "latitude", "longitude", "geo_precision", "hedged", "speaker", "outlet", "article_title", "url", "published",
    "sentence", "notes", "decision", "article_id",
)
# ACLED's time_precision: 1 the day is known, 2 within about a week, 3 only roughly (here: on or before publication)
PRECISE, WEEK, ROUGH = 1, 2, 3
# geo_precision: 1 the post's own coordinates, 2 the crossing's (midway between its posts: the report names no side)
AT_POST, AT_CROSSING = 1, 2
_JSON_UNSAFE = re.compile(r"[\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


class UnknownName(ValueError):
    """A --crossing or --faction value that names nothing known; `known` lists what is."""

    def __init__(self, kind: str, value: str, known: list[str]) -> None:
        super().__init__(f"no {kind} is called {value!r}; known {kind}s: {', '.join(known)}")
        self.kind, self.value, self.known = kind, value, known


def named_filter(crossings=(), factions=()) -> EventFilter:
    """The filter for crossings and factions given by any of their names or ids ("Al Waleed",
    "Tanf", "YPG", "Daesh"; case and hyphens do not matter). Raises UnknownName for the first
    value that names nothing in data/gazetteer.json or data/factions.json."""
    found = {"crossing": set(), "faction": set()}
    for kind, values, find, known in (("crossing", crossings, find_crossings, known_crossings),
                                      ("faction", factions, find_factions, known_factions)):
        for value in values:
            ids = find(value)
            if not ids:
                raise UnknownName(kind, value, known())
            found[kind].update(ids)
    return EventFilter(crossings=frozenset(found["crossing"]), factions=frozenset(found["faction"]))


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


def left_out_line(counts: dict[str, int], keep_rejected: str = "--include-rejected keeps them") -> str | None:
    """One line saying what was left out, or None when nothing was; `keep_rejected`: how to keep rejected ones."""
    parts = []
    if counts.get("rejected"):
        parts.append(f"{counts['rejected']} rejected event{'s' * (counts['rejected'] != 1)} ({keep_rejected})")
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


def coordinates(event: dict) -> tuple[float | None, float | None, int | None]:
    """(lat, lon, geo_precision): the post's, else the middle of the crossing's posts, else nothing."""
    crossing, side = event.get("crossing"), event.get("side")
    places = post_coordinates()
    if (crossing, side) in places:
        return (*places[(crossing, side)], AT_POST)
    posts = [where for (c, _), where in places.items() if c == crossing]
    if not crossing or not posts:
        return None, None, None
    return (round(sum(p[0] for p in posts) / len(posts), 4), round(sum(p[1] for p in posts) / len(posts), 4), AT_CROSSING)


def csv_row(event: dict, article: dict | None = None) -> list[str]:
    day, precision = event_date(event)
    lat, lon, geo = coordinates(event)
    article = article or {}
    values = {
        "event_id": event["id"], "event_date": day, "time_precision": precision, "event_type": event.get("type"),
        "actor1": faction_name(event["actor"], event_day(event)) if event.get("actor") else None,
        "actor1_id": event.get("actor"),
        "location": event_place(event) if event.get("crossing") else None,
        "crossing": event.get("crossing"), "side": event.get("side"),
        "latitude": lat, "longitude": lon, "geo_precision": geo,
        "hedged": "true" if event.get("hedged") else "false",
        "speaker": event.get("source"), "outlet": event.get("outlet") or article.get("source"),
        "article_title": article.get("title"), "url": article.get("url"),
        "published": event.get("published") or article.get("published"),
        "sentence": event.get("sentence"), "notes": event.get("note"), "decision": event.get("decision"),
        "article_id": event.get("article_id"),
    }
    return [csv_cell(values[column]) for column in CSV_COLUMNS]


def write_jsonl(events, out) -> None:
    for event in events:
        out.write(jsonl_line(event) + "\n")


def write_csv(events, out, articles: dict | None = None) -> None:
    """One row per event; `articles` (id -> article) gives the title and url."""
    articles = articles or {}
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    writer.writerows(csv_row(event, articles.get(event.get("article_id"))) for event in events)


def status_brief(store) -> str | None:
    """The status engineer's brief, when that module exists; absent or failing, it is left out."""
    try:
        from .status_brief import render_status_brief
    except ImportError:
        return None
    return render_status_brief(store)


# The verb of each event type, singular and plural subject ("Islamic State holds", "Militants hold").
VERBS = {
    "captured": ("captured", "captured"), "withdrew": ("withdrew from", "withdrew from"),
    "attacked": ("attacked", "attacked"), "holds": ("holds", "hold"), "reinforced": ("reinforced", "reinforced"),
    "closed": ("closed", "closed"), "reopened": ("reopened", "reopened"),
}
_PLURAL_HEADS = {"forces", "militants", "troops", "rebels", "fighters", "units", "militias", "guards", "insurgents"}


def _plural(name: str) -> bool:
    words = re.sub(r"\([^)]*\)", " ", name).split()
    return bool(words) and words[-1].casefold() in _PLURAL_HEADS


def _place(event: dict) -> str:
    """"the Syrian post (Al Tanf)", or "the crossing" when the report gives no side."""
    crossing, side = event.get("crossing"), event.get("side")
    if not crossing:
        return "a crossing the report does not name"
    if not side:
        return "the crossing"
    post = post_names().get((crossing, side))
    return f"the {country_adjective(side)} post" + (f" ({post})" if post else "")


def event_sentence(event: dict) -> str:
    """What the event says, as a person would write it: "Militants hold the Syrian post (Al Tanf)",
    "Islamic State reportedly captured the crossing, according to security sources." Factions are
    named as they were on the event's day ("YPG" before the SDF existed)."""
    actor = event.get("actor")
    subject = faction_name(actor, event_day(event), short=True) if actor else "An unnamed force"
    kind = event.get("type")
    if kind in VERBS:
        verb = VERBS[kind][_plural(subject)]
        text = f"{subject} {'reportedly ' if event.get('hedged') else ''}{verb} {_place(event)}"
    else:
        text = f"{subject}, {kind or 'an event'} at {_place(event)}" + (" (reportedly)" if event.get("hedged") else "")
    if event.get("source"):
        text += f", according to {event['source']}"
    return safe_line(text[:1].upper() + text[1:] + ".")


def md_event(event: dict) -> list[str]:
    day, precision = event_date(event)
    when = day if precision == PRECISE else (f"{day} (the report's date)" if day else "undated")
    flags = [flag for flag, on in ((event.get("decision"), event.get("decision")), ("corrected", event.get("corrected"))) if on]
    head = f"- **{when}** {event_sentence(event)}"
    if flags:
        head += f" _[{', '.join(flags)}]_"
    cite = ", ".join(safe_line(str(x)) for x in (event.get("outlet") or "unknown outlet", event.get("published")) if x)
    lines = [head, f"  > {safe_line(event.get('sentence') or '')}", f"  — {cite}"]
    if event.get("note"):
        lines += ["  Note: " + safe_text(event["note"]).replace("\n", "\n  ")]
    return lines


def write_md(events, out, store=None, title: str = "Crosswatch brief") -> None:
    stamp = datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    out.write(f"# {title}\n\n{len(events)} events, exported {stamp}.\n\n")
    brief = status_brief(store) if store is not None else None
    if brief:
        out.write(safe_text(brief).rstrip() + "\n\n")
    out.write("# Events by crossing\n\n")
    by_crossing: dict[str, list[dict]] = {}
    for event in events:
        by_crossing.setdefault(event.get("crossing") or "", []).append(event)
    for crossing in sorted(by_crossing, key=lambda c: (not c, crossing_name(c).casefold())):
        out.write(f"## {safe_line(crossing_name(crossing)) if crossing else 'No crossing named'}\n\n")
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
        write_csv(events, target, {a["id"]: a for a in store.articles()})
    else:
        write_md(events, target, store)
    return target.getvalue() if out is None else None


def export_to_folder(store, fmt: str, flt: EventFilter | None = None) -> tuple[str, str | None]:
    """Write the events passing `flt` into the store folder's exports/ (the browser's export):
    the file's path, and the line saying what was left out (None when nothing was)."""
    from .db.atomic import atomic_write

    text = export(store, fmt, flt=flt)
    folder = store.folder / "exports"
    folder.mkdir(exist_ok=True)
    path = folder / f"crosswatch-{datetime.now():%Y%m%d-%H%M%S}.{fmt}"
    atomic_write(path, text.encode("utf-8"))
    return str(path), left_out_line(left_out(store, flt), "`crosswatch export --include-rejected` keeps them")
