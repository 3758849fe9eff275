"""Display names for crossing, post and faction ids, from the gazetteer and factions list (with user additions).

What a person reads is a name, never an id: a post is "Al Waleed (Iraq)" / "Al Tanf (Syria)", a
crossing with no side given "Al Waleed / Al Tanf", a faction its name as it was on the event's date
("YPG" before the SDF existed). Ids stay in JSON, JSONL and CSV id columns.

A faction or crossing is also *found* by any of its names: the id, the name, the short name, the
earlier names and every alias of data/factions.json; a crossing's name, its posts' names and their
spellings and towns in data/gazetteer.json ("YPG", "Daesh", "Tanf", "Abu Kamal"). Case, accents,
hyphens, dots and apostrophes do not matter (`name_key`).
"""
from __future__ import annotations

import re
from functools import lru_cache

from .datafiles import load as _load
from .filters import fold

# ISO 3166 alpha-2 (the gazetteer's post sides): the country's name and its adjective.
COUNTRIES = {
    "iq": ("Iraq", "Iraqi"), "sy": ("Syria", "Syrian"), "jo": ("Jordan", "Jordanian"), "tr": ("Turkey", "Turkish"),
    "ir": ("Iran", "Iranian"), "sa": ("Saudi Arabia", "Saudi"), "kw": ("Kuwait", "Kuwaiti"), "lb": ("Lebanon", "Lebanese"),
}


@lru_cache(maxsize=1)
def crossing_names() -> dict[str, str]:
    return {c["id"]: c.get("name") or c["id"] for c in _load("gazetteer.json").get("crossings", []) if "id" in c}


@lru_cache(maxsize=1)
def post_names() -> dict[tuple[str, str], str]:
    out = {}
    for crossing in _load("gazetteer.json").get("crossings", []):
        for post in crossing.get("posts", []):
            side = post.get("country") or post.get("side")
            if side and post.get("name"):
                out[(crossing.get("id"), side)] = post["name"]
    return out


@lru_cache(maxsize=1)
def post_coordinates() -> dict[tuple[str, str], tuple[float, float]]:
    """(crossing id, side) -> (lat, lon) of the posts the gazetteer places."""
    out = {}
    for crossing in _load("gazetteer.json").get("crossings", []):
        for post in crossing.get("posts", []):
            side = post.get("country") or post.get("side")
            lat, lon = post.get("lat"), post.get("lon")
            if side and isinstance(lat, (int, float)) and isinstance(lon, (int, float)):
                out[(crossing.get("id"), side)] = (float(lat), float(lon))
    return out


@lru_cache(maxsize=1)
def faction_names() -> dict[str, str]:
    return {f["id"]: f.get("name") or f["id"] for f in _load("factions.json").get("factions", []) if "id" in f}


@lru_cache(maxsize=1)
def _short_names() -> dict[str, str]:
    return {f["id"]: str(f["short"]) for f in _load("factions.json").get("factions", []) if "id" in f and f.get("short")}


def crossing_name(crossing: str) -> str:
    return crossing_names().get(crossing, crossing)


def post_name(crossing: str, side: str | None) -> str:
    return post_names().get((crossing, side), f"{crossing} ({side or 'side unknown'})")


def country_name(side: str | None) -> str:
    """"Iraq" for "iq"; an unknown code in capitals; "side not given" for none."""
    if not side:
        return "side not given"
    return COUNTRIES.get(side, (str(side).upper(), ""))[0]


def country_adjective(side: str | None) -> str:
    """"Iraqi" for "iq" ("the Iraqi post"); an unknown code in capitals."""
    return COUNTRIES.get(side, ("", str(side or "").upper()))[1] if side else ""


def post_label(crossing: str | None, side: str | None) -> str:
    """Where an event happened, as a person reads it: the post with its country ("Al Waleed (Iraq)",
    "Al Tanf (Syria)"), or the crossing's name when no side is given ("Al Waleed / Al Tanf")."""
    if not crossing:
        return "no crossing named"
    if not side:
        return crossing_name(crossing)
    name = post_names().get((crossing, side)) or crossing_name(crossing)
    return f"{name} ({country_name(side)})"


def event_day(event: dict) -> str | None:
    """The day an event's names are taken on: its own date, else its report's."""
    return event.get("date") or event.get("published") or None


def event_place(event: dict) -> str:
    return post_label(event.get("crossing"), event.get("side"))


@lru_cache(maxsize=1)
def _earlier() -> dict[str, list[tuple[str, str, str]]]:
    """Faction id -> [(until ISO date, name, short name)], oldest first (factions.json 'names_before')."""
    out = {}
    for f in _load("factions.json").get("factions", []):
        steps = [(str(n.get("until")), str(n.get("name")), str(n.get("short") or n.get("name")))
                 for n in f.get("names_before") or [] if isinstance(n, dict) and n.get("until") and n.get("name")]
        if "id" in f and steps:
            out[f["id"]] = sorted(steps)
    return out


def _earlier_names() -> dict[str, list[tuple[str, str]]]:
    """Faction id -> [(until ISO date, name)], oldest first (factions.json 'names_before')."""
    return {faction: [(until, name) for until, name, _ in steps] for faction, steps in _earlier().items()}


def faction_name(faction: str | None, on: str | None = None, short: bool = False) -> str:
    """The faction's name, as it was on the ISO date `on` when given ("YPG" before the SDF existed);
    `short`: the name for a narrow column ("Iraqi forces" for "Iraqi government forces")."""
    if not faction:
        return "nobody known"
    if on:
        for until, name, brief in _earlier().get(faction, ()):
            if str(on)[:10] < until:
                return brief if short else name
    if short and faction in _short_names():
        return _short_names()[faction]
    return faction_names().get(faction, faction)


def names_over(faction: str, first: str | None, last: str | None) -> list[str]:
    """The names a faction went by between two ISO days, oldest first ("YPG", then "SDF")."""
    if not faction:
        return []
    names = [faction_name(faction, first)]
    for until, _, _ in _earlier().get(faction, ()):
        if (first is None or str(first)[:10] < until) and (last is None or until <= str(last)[:10]):
            name = faction_name(faction, until)
            if name not in names:
                names.append(name)
    return names


ASSUMED = "assumed"  # the word after a holder no report names: the post's own state's, by default


def holder_text(post: dict, names: bool = True, on: str | None = None, short: bool = False) -> str | None:
    """A status row's holder as shown: allies joined ("Iraqi government forces + Popular Mobilization
    Forces"; ids with `names=False`; "Iraqi forces + PMF" with `short`), "(assumed)" after a state's
    own post no report gives anyone."""
    holders = post.get("holders") or ([post["holder"]] if post.get("holder") else [])
    if not holders:
        return None
    text = " + ".join(faction_name(h, on, short) if names else h for h in holders)
    return f"{text} ({ASSUMED})" if post.get("assumed") else text


# -- finding by any name ---------------------------------------------------------------------

_MARKS = re.compile(r"['’‘`.]")
_BREAKS = re.compile(r"[-‐‑–—/_,()]+|\s+")


def name_key(text: str) -> str:
    """What names are compared by: case, accents, dots and apostrophes gone, hyphens as spaces
    ("Da'esh" = "daesh", "Al-Waleed" = "al waleed", "U.S.-led" = "us led")."""
    return _BREAKS.sub(" ", _MARKS.sub("", fold(str(text)))).strip()


def _unique(words) -> tuple[str, ...]:
    seen, out = set(), []
    for word in words:
        if isinstance(word, str) and word.strip() and word not in seen:
            seen.add(word)
            out.append(word)
    return tuple(out)


@lru_cache(maxsize=1)
def faction_words() -> dict[str, tuple[str, ...]]:
    """Faction id -> every name it is found by: name, short name, earlier names, aliases, id."""
    out = {}
    for f in _load("factions.json").get("factions", []):
        if "id" not in f:
            continue
        earlier = [n.get(k) for n in f.get("names_before") or [] if isinstance(n, dict) for k in ("name", "short")]
        out[f["id"]] = _unique([f.get("name"), f.get("short"), *earlier, *(f.get("aliases") or []), f["id"]])
    return out


@lru_cache(maxsize=1)
def post_words() -> dict[tuple[str, str], tuple[str, ...]]:
    """(crossing id, side) -> the post's name and the spellings and towns it is reported by."""
    out = {}
    for crossing in _load("gazetteer.json").get("crossings", []):
        for post in crossing.get("posts", []):
            side = post.get("country") or post.get("side")
            if side and "id" in crossing:
                out[(crossing["id"], side)] = _unique([post.get("name"), *(post.get("names") or []), *(post.get("town_names") or [])])
    return out


@lru_cache(maxsize=1)
def crossing_words() -> dict[str, tuple[str, ...]]:
    """Crossing id -> its name, its posts' names, spellings and towns, and its id."""
    out = {}
    for crossing in _load("gazetteer.json").get("crossings", []):
        if "id" not in crossing:
            continue
        posts = [w for (c, _), words in post_words().items() if c == crossing["id"] for w in words]
        out[crossing["id"]] = _unique([crossing.get("name"), *posts, crossing["id"]])
    return out


def matching_name(query: str, words) -> str | None:
    """The first of `words` the query names, whole or in part ("tanf" finds "Al Tanf"); None when none does.
    A word equal to the query is preferred, then one starting with it, then one holding it."""
    key = name_key(query)
    if not key:
        return None
    keyed = [(name_key(w), w) for w in words]
    for test in (lambda k: k == key, lambda k: k.startswith(key), lambda k: key in k):
        for k, word in keyed:
            if test(k):
                return word
    return None


def _find(query: str, table: dict) -> list:
    key = name_key(query)
    return [ident for ident, words in table.items() if key and any(name_key(w) == key for w in words)]


def find_factions(query: str) -> list[str]:
    """Faction ids one of whose names is `query` exactly (as `name_key` compares), e.g. "YPG" -> ["sdf"]."""
    return _find(query, faction_words())


def find_crossings(query: str) -> list[str]:
    """Crossing ids one of whose names (or one of whose posts' names) is `query`: "Abu Kamal" -> ["al-qaim"]."""
    return _find(query, crossing_words())


def also_known_as(faction: str, most: int = 5) -> list[str]:
    """A few other names a faction goes by, short ones first ("SDF", "YPG", ...), for a chooser's hint."""
    name = faction_names().get(faction, faction)
    seen = {name_key(name)}
    out = []
    for word in faction_words().get(faction, ()):
        key = name_key(word)
        if word == faction:  # the id
            continue
        if key not in seen and len(word.split()) <= 2 and "(" not in word:
            seen.add(key)
            out.append(word)
    return out[:most]


def known_factions() -> list[str]:
    """`Name (short)` of every faction, for a message that lists what is known."""
    out = []
    for faction in faction_names():
        name, short = faction_name(faction), _short_names().get(faction)
        out.append(f"{name} ({short})" if short and name_key(short) not in name_key(name) else name)
    return out


def known_crossings() -> list[str]:
    return [crossing_name(c) for c in crossing_names()]


def evidence_line(post: dict, n_events: int, on: str | None = None) -> str:
    """What a status row rests on, in a line: "Al Waleed (Iraq): held by Islamic State since
    ~2014-06-25 (approximate: from “days later” in a report of 2014-06-30); 4 events"."""
    where = post_label(post.get("crossing"), post.get("side"))
    holder = holder_text(post, on=on) if post.get("holder") else None
    if holder and post.get("assumed"):
        head = f"{holder}: no report names a holder"
    elif holder:
        since = post.get("since") or "?"
        head = f"held by {holder} since {'~' if post.get('since_approx') else ''}{since}"
        if post.get("since_approx") and post.get("since_from"):
            head += f" (approximate: from {post['since_from']})"
    else:
        head = "holder unknown"
    return f"{where}: {head}; {n_events} event{'s' if n_events != 1 else ''} behind it"
