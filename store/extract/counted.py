"""Crossings told by their number: "the three main border crossings between Iraq and Syria",
"all three crossings", "both border posts with Jordan".

The number must equal the crossings the gazetteer has between the countries named (the
official ones, where counting the informal ones too would be one too many); with no country
named, the crossings the article last counted. A part of the set ("one of the three
crossings", "a second of") is not the set, and stays unresolved.
"""
from __future__ import annotations

import re

from store.extract.gazetteer import countries_near, gazetteer

_NUMBERS = {"two": 2, "both": 2, "three": 3, "four": 4, "five": 5}
COUNTED = re.compile(
    r"(?<![a-z])(?:all +)?(?:the +|its +|their +)?(?P<n>two|three|four|five|both)"
    r"(?: +(?:main|official|major|key|remaining|land|principal|formal|legal|border))* +"
    r"(?:border +|frontier +)?(?:crossings|crossing +points|posts|border +posts|gates|border +gates|border +points)(?![a-z])"
)
_PART_OF = re.compile(r"(?<![a-z])(?:one|a +second|a +third|another|none|each|either|neither|two|any|most) +of +$")


def counted_crossings(folded: str, match: re.Match, last: list[str], in_article: set[str]) -> tuple[list[str], bool]:
    """The crossings a counted phrase names ([] where the count does not fit), and whether the
    phrase means them all (not "one of the three crossings": that one is not said).
    `in_article` are the crossings the article names: "Turkey opened two border crossings with
    Syria" are the two of them between Turkey and Syria, where the gazetteer has eight."""
    whole = not _PART_OF.search(folded, max(0, match.start() - 20), match.start())
    n = _NUMBERS[match.group("n")]
    named = countries_near(folded, match.start(), match.end(), reach=45)
    if len(named) == 2:
        between = [c for c, countries in gazetteer().countries.items() if set(countries) == named]
        if len(between) > n:
            between = [c for c in between if c not in gazetteer().informal]
        if len(between) > n:
            between = [c for c in between if c in in_article]
        return (between if len(between) == n else []), whole
    if len(named) < 2 and len(last) == n and all(named <= set(gazetteer().countries[c]) for c in last):
        return list(last), whole  # "all three crossings were under the control of Syrian rebels": those counted before
    if len(named) == 1:
        of_country = sorted(c for c in in_article if named <= set(gazetteer().countries[c]))
        if len(of_country) == n:
            return of_country, whole  # "Turkey opened two border crossings with its neighbour": the two the article names
    return [], whole
