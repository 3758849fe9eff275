"""Which faction an event's actor is, from the words that name it.

A name maps straight to its faction; a generic name ("security forces", "Kurdish forces")
takes the group named beside it ("from the YPG"), the country of the crossing's side, the
group last named for that crossing, or the country the article is about; "the jihadist
group" the last organisation named; a state name ("Jordan") only closes or reopens; "his
forces", "its troops" are those of the group or state named just before in the sentence.
"""
from __future__ import annotations

import bisect
import re

from store.extract.factions import Actor, factions, government_of
from store.extract.gazetteer import crossing_closer, crossing_countries, gazetteer, post_authority, region_side, regions_near
from store.extract.state import ArticleState, Ref
from store.extract.triggers import Trigger

def actor_id(state: ArticleState, actor: Actor, ref: Ref, event_type: str) -> str | None:
    if actor.kind == "name":
        if actor.faction == "syria-opposition" and "sy" not in crossing_countries(ref.crossing) \
                and _PLAIN_REBELS.fullmatch(state.folded, actor.start, actor.end):
            return "militants"  # "rebels" at Trebil in 2014 were Iraq's insurgents, not Syria's opposition
        return actor.faction
    if actor.kind == "generic":
        named = named_modifier(state, actor)
        if named is not None:
            return named
        said = _COUNTRY_BEFORE.search(state.folded, max(0, actor.start - 30), actor.start)
        country = gazetteer().side_words.get(said.group(1)) if said else None
        if country is None:
            country = region_side(state.folded, actor.end, ref.crossing)  # "the local government in Basra Governorate"
        if country and government_of(actor.generic, country):  # "Turkish authorities", "the Iraqi central government"
            faction = government_of(actor.generic, country)
            runs = post_authority(ref.crossing, country) if event_type in ("closed", "reopened") else None
            return runs if runs and faction == government_of("government", country) else faction
        first = state.country_for(ref.crossing, ref.side)
        if ref.side is not None and government_of(actor.generic, first):
            if actor.generic == "government" and event_type in ("closed", "reopened") and post_authority(ref.crossing, first):
                return post_authority(ref.crossing, first)  # "border authorities" at Faysh Khabur: the KRG's
            return government_of(actor.generic, first)
        options = {government_of(actor.generic, c) for c in crossing_countries(ref.crossing)} - {None}
        i = bisect.bisect_left(state._actor_starts, actor.start)
        for earlier in reversed(state.actors[max(0, i - 30):i]):  # "Kurdish forces" after "Peshmerga": the same
            if earlier.kind == "name" and earlier.faction in options:
                return earlier.faction
        for later in state.within("actors", actor.end, actor.end + 600):  # a headline names them only below
            if later.kind == "name" and later.faction in options:
                return later.faction
        for country in (first, *crossing_countries(ref.crossing)):
            faction = government_of(actor.generic, country)
            if faction:
                return faction
        return None
    if actor.kind == "group":
        return state.last_org
    if actor.kind == "possessive":
        return possessor(state, actor)
    if actor.kind == "authority":
        return actor.faction  # only offered for other types when the state is the verb's subject
    if actor.kind == "unclaimed":
        return actor.faction
    if actor.kind == "implied":
        return implied_authority(state, ref)
    return None


_COUNTRY_BEFORE = re.compile(r"(?<![a-z])([a-z]+)(?: +s)?(?: +(?:central|federal|national|local|border|security|military|state|interim|new))? +$")
_PLAIN_REBELS = re.compile(r"(?:the +)?(?:tribal +|armed +|sunni +)?(?:rebels?|islamists?)(?: +(?:forces|fighters|groups|factions|militants))?")


def implied_authority(state: ArticleState, ref: Ref) -> str | None:
    """Who closed or reopened a crossing when the text names no one: whoever runs the side named
    ("the Jordanian Jaber crossing", "Syria's side of"), else the authority last named closing or reopening it, else
    the government of the crossing's country the article names most."""
    if crossing_closer(ref.crossing):
        return crossing_closer(ref.crossing)  # Semalka's closings: the KRG's, whatever side is named
    post = ref.side
    if post:
        return post_authority(ref.crossing, post) or government_of("government", post)
    if ref.crossing in state.authorities:
        return state.authorities[ref.crossing]  # "which the KRG closed in December, reopened on Monday"
    country = state.country_for(ref.crossing, ref.side)
    nearby = regions_near(state.folded, ref.start) & set(crossing_countries(ref.crossing))
    if ref.side is None and ref.named_post and post_authority(ref.crossing, ref.named_post):
        country = ref.named_post  # "Fishkhabour border crossing was reopened": the KRG's post
    elif ref.side is None and len(nearby) == 1:
        country = next(iter(nearby))  # "the Governor of Khuzestan said the Shalamcheh crossing had been closed"
    elif ref.side is None and not state.country_counts.get(country):
        return None  # the article names neither country: who acted is not said (a candidate)
    return post_authority(ref.crossing, country) or government_of("government", country)


def possessor(state: ArticleState, actor: Actor) -> str | None:
    """ "A Peshmerga commander told Rudaw his forces now hold it", "Turkey said its troops ...": the
    group or state named last before the pronoun in the same sentence, if any."""
    i = bisect.bisect_left(state._actor_starts, actor.start)
    for earlier in reversed(state.actors[max(0, i - 6):i]):
        between = state.text[earlier.end:actor.start]
        if len(between) > 120 or re.search(r"[.!?;]\s|\n", between):
            return None
        if earlier.kind in ("name", "authority") and earlier.faction:
            return earlier.faction
    return None


def named_modifier(state: ArticleState, actor: Actor) -> str | None:
    """ "Kurdish forces from the YPG", "security forces of the KRG": the named group decides."""
    for other in state.within("actors", actor.end, actor.end + 40):
        gap = state.folded[actor.end:other.start]
        if other.kind == "name" and re.fullmatch(r" *(?:from|of|belonging +to|loyal +to|led +by) +(?:the +)?", gap):
            return other.faction
        break
    return None


def previous_group(state: ArticleState, start: int) -> Actor | None:
    """The one group named in the sentence before `start`, if only one is."""
    text = state.text
    end = start
    while end > 0 and text[end - 1].isspace():
        end -= 1
    previous = max(text.rfind(". ", max(0, end - 2000), end - 1), text.rfind("\n", max(0, end - 2000), end - 1), 0)
    window = [a for a in state.within("actors", previous, start) if a.kind == "name"]
    return window[-1] if window and len({a.faction for a in window}) == 1 else None


def adjective_actor(folded: str, trigger: Trigger) -> Actor | None:
    """ "under Kurdish control": the adjective names the group (factions.json "adjectives")."""
    adjectives = factions().adjectives
    words = list(re.finditer(r"[a-z]+", folded[trigger.start:trigger.end]))
    generic = None
    for word in reversed(words[:-1]):
        value = adjectives.get(word.group())
        if value:
            start, end = trigger.start + word.start(), trigger.start + word.end()
            if value not in factions().by_country:
                return Actor(start, end, value)  # "under the Syrian state's control": the country names the state
            generic = generic or Actor(start, end, None, "generic", value)
    return generic


def compound_actor(sent, trigger: Trigger) -> Actor | None:
    """The group in a compound before "-held"/"-controlled": "IS-held", "rebel-held", "Kurdish-controlled"."""
    folded = sent.state.folded
    for actor in sent.actors:
        if actor.end == trigger.start - 1:
            return actor
    word = re.search(r"([a-z]+) $", folded[max(0, trigger.start - 20):trigger.start])
    value = factions().adjectives.get(word.group(1)) if word else None
    if not value:
        return None
    start = trigger.start - 1 - len(word.group(1))
    if value in factions().by_country:
        return Actor(start, trigger.start - 1, None, "generic", value)
    return Actor(start, trigger.start - 1, value)


def usable_actor(actor: Actor, event_type: str) -> bool:
    return actor.kind != "authority" or event_type in ("closed", "reopened")


def government_country(actor_id: str, crossing: str) -> str | None:
    """The side a government's forces stand on: their own country's post."""
    for country, faction in factions().by_country.get("government", {}).items():
        if faction == actor_id and country in crossing_countries(crossing):
            return country
    return None
