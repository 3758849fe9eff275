"""Find the armed groups and authorities a text names, as faction ids of factions.json.

Generic names ("security forces", "border guards", "Kurdish forces") carry no faction of
their own: the event that uses them picks one from the country of the crossing's side.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from store.extract.data import load
from store.extract.fold import fold, fold_name, literal_regex, word_regex


@dataclass
class Actor:
    start: int
    end: int
    faction: str | None     # None for a generic name until the event resolves it
    kind: str = "name"      # name | generic | group | authority
    generic: str | None = None  # the by_country class of a generic name


@dataclass
class Factions:
    alias_regex: re.Pattern
    glued_regex: re.Pattern | None
    acronym_regex: re.Pattern | None
    patterns: list            # (compiled, faction)
    lookup: dict              # folded alias -> (kind, value)
    acronyms: dict            # acronym -> faction
    by_country: dict          # class -> {country: faction}
    country_words: dict       # country -> compiled regex
    adjectives: dict          # folded adjective -> faction id or by_country class ("under Kurdish control")
    ids: frozenset


def _is_acronym(alias: str) -> bool:
    letters = alias.replace(".", "").replace("-", "")
    return letters.isalpha() and letters.isupper() and len(letters) <= 6


@lru_cache(maxsize=4)
def _factions(_key: int = 0) -> Factions:
    data = load("factions.json")
    lookup: dict[str, tuple[str, str]] = {}
    acronyms: dict[str, str] = {}
    for faction in data["factions"]:
        for alias in faction.get("aliases", []) + [faction.get("name", "")]:
            if not alias:
                continue
            if _is_acronym(alias):
                acronyms[alias] = faction["id"]
            else:
                lookup.setdefault(fold_name(alias), ("name", faction["id"]))
    for cls, aliases in data.get("generic", {}).items():
        for alias in aliases:
            lookup.setdefault(fold_name(alias), ("generic", cls))
    for alias in data.get("group_anaphors", []):
        lookup.setdefault(fold_name(alias), ("group", ""))
    for faction, aliases in data.get("authorities", {}).items():
        for alias in aliases:
            lookup.setdefault(fold_name(alias), ("authority", faction))
    glued = [a for a, (kind, _v) in lookup.items() if kind == "name" and " " in a and len(a) >= 10]
    patterns = [(re.compile(fold(p)), fid) for fid, plist in data.get("patterns", {}).items() for p in plist]
    country_words = {
        c: re.compile(r"\b(?:" + "|".join(map(re.escape, words)) + r")\b") for c, words in data.get("country_words", {}).items()
    }
    return Factions(
        alias_regex=word_regex(lookup),
        glued_regex=re.compile(r"(?<![a-z0-9])" + literal_regex(sorted(glued)) + r"(?=[a-z]{3,})") if glued else None,
        acronym_regex=re.compile(r"(?<![A-Za-z0-9.])(?:" + "|".join(sorted(map(re.escape, acronyms), key=len, reverse=True)) + r")(?![A-Za-z0-9])") if acronyms else None,
        patterns=patterns,
        lookup=lookup,
        acronyms=acronyms,
        by_country=data.get("by_country", {}),
        country_words=country_words,
        adjectives={fold_name(k): v for k, v in data.get("adjectives", {}).items()},
        ids=frozenset(f["id"] for f in data["factions"]),
    )


def factions() -> Factions:
    return _factions()


def find_actors(text: str, folded: str) -> list[Actor]:
    """Non-overlapping actor mentions, longest first where two compete."""
    fx = factions()
    found: list[Actor] = []
    for compiled, faction in fx.patterns:
        found += [Actor(m.start(), m.end(), faction) for m in compiled.finditer(folded)]
    for m in fx.alias_regex.finditer(folded):
        kind, value = fx.lookup[" ".join(m.group().split())]
        if kind == "name":
            found.append(Actor(m.start(), m.end(), value))
        elif kind == "generic":
            found.append(Actor(m.start(), m.end(), None, "generic", value))
        else:
            found.append(Actor(m.start(), m.end(), value or None, kind))
    if fx.glued_regex is not None:  # "the Islamic Statelaunched": a lost space in the source
        for m in fx.glued_regex.finditer(folded):
            kind, value = fx.lookup[" ".join(m.group().split())]
            found.append(Actor(m.start(), m.end(), value))
    if fx.acronym_regex is not None:
        found += [Actor(m.start(), m.end(), fx.acronyms[m.group()]) for m in fx.acronym_regex.finditer(text)]
    found.sort(key=lambda a: (a.start, a.start - a.end))  # earliest first, the longer of two at one place
    kept: list[Actor] = []
    for actor in found:
        if kept and actor.start < kept[-1].end:
            continue
        kept.append(actor)
    return kept


def dominant_country(text: str, candidates: tuple[str, ...]) -> str | None:
    """Of a crossing's countries, the one the article names most (first listed on a tie)."""
    fx = factions()
    best, best_count = None, -1
    for country in candidates:
        regex = fx.country_words.get(country)
        count = len(regex.findall(text)) if regex else 0
        if count > best_count:
            best, best_count = country, count
    return best


def government_of(cls: str, country: str | None) -> str | None:
    return factions().by_country.get(cls, {}).get(country) if country else None
