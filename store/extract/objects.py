"""Where a trigger's crossing stands: right after it ("seized the Al Waleed post"), or before
it for a passive ("The crossing was captured by ...").

The object must follow closely, with only words like "the", "all of", "control of" between;
a place near a crossing ("the village of X near the Rabia crossing") is not the crossing.
"""
from __future__ import annotations

import re

from store.extract.clauses import SentenceView
from store.extract.state import Ref, words_between
from store.extract.triggers import Trigger

_LOCATIVE = re.compile(r"\b(?:near|outside|close +to|next +to|around|along|beyond|behind|overlooking|adjacent +to|"
                       r"(?:north|south|east|west)(?:east|west)? +of|from|toward|towards|between)\b")
_LIST_INTRO = re.compile(r" *(?:all +|the +|both +|its +|their +)?(?:[a-z]+ +){0,2}(?:border +)?(?:crossings|posts|crossing +points|gates)"
                         r"(?: +(?:with|on|along|between) +[a-z ]{2,30}?)? *[:\u2014\u2013-] *$")
_DIRECT_GAP = re.compile(r"(?: *(?:[a-z]+ +(?:held|controlled|run|occupied|besieged)|the|a|an|all|of|both|sides?|its|their|main|key|strategic|nearby|vital|important|official|border"
                         r"|(?:north|south)?(?:east|west)ern|northern|southern|desert|land|commercial|international|busy|busiest|sole|only|last|grip"
                         r"|(?:syria|iraq|jordan|turkey|lebanon|iran|kuwait|saudi|country|kingdom)(?: +s)?"
                         r"|remaining|entire|whole|two|three|full|command|control|over|back|again|also|once|more|most|much"
                         r"|part|parts|large|positions?|sections?"
                         r"|customs|administrative|administration|buildings?|offices?|facilit(?:y|ies)|compound|headquarters|at"
                         r"|syrian|iraqi|jordanian|turkish|lebanese|iranian|kuwaiti|security|presence|defen[cs]es|first|second|third|another)\b)* *$")
_GROUP_KINDS = ("pair", "counted")
_AND_OF = re.compile(r"(?:,|(?<![a-z])and) +of +(?:the +)?(?:(?:border +)?(?:crossings?|posts?|gates?) +(?:at|of|in) +)?$")  # "... and of the crossings at Jarablus"
_TARGET_AT = re.compile(r"(?: +[a-z]+){1,8}? +(?:at|on) +(?:the +)?(?:key +|main +|strategic +)?")
_TOWN_AND = re.compile(r" *,? *(?:as +well +as|and|along +with|including|together +with|plus|and +its) +")
_TOWN_LEAD = re.compile(r"(?:the +)?(?:\w+ +)?(?:town|city|village)s? +of +$")
_INCLUDING = re.compile(r"(?:,|\(| +[\u2014\u2013]) *(?:including|notably|among +them|such +as) +(?:the +)?$")
_LOCATIVE_OBJECT = re.compile(r" +(?:(?:the|a|an) +)?(?:talks|meetings?|positions? +(?:near|around|outside)|people|civilians|refugees|trucks|vehicles)\b")
_TOWN_AND_THE = re.compile(r" *(?:the +|both +the +)?(?:border +)?(?:town|city|village) +(?:and|as +well +as|along +with) +(?:the +|its +)?")
ALONG = re.compile(r"\b(?:along +with|together +with|as +well +as|and|plus|including) +(?:the +)?$")
_CONNECT = re.compile(r"^(?:[ ,]|and\b|or\b|as +well +as\b|along +with\b|together +with\b|plus\b)*$")
_APPOSITIVE = re.compile(r" *(?:,|\() *[^,;()]{1,100}(?:,|\))"  # "Qaim post, opposite Abu Kamal, is ..."
                         r"| +(?:near|in|on|at|along|outside|inside|close +to|(?:north|south|east|west)(?:east|west)? +of)"
                         r" +(?:[a-z]+ +){0,6}?(?=(?:(?:is|was|were|are|has|have|had|remains?|remained)(?: +\w+ly)?|(?:\w+ly +)?(?:seized|captured|taken|held|closed|shut|reopened))\b)")
_ELIDED_SUBJECT = re.compile(r" *,? *(?:but|and|then)(?: +(?:it|later|then|soon|quickly))?(?: +(?:was|were|has +been|had +been|is))(?: +\w+ly)? +")
_BOTH = re.compile(r"(?<![a-z])(?:were|are|remain|remained|have +been|had +been) +(?:both|all)(?![a-z])")
_WHICH_IS = re.compile(r" *,? *(?:which|that)(?: +(?:is|was|were|are|has|have|had|been|still|now|also|\w+ly))* *")
_AFTER_ASIDE = re.compile(r", +" + r"(?:is|was|were|are|has|have|had|remains?|remained)\b(?: +\w+ly| +still| +now| +also| +been)* *$")
_LOCATIVE_ASIDE = re.compile(r"(?: +in +(?:[a-z]+ +){0,3}?[a-z]+)? *, +(?:(?:north|south|east|west)(?:east|west)? +of|near|opposite|close +to|next +to|across +from) +(?:the +)?")
_ASIDE_TAIL = re.compile(r"[^,;()]{0,60}, +(?:is|was|were|are|has|have|had|remains?|remained)\b(?: +\w+ly| +still| +now| +also| +been)* *")
_WHICH_CLAUSE = re.compile(r" *, +(?:which|who|that)\b[^;]*, +")
_AUX = r"(?: +(?:is|was|were|are|has|have|had|been|being|be|still|now|also|later|then|officially|reportedly|\w+ly))* *"
_SUBJECT_TAIL = re.compile(r"(?: *\([^()]{1,60}\)| *,[^,;()]{1,100},| +(?:between|near|in|on|at|along|outside|inside|close +to|linking|connecting"
                           r"|with|from|of|opposite|facing|to|(?:north|south|east|west)(?:east|west)? +of)(?: +[a-z]+){1,7}?){1,3}(?: *, +(?:which|that)| *,)?" + _AUX)
_BE = r"(?:is|was|are|were|remains?|remained|has +been|have +been|had +been)"
_SECOND_PREDICATE = re.compile(r" +(?:is|was|are|were|remains?|remained|has|have|had)\b[^;:]{0,120}?,? +(?:and|but) +" + _BE
                               + r"(?: +\w+ly| +still| +now| +also)* *")
_NAME_JOINED = re.compile(r"\s+(?:the\s+)?(?:[A-Z][\w'\u2019]*\s+){0,2}[A-Z][\w'\u2019]*\s*[-/\u2013]\s*")
_LIST_BEFORE = re.compile(r"(?: +(?:the +)?[a-z]+(?: +[a-z]+){0,2} *,)+ +(?:and +)?(?:the +)?")
_MAX_GAP_WORDS = {"direct": 2, "verb": 6, "nominal-by": 3, "intransitive": 6}


def refs_after(sent: SentenceView, trigger: Trigger, end: int, role: str) -> list[Ref]:
    folded = sent.state.folded
    refs = [r for r in sent.refs if trigger.end <= r.start < end]
    if not refs:
        return []
    towns = [t for t in sent.state.within("towns", trigger.end, refs[0].start) if t.crossing == refs[0].crossing
             and _TOWN_AND.fullmatch(folded, t.end, refs[0].start)]
    first = refs[0].start
    if towns:  # "the town of Al Qaim as well as the border crossing": the town phrase is part of the object
        lead = _TOWN_LEAD.search(folded[max(0, towns[0].start - 40):towns[0].start])
        first = towns[0].start - (len(lead.group()) if lead else 0)
    if refs[0].kind == "headline":  # "Kurdish Forces Seize Northern Iraq-Syria Border Crossing"
        return refs[:1] if words_between(folded, trigger.end, first) <= 5 else []
    if _INCLUDING.search(folded[trigger.end:first]) and words_between(folded, trigger.end, first) <= 14 \
            and not _LOCATIVE_OBJECT.match(folded, trigger.end) and not re.search(r"[;:]", folded[trigger.end:first]):
        return [refs[0]] + _connected(folded, refs[1:], refs[0])  # "controls much of the border, including the A and B crossings"
    gap = words_between(folded, trigger.end, first)
    if _NAME_JOINED.match(sent.state.text, trigger.end, first) or (_LIST_BEFORE.fullmatch(folded, trigger.end, first) and gap <= 10):
        # "closed the Faysh Kahbur-Semalka border crossing"; "took control of Idlib city, the Bab al-Hawa crossing"
        return [refs[0]] + _connected(folded, refs[1:], refs[0])
    filler = gap <= 6 and (_DIRECT_GAP.match(folded, trigger.end, first)  # "the regime-held", "all of the"
                           or _TOWN_AND_THE.fullmatch(folded, trigger.end, first))  # "the town and the border crossing"
    if trigger.type == "attacked" and gap <= 9 and _TARGET_AT.fullmatch(folded, trigger.end, first) \
            and not _LOCATIVE.search(folded[trigger.end:first]):
        return [refs[0]]  # "struck Hezbollah infrastructure at the Jousseh crossing": the attack was at the crossing
    if gap > _MAX_GAP_WORDS.get(role, 6) and not filler and not _LIST_INTRO.match(folded, trigger.end, first):
        return []  # too far to be the object, unless it lists "all three crossings with Syria: A, B and C"
    if _LOCATIVE.search(folded[trigger.end:first]):  # "retook the village of X near the Rabia crossing"
        return []
    if role in ("direct", "verb") and not towns and not _DIRECT_GAP.match(folded, trigger.end, first) \
            and not _LIST_INTRO.match(folded, trigger.end, first) and not _TOWN_AND_THE.fullmatch(folded, trigger.end, first):
        return []  # "held talks at the crossing": something else is the object
    return [refs[0]] + _connected(folded, refs[1:], refs[0])


def _same_list(a: Ref, b: Ref) -> bool:
    """Two names of one list, perhaps with names the gazetteer lacks between them."""
    return a.list_id is not None and a.list_id == b.list_id


def _connected(folded: str, refs: list[Ref], first: Ref) -> list[Ref]:
    """The references after `first` that go on its list ("A and B", "A along with B")."""
    kept = [first]
    for r in refs:
        if (r.start, r.end) == (kept[-1].start, kept[-1].end) and r.kind in _GROUP_KINDS:
            kept.append(r)  # "the two crossings": one phrase, each crossing it stands for
            continue
        if r.start < kept[-1].end:
            continue
        if _CONNECT.match(folded[kept[-1].end:r.start]) or _AND_OF.search(folded, max(kept[-1].end, r.start - 40), r.start) \
                or _same_list(r, kept[-1]) or (
            ALONG.search(folded[max(0, r.start - 20):r.start]) and words_between(folded, kept[-1].end, r.start) <= 8
        ):
            kept.append(r)
    return kept[1:]


def refs_before(sent: SentenceView, lo: int, trigger: Trigger) -> list[Ref]:
    """The subject of a passive: the crossing(s) just before the verb ("The X crossing was captured")."""
    refs = [r for r in sent.refs if lo <= r.start and r.end <= trigger.start]
    folded = sent.state.folded
    if not refs and _ELIDED_SUBJECT.fullmatch(folded, lo, trigger.start):
        # "ISIS overtook the Trebil crossing on 22 June, but was retaken by the Iraqi military": the same crossing
        earlier = [r for r in sent.refs if sent.s <= r.start and r.end <= lo]
        return earlier[-1:]
    if not refs and _WHICH_IS.fullmatch(folded, lo, trigger.start):
        # "al-Tanf border crossing south of Deir ez-Zor, which is controlled by": the noun before the comma
        earlier = [r for r in sent.refs if sent.s <= r.start and r.end <= lo]
        if earlier and (words_between(folded, earlier[-1].end, lo) <= 1 or _SUBJECT_TAIL.fullmatch(folded[earlier[-1].end:lo] + " is ")):
            return earlier[-1:]
    if _WHICH_CLAUSE.match(folded, lo, trigger.start):
        # "The Kasab Border Gate, which is opposite ..., has passed into the control of": the subject is before "which"
        refs = [r for r in sent.refs if sent.s <= r.start and r.end <= lo]
        if refs and words_between(folded, refs[-1].end, lo) == 0 and _AFTER_ASIDE.search(folded, lo, trigger.start):
            return refs[-1:]  # "The Yayladagi gate, which is situated 90 km (55 miles) from Reyhanli, remains closed"
    reach = 12 if folded[max(0, trigger.start - 2):trigger.start] == ", " else 6  # "A crossing on the highway, seized by IS"
    if not refs:
        return []
    if len(refs) > 1 and _LOCATIVE_ASIDE.fullmatch(folded, refs[-2].end, refs[-1].start) \
            and _ASIDE_TAIL.fullmatch(folded, refs[-1].end, trigger.start):
        return refs[-2:-1]  # "another crossing in Qamishli, east of Bab Al Hawa in Syria's north, had been taken over"
    aside = _APPOSITIVE.match(folded, refs[-1].end, trigger.start)  # "Qaim post, opposite Abu Kamal, is now held by ..."
    if words_between(folded, aside.end() if aside else refs[-1].end, trigger.start) > reach \
            and not _SUBJECT_TAIL.fullmatch(folded, refs[-1].end, trigger.start):
        if _SECOND_PREDICATE.fullmatch(folded, refs[0].end, trigger.start):
            return refs[:1]  # "Nasib crossing is the main crossing to Jordan and is still under Syrian control"
        return []  # "Near the Al Qaim crossing, the area under IS control grew": not the subject
    if len(refs) > 1 and _BOTH.search(folded, refs[-1].end, trigger.start):
        named = [r for r in refs if r.kind == "name"]
        if len(named) > 1 and all(" and " in folded[a.end:b.start] or _CONNECT.match(folded[a.end:b.start])
                                  for a, b in zip(named, named[1:])):
            return named  # "the Rabiyah crossing, in the north, and Al-Waleed in the south, were both in the hands of"
    kept = [refs[-1]]
    for r in reversed(refs[:-1]):
        if kept[0].start >= r.end and (_CONNECT.match(folded[r.end:kept[0].start]) or _same_list(r, kept[0])) and r.kind == kept[0].kind:
            kept.insert(0, r)
        elif r.kind in _GROUP_KINDS and kept[0].kind == r.kind:
            kept.insert(0, r)
        else:
            break
    return kept
