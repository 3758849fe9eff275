"""Assemble events sentence by sentence: trigger + actor + crossing (+ date, side, source).

Each trigger word's role (triggers.json) says where its actor and crossing stand: "X seized
Y", "Y was captured by X", "Y fell to X", "the withdrawal of X", "X withdrew to B" (from the
crossing in hand). Negated, planned or conditional statements and questions give nothing.
Where a reference cannot be resolved reliably the event is left out.
"""
from __future__ import annotations

import re
from datetime import date

from store.extract.actors import actor_id, adjective_actor, government_country, previous_group, usable_actor
from store.extract.clauses import SentenceView
from store.extract.coref import advance
from store.extract.dates import resolve_date
from store.extract.factions import Actor
from store.extract.state import ArticleState, Ref, words_between
from store.extract.triggers import Trigger, is_irrealis, is_negated

_PARTICIPIAL_LEAD = re.compile(r"^(?:\W*(?:just|only|shortly|soon|days|weeks|hours|a|few|two|three|day|week|after|since|upon|following|before|when|while|on|by|in)\b)*\W*(?:after|since|upon|following|before|when|while|on|by)\s*$")
_LOCATIVE = re.compile(r"\b(?:near|outside|close +to|next +to|around|along|beyond|behind|overlooking|adjacent +to|"
                       r"(?:north|south|east|west)(?:east|west)? +of|from|toward|towards|between)\b")
_LIST_INTRO = re.compile(r" *(?:all +|the +|both +|its +|their +)?(?:[a-z]+ +){0,2}(?:border +)?(?:crossings|posts|crossing +points|gates)"
                         r"(?: +(?:with|on|along|between) +[a-z ]{2,30}?)? *[:\u2014\u2013-] *$")
_SUBJECT_OF_VERB = re.compile(r" *(?:\([^)]{1,40}\) *)?(?:[a-z]+ed|had|has|have|was|were|then|also|launched|began|took|sent)\b")
_DIRECT_GAP = re.compile(r"(?: *(?:the|a|an|all|of|both|sides?|its|their|main|key|strategic|nearby|vital|important|official|border"
                         r"|remaining|entire|whole|two|three|full|command|control|over|back|again|also|once|more|most|much"
                         r"|part|parts|large|positions?|sections?)\b)* *$")
_COORDINATION = re.compile(r" *(?:,|and|, +and|&) +(?:the +)?")
_TOWN_AND = re.compile(r" *,? *(?:as +well +as|and|along +with|including|together +with|plus|and +its) +")
_OTHER_OBJECT = re.compile(r"^ +(?:the|a|an|their|its|his|her) +[a-z]")
_TOWN_LEAD = re.compile(r"(?:the +)?(?:\w+ +)?(?:town|city|village)s? +of +$")
_SENTENCE_PRONOUN = re.compile(r"^\W*they(?: +re| +have| +had| +also| +then)?\b[^,;]*(?:,[^,;]*){0,2}$")
_PRONOUN_SUBJECT = re.compile(r"^\W*(?:that +)?(?:they|he|she|we|it)(?: +(?:had|have|has|had +already|have +already|also))? *$")
_DESTINATION = re.compile(r"\b(?:to|towards|toward|into|for) +$")
_FROM = re.compile(r"\b(?:from|of) +$")
_ALONG = re.compile(r"\b(?:along +with|together +with|as +well +as|and|plus|including) +(?:the +)?$")
_CONNECT = re.compile(r"^(?:[ ,]|and\b|or\b|as +well +as\b|along +with\b|together +with\b|plus\b)*$")
_MAX_GAP_WORDS = {"direct": 2, "verb": 6, "nominal-by": 3, "intransitive": 6}


def _refs_after(sent: SentenceView, trigger: Trigger, end: int, role: str) -> list[Ref]:
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
    if words_between(folded, trigger.end, first) > _MAX_GAP_WORDS.get(role, 6) and not _LIST_INTRO.match(folded, trigger.end, first):
        return []  # too far to be the object, unless it lists "all three crossings with Syria: A, B and C"
    if _LOCATIVE.search(folded[trigger.end:first]):  # "retook the village of X near the Rabia crossing"
        return []
    if role in ("direct", "verb") and not towns and not _DIRECT_GAP.match(folded, trigger.end, first) \
            and not _LIST_INTRO.match(folded, trigger.end, first):
        return []  # "held talks at the crossing": something else is the object
    kept = [refs[0]]
    for r in refs[1:]:
        if r.start < kept[-1].end:
            continue
        if _CONNECT.match(folded[kept[-1].end:r.start]) or (
            _ALONG.search(folded[max(0, r.start - 20):r.start]) and words_between(folded, kept[-1].end, r.start) <= 8
        ):
            kept.append(r)
    return kept


def _refs_before(sent: SentenceView, lo: int, trigger: Trigger) -> list[Ref]:
    refs = [r for r in sent.refs if lo <= r.start and r.end <= trigger.start]
    if not refs:
        return []
    kept = [refs[-1]]
    folded = sent.state.folded
    for r in reversed(refs[:-1]):
        if kept[0].start >= r.end and _CONNECT.match(folded[r.end:kept[0].start]) and r.kind == kept[0].kind:
            kept.insert(0, r)
        elif r.kind == "pair" and kept[0].kind == "pair":
            kept.insert(0, r)
        else:
            break
    return kept


def _trigger_events(sent: SentenceView, trigger: Trigger, next_start: int) -> list[tuple[Actor, Ref]]:
    """(actor, crossing reference) pairs a trigger yields, or none where unsure."""
    folded = sent.state.folded
    lo, hi = sent.clause(trigger)
    before = folded[max(sent.s, trigger.start - 60):trigger.start]
    if is_negated(before[-(trigger.start - lo):] if trigger.start > lo else "", sent.state.text[max(lo, trigger.start - 40):trigger.start]):
        return []
    if is_irrealis(before) or re.search(r"\b(?:if|unless|whether)\b", folded[lo:trigger.start]):
        return []
    role = "passive" if trigger.passive else trigger.role
    rule = _RULES.get(role, _active)
    actor, refs = rule(sent, trigger, lo, hi, min(hi, next_start))
    if actor is None or not refs:
        return []
    actors = _coordinated(sent, actor, trigger) if role in ("verb", "direct", "intransitive") else [actor]
    return [(a, r) for a in actors for r in refs]


def _coordinated(sent: SentenceView, actor: Actor, trigger: Trigger) -> list[Actor]:
    """ "Iraqi forces and the PMF retook ...", "Iraq, Syria reopen ...": every group of the subject."""
    folded = sent.state.folded
    group = [actor]
    for other in reversed([a for a in sent.actors if a.end <= actor.start]):
        if not _COORDINATION.fullmatch(folded, other.end, group[0].start) or not usable_actor(other, trigger.type):
            break
        group.insert(0, other)
    return group


def _passive(sent: SentenceView, trigger: Trigger, lo: int, hi: int, span_end: int):
    """ "Y was captured by X", "Y fell to X", "Y (is) held by X": the crossing first, the group after."""
    folded, kind = sent.state.folded, trigger.type
    refs = _refs_before(sent, lo, trigger)
    refs += [r for r in sent.refs if trigger.end <= r.start < span_end and _ALONG.search(folded[max(0, r.start - 20):r.start])
             and re.search(r"along +with|together +with|as +well +as|including", folded[trigger.end:r.start])]
    actor = sent.by_agent(trigger.end, kind) if trigger.passive else sent.actor_after(trigger.end, kind)
    if actor is None and trigger.passive and not re.match(r" *(?:\w+ +)?by\b", folded[trigger.end:trigger.end + 20]):
        # "The crossing was captured after IS launched ...": the only group in the clause
        clause_actors = [a for a in sent.actors if lo <= a.start and a.end <= hi and usable_actor(a, kind)]
        if len({a.faction for a in clause_actors}) == 1 and all(a.kind == "name" for a in clause_actors) \
                and _SUBJECT_OF_VERB.match(folded, clause_actors[0].end):
            actor = clause_actors[0]
    return actor, refs


def _agent_inside(sent: SentenceView, trigger: Trigger, lo: int, hi: int, span_end: int):
    """ "Y came under Kurdish control", "Y remains under HTS control"."""
    refs = _refs_before(sent, lo, trigger)
    inside = [a for a in sent.actors if trigger.start <= a.start and a.end <= trigger.end and usable_actor(a, trigger.type)]
    return (inside[0] if inside else adjective_actor(sent.state.folded, trigger)), refs


def _nominal_of(sent: SentenceView, trigger: Trigger, lo: int, hi: int, span_end: int):
    """ "after the withdrawal of the army": the group follows; the crossing is the one in hand."""
    folded = sent.state.folded
    actor = sent.actor_after(trigger.end, trigger.type, 6)
    if actor is None:
        return None, []
    after = [r for r in sent.refs if actor.end <= r.start < span_end and _FROM.search(folded[max(0, r.start - 8):r.start])]
    return actor, after[:1] or [r for r in sent.refs if r.end <= trigger.start][-1:]


def _nominal_by(sent: SentenceView, trigger: Trigger, lo: int, hi: int, span_end: int):
    """ "the capture of Y by X", "lost Y to X": only with the group named."""
    refs = _refs_after(sent, trigger, span_end, trigger.role)
    return (sent.by_agent(refs[-1].end, trigger.type) if refs else None), refs


def _intransitive(sent: SentenceView, trigger: Trigger, lo: int, hi: int, span_end: int):
    """ "X withdrew (from Y)", "forces stationed at Y withdrew", "X withdrew to B" (left the crossing in hand)."""
    state, folded = sent.state, sent.state.folded
    actor = sent.actor_before(trigger, lo, trigger.type)
    after = [r for r in sent.refs if trigger.end <= r.start < span_end]
    origin = [r for r in after if _FROM.search(folded[max(0, r.start - 8):r.start])
              or (re.match(r" +(?:from|out +of)\b", folded[trigger.end:trigger.end + 10])
                  and words_between(folded, trigger.end, r.start) <= 10 and not re.search(r"[,;]", folded[trigger.end:r.start]))]
    destination = [r for r in after if _DESTINATION.search(folded[max(0, r.start - 12):r.start])]
    before_refs = [r for r in sent.refs if lo <= r.start and r.end <= trigger.start
                   and words_between(folded, r.end, trigger.start) <= 8]
    object_follows = _OTHER_OBJECT.match(folded[trigger.end:trigger.end + 20]) and not any(
        r.start - trigger.end <= 6 for r in after)  # "fled the area": some other place was left
    if origin:
        return actor, [r for r in origin if r.start == origin[0].start]
    if object_follows:
        return actor, []
    if before_refs:
        return actor, before_refs[-1:]
    if destination and state.topic is not None and state.sentence_index - state.topic_sentence <= 2 \
            and state.topic.crossing not in {d.crossing for d in destination}:
        return actor, [Ref(trigger.start, trigger.end, state.topic.crossing, None, "implicit")]
    return actor, []


def _active(sent: SentenceView, trigger: Trigger, lo: int, hi: int, span_end: int):
    """ "X seized Y", "X launched an attack on Y", "after taking Y, X ...", "they seized Y"."""
    state, folded, kind = sent.state, sent.state.folded, trigger.type
    refs = _refs_after(sent, trigger, span_end, trigger.role)
    if kind == "withdrew":
        refs = [r for r in refs if not _DESTINATION.search(folded[max(0, r.start - 12):r.start])]
    if not refs:  # "the crossing, which Iraqi forces had seized": the relative pronoun is the object
        refs = [r for r in sent.refs if r.kind == "which" and lo <= r.start < trigger.start
                and "," not in folded[r.end:trigger.start]]
    if not refs:
        return None, []
    actor = sent.by_agent(trigger.end, kind) or sent.by_agent(refs[-1].end, kind) or sent.actor_before(trigger, lo, kind)
    lead = folded[lo:trigger.start]
    if actor is None and lo == sent.s and _SENTENCE_PRONOUN.match(lead):
        actor = previous_group(state, sent.s)  # "IS holds most of Anbar. They sacked the Waleed crossing."
    if actor is None and _PRONOUN_SUBJECT.match(lead):
        # "Rebels claimed they had seized ...": the pronoun is the group just named
        named = [a for a in state.within("actors", sent.s, lo) if a.kind in ("name", "generic") and usable_actor(a, kind)]
        actor = named[-1] if named else None
    if actor is None and _PARTICIPIAL_LEAD.match(lead):
        comma = folded.find(",", refs[-1].end, sent.e)  # "Just days after capturing Y, X now controls ..."
        if comma >= 0:
            following = [a for a in sent.actors if a.start > comma and usable_actor(a, kind)]
            actor = following[0] if following and words_between(folded, comma, following[0].start) <= 3 else None
    return actor, refs


_RULES = {"passive": _passive, "agent-after": _passive, "agent-inside": _agent_inside, "nominal-of": _nominal_of,
          "nominal-by": _nominal_by, "intransitive": _intransitive}


def _event_date(sent: SentenceView, trigger: Trigger, published: date | None, kind: str):
    lo, hi = sent.clause(trigger)
    candidates = [d for d in sent.dates if lo <= d.start and d.end <= hi]
    if not candidates:
        return (published if kind == "holds" else None), None
    nearest = min(candidates, key=lambda d: min(abs(d.start - trigger.end), abs(trigger.start - d.end)))
    return resolve_date(nearest, published), nearest.text


def sentence_events(state: ArticleState, s: int, e: int) -> list[dict]:
    """The events of the sentence `text[s:e]`; updates the article state for what follows."""
    sent = SentenceView(state, s, e)
    events: list[dict] = []
    seen = set()
    text = state.text
    if sent.triggers and sent.refs and not text[s:e].rstrip("\u201d\"' )").endswith("?"):
        for i, trigger in enumerate(sent.triggers):
            next_start = sent.triggers[i + 1].start if i + 1 < len(sent.triggers) else e
            for actor, ref in _trigger_events(sent, trigger, next_start):
                faction = actor_id(state, actor, ref, trigger.type)
                if faction is None:
                    continue
                side = ref.side
                if trigger.type in ("withdrew", "closed", "reopened"):  # a government acts on its own post
                    side = government_country(faction, ref.crossing) or side
                key = (trigger.type, ref.crossing, faction, side)
                if key in seen:
                    continue
                seen.add(key)
                day, day_text = _event_date(sent, trigger, state.published, trigger.type)
                events.append({
                    "type": trigger.type,
                    "actor": faction,
                    "actor_text": text[actor.start:actor.end],
                    "crossing": ref.crossing,
                    "side": side,
                    "crossing_text": text[ref.shown[0]:ref.shown[1]] if ref.shown else text[ref.start:ref.end],
                    "date": day.isoformat() if day else None,
                    "date_text": day_text,
                    "hedged": sent.attr.hedged,
                    "source": sent.attr.source,
                    "sentence": text[s:e],
                    "start": s,
                    "end": e,
                })
    advance(state, sent)
    return events
