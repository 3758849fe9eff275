"""Which crossing each reference in a sentence means, and how the article's topic moves on.

Named mentions come from the gazetteer; "the crossing" takes the crossing named earlier in
the sentence, a crossing town just named, or the article's topic (before any topic: the one
crossing the article names, once it or its town has been read); "it" only a crossing of
this or the previous sentence; "the two crossings" the two just named; "the three crossings between Iraq and Syria" those
three (counted.py); "the first"/"the
second" the members of a list named together. Anything less sure stays unresolved.
"""
from __future__ import annotations

import bisect
import re

from store.extract.counted import counted_crossings
from store.extract.gazetteer import (Town, countries_near, crossing_countries, gazetteer, province_named, region_side,
                                     side_phrase)
from store.extract.state import ArticleState, Ref, between
from store.extract.triggers import lexicon

_PLACE_AFTER = re.compile(r" +(?:near|in|at|outside|by|of|on +the +edge +of)(?: +the)?(?: +(?:\w+ +)?(?:town|city|village) +of)? +(?:the +)?")
_BARE_CROSSING = re.compile(r"(?<![a-z])(?:border +crossing|border +post|border +point|border +gate|frontier +post|crossing +point"
                            r"|(?:main|key|strategic|major|last|only|vital|busiest|north|south|east|west|northern|southern) +(?:[a-z]+ +)?crossing)(?![a-z])")
_WHICH = re.compile(r" *, +(which)\b")
UNNAMED_ADJ = (r"(?:key|main|strategic|major|vital|remote|desert|official|busy|busiest|last|only|sole|important|principal|second|third"
                r"|another|northern|southern|eastern|western|north|south|east|west|nearby|third|biggest|largest|vital|crucial|sensitive|[a-z]+ian|[a-z]+ish"
                r"|iraqi|kuwaiti|saudi|lebanese|passenger|commercial|trade|land)")
_INDEFINITE = re.compile(r"(?<![a-z])(?:an?|its|their|(?:syria|iraq|jordan|turkey|lebanon|iran|kuwait|saudi +arabia) +s) +(?:" + UNNAMED_ADJ + r" +(?:and +)?){0,3}"
                         r"(?:land +)?(?:border +crossing|border +post|border +point|border +gate|frontier +post|frontier +crossing|crossing +point"
                         r"|(?:" + UNNAMED_ADJ + r" +)crossing)(?![a-z])")
_UNNAMED_MOD = (r"(?:" + UNNAMED_ADJ + r"|iraqi?|syrian?|jordan(?:ian)?|turk(?:ish|ey)|lebanon|lebanese|iran(?:ian)?|kuwaiti?|saudi|arabia"
                r"|kurdish|kurdistan|government|official|(?:iraq|syria|jordan|turkey|lebanon|iran|kuwait|saudi) +(?:iraq|syria|jordan|turkey"
                r"|lebanon|iran|kuwait|saudi) +border)")
UNNAMED = re.compile(r"(?<![a-z])(?:(?:an?|the|its|their|[a-z]+ +s) +(?:" + _UNNAMED_MOD + r" +){0,4}|(?:" + _UNNAMED_MOD + r" +){1,4})"
                     r"(?:land +|border +|frontier +)?(?:crossing(?: +point)?|border +post|border +gate|border +point|frontier +post|gate)(?![a-z])(?! +(?:points|posts|gates)\b)"
                     r"|(?<![a-z])(?:(?:its|their|the) +)?(?:(?:southern|northern|eastern|western|land|main) +)?border +(?=(?:with|to|into|between) +(?:the +)?[a-z]+)"
                     r"|(?<![a-z])(?:border +)?crossing(?= +(?:on|at|along) +(?:the +)?(?:iraqi|syrian|jordanian|turkish|lebanese|iranian|kuwaiti|saudi|iraq|syria|jordan|turkey|lebanon|iran|kuwait)(?: +[a-z]+)? +(?:border|frontier))"
                     # "a military post on the border with Jordan", "a post on Syria's border with Turkey"
                     r"|(?<![a-z])an? +(?:military +|army +|border +|strategic +)?(?:post|checkpoint|outpost)(?= +(?:on|along|at) +(?:the +|[a-z]+ +s +)?(?:[a-z]+ +)?border(?: +with +[a-z]+)?(?![a-z]))")
_OTHER_NAME_BEFORE = re.compile(r"(?<![.!?:]\s)(?<!^)(?<!\n)\b[A-Z][a-z\u00e0-\u00ff'\u2019-]+[ \t]+$")
_BARE_STATE = re.compile(r"[\W]*(?:(?:held|controlled|run|captured|seized|recaptured|retaken|taken|occupied|closed|reopened|shut)(?: +(?:back|again|since +\d+))? +(?:by|in|since)\b|under +(?:[a-z]+ +){0,3}control\b)")
_THEIR_POSTS = re.compile(r"(?<=left |ndon |fled |sert )their +(?:border +)?posts(?![a-z])")  # "border guards left their posts"
_CROSSING_NOUN = re.compile(r"(?<![a-z])(?:crossing|post|gate|point)(?![a-z])")  # not "the border between Iraq and Syria"
_BORDER_CLOSED = re.compile(r"(?<![a-z])(?:the +|its +)?(?:[a-z]+ +[a-z]+ +)?border(?= +(?:(?:has|have|had) +been +|was +|were +|is +|remains +|remained +|will +be +)?"
                            r"(?:\w+ly +)?(?:closed|reopened|reopens|shut|opened|sealed)(?![a-z]))")
_THESE_CROSSINGS = re.compile(r"(?<![a-z])(?:these|those|both|all +these) +(?:border +)?(?:crossings|posts|gates|crossing +points|border +points)(?![a-z])")
_LIST_FOLLOWS = re.compile(r"(?: +(?:with|between|on|along) +[a-z ]{2,30}?)? *[:\u2014\u2013]")
_DESTINATION = re.compile(r"\b(?:to|towards|toward|into|for) +$")


def resolve_refs(state: ArticleState, s: int, e: int) -> list[Ref]:
    """Named mentions plus resolved anaphors ("the crossing", "it", "the two crossings", "the first")."""
    folded = state.folded
    named = [Ref(m.start, m.end, m.crossing, m.side, m.kind, m.list_id, named_post=m.named_post)
             for m in state.within("mentions", s, e)]
    refs = list(named)
    lex = lexicon()
    recent = state.sentence_index - state.topic_sentence
    for a_start, a_end in between(state.anaphors, s, e):
        if any(r.start <= a_start < r.end or a_start <= r.start < a_end for r in named):
            continue
        if re.match(r" +(?:of|at|in|near|known +as|called) +", folded[a_end:a_end + 14]) and any(
            0 <= r.start - a_end <= 16 for r in named
        ):
            continue
        side, start = side_phrase(folded, a_start, s)
        earlier = [r for r in refs if r.end <= a_start and r.kind in ("name", "anaphor", "town-crossing")]
        towns = [t for t in state.within("towns", max(s, a_start - 110), a_start)]
        place = _PLACE_AFTER.match(folded, a_end)
        town_after = state.within("towns", place.end(), place.end() + 1) if place else []
        if town_after:  # "the border post near the town of Al-Qaim"
            refs.append(Ref(start, a_end, town_after[0].crossing, side or town_after[0].country, "town-crossing"))
        elif earlier:
            ante = earlier[-1]
            refs.append(Ref(start, a_end, ante.crossing, side, "anaphor", named_post=ante.named_post))
        elif towns:
            town: Town = towns[-1]
            refs.append(Ref(start, a_end, town.crossing, side or town.country, "town-crossing"))
        elif state.topic is not None and (recent <= 3 or state.seen_crossings == {state.topic.crossing}
                                          or (recent <= 8 and state.topic.crossing == state.main_crossing)):
            refs.append(Ref(start, a_end, state.topic.crossing, side, "anaphor", named_post=state.topic.named_post))
        elif state.topic is None and _named_before(state, state.only_crossing, a_start):
            # "Kurds seized the border town of Tal Abyad. The YPG took the border crossing with Turkey":
            # no crossing named as such yet, but the article is about one only, whose town was just read
            refs.append(Ref(start, a_end, state.only_crossing, side, "anaphor"))
    for p_start, p_end in between(state.pairs, s, e):
        earlier = []
        for r in refs:
            if r.end <= p_start and r.crossing not in earlier:
                earlier.append(r.crossing)
        pool = earlier if len(earlier) >= 2 else state.previous_crossings
        if len(pool) == 2:
            refs += [Ref(p_start, p_end, c, None, "pair") for c in pool]
    for _start, _end, m in between(state.counts, s, e):
        if any(r.start <= m.start() < r.end for r in refs) or _LIST_FOLLOWS.match(folded, m.end()):
            continue  # "the two crossings" just named: taken above; "all three crossings with Syria: A, B and C"
        crossings, whole = counted_crossings(folded, m, state.counted, state.named_crossings)
        state.counted = crossings or state.counted
        if whole:
            refs += [Ref(m.start(), m.end(), c, None, "counted") for c in crossings]
    for m in _THESE_CROSSINGS.finditer(folded, s, e):  # "these crossings are now managed by the new government"
        pool = state.previous_list if len(state.previous_list) >= 2 else state.counted
        if len(pool) >= 2 and not any(r.start <= m.start() < r.end for r in refs):
            refs += [Ref(m.start(), m.end(), c, None, "counted") for c in pool]
    for o_start, o_end, words in between(state.ordinals, s, e):
        lists: dict[int, list[str]] = {}
        for r in refs:
            if r.list_id is not None and r.end <= o_start:
                lists.setdefault(r.list_id, []).append(r.crossing)
        members = list(lists.values())[-1] if lists else state.previous_list
        index = lex.ordinals[" ".join(words.split())]
        if len(members) >= 2 and -len(members) <= index < len(members):
            refs.append(Ref(o_start, o_end, members[index], None, "ordinal"))
    for pos in state.its[bisect.bisect_left(state.its, s):bisect.bisect_left(state.its, e)]:
        earlier = [r for r in refs if r.end <= pos]
        if earlier:
            refs.append(Ref(pos, pos + 2, earlier[-1].crossing, None, "it"))
        elif state.topic is not None and (recent <= 1 or (recent <= 2 and state.topic.crossing == state.main_crossing)
                                          or (recent <= 6 and state.seen_crossings == {state.topic.crossing})):
            refs.append(Ref(pos, pos + 2, state.topic.crossing, None, "it"))
    _place_in_regions(folded, refs)
    for r in list(refs):  # "the Nasib crossing, which is held by ...": "which" is the crossing again
        which = _WHICH.match(folded, r.end, e)
        if which and r.kind != "it":
            refs.append(Ref(which.start(1), which.end(1), r.crossing, r.side, "which", shown=(r.start, r.end),
                            named_post=r.named_post))
    if s == 0 and not named and "\n" in state.text[e:e + 1] and _headline_refs(state, e):
        refs += _headline_refs(state, e)
    elif not named:  # "Sunni fighters have seized a border post on the frontier" in a one-crossing article
        refs += _indefinite_refs(state, s, e, refs)
    elif state.within("triggers", s, e):  # "Iraq has closed its main border post with Syria after rebels took the Abu Kamal crossing"
        refs += [r for r in _unnamed_refs(state, s, e, refs) if _CROSSING_NOUN.search(folded, r.start, r.end)]
    if not refs and state.topic is not None and recent <= 1 and _BARE_STATE.match(folded, s, e):
        # a list item under its crossing's heading: "- Held by Turkish-backed Syrian rebels."
        refs.append(Ref(s, s, state.topic.crossing, state.topic.side, "implicit", named_post=state.topic.named_post))
    _place_in_regions(folded, refs)
    refs.sort(key=lambda r: (r.start, r.end))
    return refs


def _named_before(state: ArticleState, crossing: str | None, pos: int) -> bool:
    """Whether `crossing` (or its town) was named before `pos`."""
    if crossing is None:
        return False
    return any(m.crossing == crossing for m in state.within("mentions", 0, pos)) or any(
        t.crossing == crossing for t in state.within("towns", 0, pos))


def _place_in_regions(folded: str, refs: list[Ref]) -> None:
    """ "the border crossing in western Anbar": a side from the province, where the words gave none."""
    for r in refs:
        if r.side is None and r.list_id is None and r.kind not in ("pair", "ordinal", "it", "which"):
            r.side = region_side(folded, r.end, r.crossing)


def _indefinite_refs(state: ArticleState, s: int, e: int, refs: list[Ref]) -> list[Ref]:
    found = []
    for m in list(_INDEFINITE.finditer(state.folded, s, e)) + list(_THEIR_POSTS.finditer(state.folded, s, e)):
        if not any(r.start <= m.start() < r.end for r in refs):
            crossing = _fitting(state, state.only_crossing, m.start(), m.end())
            if crossing:
                found.append(Ref(m.start(), m.end(), crossing, _owner_side(state.folded, m, crossing), "indefinite"))
    return found + _unnamed_refs(state, s, e, refs + found)


def _unnamed_refs(state: ArticleState, s: int, e: int, refs: list[Ref]) -> list[Ref]:
    """Unnamed crossings told by their countries: "main border crossing with Syria", "the Iraq-Jordan border crossing"."""
    found = []
    words = state.folded[s:e]
    if "border" not in words and "crossing" not in words and "post" not in words and "gate" not in words:
        return found  # the patterns below are costly, and every form of them holds one of these words
    if state.only_crossing:  # "The border has been closed since Thursday" in a report on one crossing
        for m in _BORDER_CLOSED.finditer(state.folded, s, e):
            if not any(r.start <= m.start() < r.end for r in refs + found) and _fitting(state, state.only_crossing, m.start(), m.end()):
                found.append(Ref(m.start(), m.end(), state.only_crossing, None, "indefinite"))
    for m in UNNAMED.finditer(state.folded, s, e):
        if any(r.start <= m.start() < r.end or m.start() <= r.start < m.end() for r in refs + found):
            continue
        if not countries_near(state.folded, m.start(), m.end()):
            continue  # no countries around it: only the article's one crossing could be meant (the cases above)
        if _OTHER_NAME_BEFORE.search(state.text, max(s, m.start() - 30), m.start()) and not _title_case(state.text[s:e]):
            continue  # "the Arida Official Crossing Point": a crossing the gazetteer does not know
        crossing = _fitting(state, state.only_crossing, m.start(), m.end())
        if crossing:
            found.append(Ref(m.start(), m.end(), crossing, _owner_side(state.folded, m, crossing), "indefinite"))
    return found


_OWNER = re.compile(r"(?:(?:its|the) +)?([a-z]+)(?: +s)? +")


def _owner_side(folded: str, m: re.Match, crossing: str) -> str | None:
    """ "Jordan's border crossing with Syria", "the Jordanian border post": the owner's post."""
    owner = _OWNER.match(folded, m.start(), m.end())
    country = gazetteer().side_words.get(owner.group(1)) if owner else None
    return country if country in crossing_countries(crossing) else None


def _title_case(sentence: str) -> bool:
    """A headline in title case ("ISIS Jihadists Seize Main Border Crossing"): capitals say nothing there."""
    words = re.findall(r"[A-Za-z][\w'\u2019-]*", sentence)
    return len(words) >= 3 and sum(w[0].isupper() for w in words) >= 0.7 * len(words)


def _headline_refs(state: ArticleState, e: int) -> list[Ref]:
    """ "ISIS seizes border crossing in western Anbar": a headline's unnamed crossing is the one
    crossing the whole article names (or whose town it names), if it names only one, else the
    one its first paragraphs name first (the lede tells the headline's story)."""
    m = _BARE_CROSSING.search(state.folded, 0, e)
    if not m:
        return []
    crossing = _fitting(state, state.only_crossing or state.lead_crossing, m.start(), m.end())
    return [Ref(m.start(), m.end(), crossing, None, "headline")] if crossing else []


def _fitting(state: ArticleState, crossing: str | None, start: int, end: int) -> str | None:
    """`crossing`, if it joins the countries the words around an unnamed crossing name ("Syria-Iraq
    border post", "a border crossing with Jordan"); else the first crossing the article names that
    does; None when the words name countries no crossing of the article joins."""
    named = countries_near(state.folded, start, end)
    if not named:
        return crossing
    fits = lambda c: named <= set(crossing_countries(c))
    if crossing and fits(crossing):
        return crossing
    named_here = next((m.crossing for m in state.mentions if fits(m.crossing)), None)
    if named_here or len(named) < 2:
        return named_here
    only = [c for c in gazetteer().countries if set(crossing_countries(c)) == named]
    if len(only) > 1:  # "a key border crossing connecting Turkey to Syria's Latakia province": the one there
        only = [c for c in only if province_named(state.folded, c, start, end)]
    return only[0] if len(only) == 1 else None  # "Iraq's border crossing with Jordan": there is one, Trebil


def advance(state: ArticleState, sent) -> None:
    """Move the article state past a sentence (`sent` is its SentenceView)."""
    folded = state.folded
    topical = [r for r in sent.refs if r.kind in ("name", "anaphor", "town-crossing", "it")
               and not _DESTINATION.search(folded[max(0, r.start - 12):r.start])]
    state.seen_crossings.update(r.crossing for r in sent.refs if r.kind == "name")
    if topical:
        state.topic = topical[-1]
        state.topic_sentence = state.sentence_index
    named = []
    for r in sent.refs:
        if r.kind in ("name", "town-crossing", "anaphor") and r.crossing not in named:
            named.append(r.crossing)
    if named:
        state.previous_crossings = named
    lists: dict[int, list[str]] = {}
    for r in sent.refs:
        if r.list_id is not None:
            lists.setdefault(r.list_id, []).append(r.crossing)
    if lists:
        state.previous_list = list(lists.values())[-1]
    for actor in sent.actors:
        if actor.kind == "name" and actor.faction != "militants":
            state.last_org = actor.faction

    state.previous_source = sent.attr.source
    state.sentence_index += 1
