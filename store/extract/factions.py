"""Find the armed groups and authorities a text names, as faction ids of factions.json.

Generic names ("security forces", "border guards", "Kurdish forces") carry no faction of
their own: the event that uses them picks one from the country of the crossing's side.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from store.datafiles import load
from store.extract.fold import fold, fold_name, literal_regex, word_regex


@dataclass
class Actor:
    start: int
    end: int
    faction: str | None     # None for a generic name until the event resolves it
    kind: str = "name"      # name | generic | group | authority | possessive ("his forces")
    generic: str | None = None  # the by_country class of a generic name


@dataclass
class Factions:
    alias_regex: re.Pattern
    open_regex: re.Pattern    # the aliases without the closing word boundary, to catch "Statelaunched"
    glued: frozenset          # long multi-word aliases that may lose the space after them
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
                if len(alias) >= 4:  # "Isis", "Isil" as some papers write them are no English words
                    lookup.setdefault(fold_name(alias), ("name", faction["id"]))
            else:
                lookup.setdefault(fold_name(alias), ("name", faction["id"]))
    for cls, aliases in data.get("generic", {}).items():
        for alias in aliases:
            lookup.setdefault(fold_name(alias), ("generic", cls))
    for alias in data.get("group_anaphors", []):
        lookup.setdefault(fold_name(alias), ("group", ""))
    for alias in data.get("possessive_anaphors", []):
        lookup.setdefault(fold_name(alias), ("possessive", ""))
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
        open_regex=re.compile(r"(?<![a-z0-9])" + literal_regex(sorted(lookup))),
        glued=frozenset(glued),
        acronym_regex=re.compile(r"(?<![A-Za-z0-9.])" + literal_regex(sorted(acronyms), flexible_spaces=False) + r"(?![A-Za-z0-9])") if acronyms else None,
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


def _actor(fx: Factions, start: int, end: int, alias: str) -> Actor:
    kind, value = fx.lookup[alias]
    if kind == "name":
        return Actor(start, end, value)
    if kind == "generic":
        return Actor(start, end, None, "generic", value)
    return Actor(start, end, value or None, kind)


def find_actors(text: str, folded: str) -> list[Actor]:
    """Non-overlapping actor mentions, longest first where two compete."""
    fx = factions()
    found: list[Actor] = []
    for compiled, faction in fx.patterns:
        found += [Actor(m.start(), m.end(), faction) for m in compiled.finditer(folded)]
    n = len(folded)
    for m in fx.open_regex.finditer(folded):
        end = m.end()
        if end < n and (folded[end].isalnum()):
            alias = " ".join(m.group().split())
            if alias in fx.glued and folded[end:end + 3].isalpha():  # "the Islamic Statelaunched": a lost space
                found.append(_actor(fx, m.start(), end, alias))
                continue
            strict = fx.alias_regex.match(folded, m.start())  # a shorter alias may end at a word boundary
            if strict:
                found.append(_actor(fx, strict.start(), strict.end(), " ".join(strict.group().split())))
            continue
        found.append(_actor(fx, m.start(), end, " ".join(m.group().split())))
    if fx.acronym_regex is not None:
        found += [Actor(m.start(), m.end(), fx.acronyms[m.group()]) for m in fx.acronym_regex.finditer(text)]
    found.sort(key=lambda a: (a.start, a.start - a.end))  # earliest first, the longer of two at one place
    kept: list[Actor] = []
    for actor in found:
        if kept and actor.start < kept[-1].end:
            last = kept[-1]
            if actor.kind == "name" and last.kind == "generic" and actor.end > last.end:
                # "security forces" + "forces from the ... Kurdish region": the named reading wins
                kept[-1] = Actor(last.start, actor.end, actor.faction)
            continue
        kept.append(actor)
    return [a for a in kept if not _AGAINST.search(folded, max(0, a.start - 9), a.start)]


_AGAINST = re.compile(r"(?<![a-z])(?:anti|counter) $")  # "anti-ISIL forces" are not ISIL


def dominant_country(text: str, candidates: tuple[str, ...], counts: dict | None = None) -> str | None:
    """Of a crossing's countries, the one the article names most (first listed on a tie).

    `counts` (country -> times named) is filled in as countries are counted, so that an
    article naming many crossings scans its text once per country, not once per crossing.
    """
    fx = factions()
    counts = {} if counts is None else counts
    best, best_count = None, -1
    for country in candidates:
        if country not in counts:
            regex = fx.country_words.get(country)
            counts[country] = len(regex.findall(text)) if regex else 0
        count = counts[country]
        if count > best_count:
            best, best_count = country, count
    return best


def government_of(cls: str, country: str | None) -> str | None:
    return factions().by_country.get(cls, {}).get(country) if country else None
