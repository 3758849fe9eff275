"""Assemble events sentence by sentence: trigger + actor + crossing (+ date, side, source).

Each trigger word's role (triggers.json) says where its actor and crossing stand: "X seized
Y", "Y was captured by X", "Y fell to X", "the withdrawal of X", "X withdrew to B" (from the
crossing in hand). Negated, planned or conditional statements and questions give nothing, nor
does a hold told in the past perfect or as over ("had held", "formerly held", "held it until
July"): `holds` is what held at the time of the report.
Where a reference cannot be resolved reliably the event is left out.
"""
from __future__ import annotations

import re
from dataclasses import replace
from datetime import date

from store.extract.actors import actor_id, government_country, usable_actor
from store.extract.clauses import SentenceView
from store.extract.coref import advance
from store.extract.dates import resolve_date
from store.extract.factions import Actor
from store.extract.roles import RULES, active
from store.extract.state import ArticleState, Ref
from store.extract.tense import hold_is_over
from store.extract.triggers import Trigger, is_irrealis, is_negated, lexicon

# "once the crossing has been opened": not yet ("once the guards heard the news, they left" is told as done)
_CONDITION = re.compile(r"\b(?:if|unless|whether)\b|\bonce +(?:the|it|they|this|that)\b[^,;]{0,60}?\b(?:has|have|is|are|will)\b")
_TO_BE = re.compile(r"\bto +be +$")

_POSTS = re.compile(r"(?<![a-z])posts?(?![a-z])")
_COORDINATION = re.compile(r"(?: +(?:fighters|forces|troops|militants|militiamen|units|members))? *(?:,|and|, +and|&|and +then|and +later) +(?:the +|(?:other|allied|fellow|affiliated) +(?:[a-z]+ +)?)?"
                          r"(?:(?:fighters|members|militants|militiamen|forces|troops|units|elements) +(?:from|of) +(?:the +)?)?")
_MODIFIER = re.compile(r" (?:linked|backed|affiliated|allied|aligned|led|supported|inspired|sponsored) +")


def _trigger_events(sent: SentenceView, trigger: Trigger, next_start: int) -> list[tuple[Actor, Ref]]:
    """(actor, crossing reference) pairs a trigger yields, or none where unsure."""
    folded = sent.state.folded
    lo, hi = sent.clause(trigger)
    before = folded[max(sent.s, trigger.start - 60):trigger.start]
    if trigger.attempt:
        before = before[:trigger.attempt]  # "tried to": no plan, since the attempt is the event
    if is_negated(before[-(trigger.start - lo):] if trigger.start > lo else "", sent.state.text[max(lo, trigger.start - 40):trigger.start]):
        return []
    if _NOMINAL.search(trigger.word) and (_UNREAL_NOUN.search(before) or _FUTURE_AFTER.match(folded, trigger.end, hi)):
        return []  # "awaiting the reopening of", "the imminent reopening", "its reopening will create jobs": no act yet
    if is_irrealis(before) or _CONDITION.search(folded, lo, trigger.start):
        return []
    if _DENIAL.search(folded, max(sent.s, trigger.start - 120), trigger.start) or (_TO_BE.search(before) and not _REPORTED_TO_BE.search(before)):
        return []  # "dismissed claims that the crossing had been shut"; "authorized it to be opened"
    compound = sent.state.text[trigger.start - 1] == "-" if trigger.start else False  # "formerly rebel-held"
    if trigger.type == "holds" and hold_is_over(trigger.word, before, folded[trigger.end:hi], compound):
        return []  # "fighters who had held it for a year": not who holds it at the time of the report
    role = "passive" if trigger.passive else trigger.role
    rule = RULES.get(role, active)
    actor, refs = rule(sent, trigger, lo, hi, min(hi, next_start))
    antecedent = None
    if actor is None and refs and role in ("verb", "direct", "intransitive"):
        actor = antecedent = _antecedent(sent, lo, trigger)
    if actor is None and refs and trigger.type in ("closed", "reopened"):
        actor = Actor(trigger.start, trigger.start, None, "implied")  # "the Jaber crossing was closed": its country's act
    if actor is None and refs and trigger.type == "attacked" and lexicon().unclaimed.search(folded, max(lo, trigger.start - 25), trigger.end):
        actor = Actor(trigger.start, trigger.start, "militants", "unclaimed")  # "two car bombs exploded at the crossing"
    if not refs:
        return []
    if actor is None:
        return [(None, r) for r in refs]  # the words say what and where, not who: a candidate
    # a relative pronoun stands for the one group before it ("both ISIL and the YPG, which controls ...")
    coordinable = role in ("verb", "direct", "intransitive") and not antecedent and actor.kind not in ("implied", "unclaimed")
    actors = _coordinated(sent, actor, trigger) if coordinable else [actor]
    if trigger.type in ("closed", "reopened"):
        actors = actors[:1]  # "Iraq and Saudi Arabia reopened the Arar crossing": one act of the two, told once
    if len(actors) > 1 and len(actors) == len(refs) and "respectively" in folded[trigger.start:hi]:
        return list(zip(actors, refs))  # "The YPG and IS control Semalka and Tal Abyad respectively"
    return [(a, r) for a in actors for r in refs]


_ATTEMPT = re.compile(r"(?<![a-z])(?:tried|try|tries|trying|attempted|attempting|attempts?|reattempted|sought|seeking|seeks?|bid|failed|fails?"
                      r"|efforts?|push(?:ed|ing)?|fighting|fought|battl(?:ed|ing)|advancing|advanced|moving|moved|offensive)"
                      r"(?: +(?:at +noon|in +vain|again|repeatedly|today|overnight|\w+ly))* +to +(?:\w+ly +)?$")
_NOMINAL = re.compile(r"(?: of|^reopening|^re opening|^closing|^closure|^shutdown)$")  # "awaiting the reopening of": no act told
_FUTURE_AFTER = re.compile(r"[^,;]{0,60}? (?:will|would|could|should|may|might|is +expected|is +set|is +scheduled|is +planned"
                           r"|aims?|is +aimed|intends|is +intended|is +meant|is +designed|helps?|boosts?|means)\b")
_UNREAL_NOUN = re.compile(r"(?<![a-z])(?:await\w*|imminent|hopes?|hoped|hoping|expect\w*|prepar\w*|plans?|planned|issue +of|talks? +(?:on|about)"
                          r"|ahead +of|demand\w*|calls? +for|called +for|news +of|rumou?rs? +(?:of|about)|possible|potential|future|upcoming"
                          r"|complaints? +about|possibility +of|prospect +of|decision +on|request +for|need +for"
                          r"|(?:measures|preparations|arrangements|steps|procedures|readiness|ready|differences|disagreements?|disputes?"
                          r"|negotiations?|discussions?|agreed|agreement)(?: +[a-z]+){0,3}? +(?:for|over|about|on|to))(?: +[a-z]+){0,3} *$")
_REPORTED_TO_BE = re.compile(r"\b(?:said|reported|believed|thought|known|understood|appears?|appeared|seems?|seemed) +to +be +$")
_DENIAL = re.compile(r"(?<![a-z])(?:denied|denies|deny|denying|dismissed|dismisses|rejected|rejects|refuted|refutes|debunked)"
                     r"(?: +[a-z]+){0,4} +(?:claims?|reports?|rumou?rs?|allegations?|news)(?: +[a-z]+){0,2} +that(?![a-z])")
# "to prevent those involved in the May 11 attack": a date naming another event is not this one's
_NAMES_ANOTHER_EVENT = re.compile(r" +(?:terror +|suicide +|car +)?(?:attacks?|bombings?|blasts?|explosions?|offensive|agreement|deal|accord|elections?"
                                  r"|ceasefire|truce|summit|uprising|revolution|protests?|massacre|earthquake|coup)(?![a-z])")
_ANNOUNCED = re.compile(r"(?<![a-z])(?:announced|declared|ordered|decided|approved)(?: +\w+day)? +(?:the +|its +|a +)?(?:temporary +|immediate +|full +)?$")
# "Will Jordan reopen the Jaber crossing?", and a headline asking without its mark ("Who Closed the Nassib Crossing")
_QUESTION = re.compile(r"\?$|^\W*(?:who|why|how|what|will|would|can|could|should|shall|is|are|does|do|did)\s[^.!\n]*$", re.IGNORECASE)
_RELATIVE = re.compile(r"\)? *, +(?:who|which)\b")


def _antecedent(sent: SentenceView, lo: int, trigger: Trigger) -> Actor | None:
    """ "the YPG, who control the Yarubiyah crossing", "IS fighters, who had held it, withdrew from it": a
    relative clause with no group of its own has the group just before its comma as its subject."""
    folded = sent.state.folded
    if not _RELATIVE.match(folded, lo) or any(lo <= a.start < trigger.start for a in sent.actors):
        return None
    before = [a for a in sent.actors if a.end <= lo]
    if before and _RELATIVE.match(folded, before[-1].end) and usable_actor(before[-1], trigger.type):
        return before[-1]
    return None


def _coordinated(sent: SentenceView, actor: Actor, trigger: Trigger) -> list[Actor]:
    """ "Iraqi forces and the PMF retook ...", "Iraq, Syria reopen ...", "Nusra and other Islamist rebel
    groups seized ...", "rebels and fighters from the Al Qaeda-linked Nusra Front seized ...": every group
    of the subject ("Al Qaeda-linked", "Turkish-backed" only describe the group after them)."""
    folded = sent.state.folded
    group = [actor]
    head = actor.start
    for other in reversed([a for a in sent.actors if a.end <= actor.start]):
        if _MODIFIER.fullmatch(folded, other.end, head):
            head = other.start
            continue
        if not _COORDINATION.fullmatch(folded, other.end, head) or not usable_actor(other, trigger.type):
            break
        group.insert(0, other)
        head = other.start
    return group


def _event_date(sent: SentenceView, trigger: Trigger, published: date | None, kind: str):
    if kind == "holds" and trigger.start and sent.state.text[trigger.start - 1] == "-":
        return published, None  # "the rebel-held crossing": as of the report, whatever else the sentence dates
    lo, hi = sent.clause(trigger)
    candidates = [d for d in sent.dates if lo <= d.start and d.end <= hi and not _NAMES_ANOTHER_EVENT.match(sent.state.folded, d.end)]
    if not candidates and kind == "holds":
        said = [d for d in sent.all_dates if d.kind != "vague"]
        if len(said) == 1:  # "Rabia was still in the hands of government forces, he said on Friday": as of Friday
            return resolve_date(said[0], published) or published, said[0].text
        return published, None
    if not candidates and kind in ("closed", "reopened") and _ANNOUNCED.search(sent.state.folded, max(sent.s, trigger.start - 40), trigger.start):
        # "the minister on Dec. 6 announced the closure of the Jaber crossing": the day it was announced
        said = [d for d in sent.all_dates if d.kind != "vague" and trigger.start - 80 <= d.start and d.end <= trigger.start]
        if said:
            return resolve_date(said[-1], published), said[-1].text
    if not candidates:
        return None, None
    nearest = min(candidates, key=lambda d: min(abs(d.start - trigger.end), abs(trigger.start - d.end)))
    return resolve_date(nearest, published), nearest.text


def sentence_events(state: ArticleState, s: int, e: int) -> tuple[list[dict], list[dict]]:
    """The events of the sentence `text[s:e]` and its candidates (events whose actor the rules
    could not resolve); updates the article state for what follows."""
    sent = SentenceView(state, s, e)
    events: list[dict] = []
    candidates: list[dict] = []
    seen = set()
    at: list[int] = []  # each event's trigger position
    left = {}  # (reference start, crossing) -> the side a withdrawal in this sentence left
    text = state.text
    if sent.triggers and sent.refs and not _QUESTION.search(text[s:e].rstrip("\u201d\"' )")):
        for i, trigger in enumerate(sent.triggers):
            later = [t for t in sent.triggers[i + 1:] if text[t.start - 1] != "-"]  # "-held" describes, it does not end a clause
            next_start = later[0].start if later else e
            attempt = _ATTEMPT.search(state.folded, max(s, trigger.start - 60), trigger.start) if trigger.type == "captured" else None
            if attempt:
                # "militants tried to seize the crossing", "failed to take it": an attack, whatever came of it
                trigger = replace(trigger, type="attacked", attempt=attempt.start() - max(s, trigger.start - 60))
            for actor, ref in _trigger_events(sent, trigger, next_start):
                faction = actor_id(state, actor, ref, trigger.type) if actor is not None else None
                if faction is None:
                    candidates.append(_candidate(sent, trigger, actor, ref))
                    continue
                side = ref.side
                if trigger.type in ("withdrew", "closed", "reopened") and (
                        actor.kind != "generic" or _POSTS.search(state.folded, ref.start, ref.end)):
                    # a government named as such ("Iraqi forces", "Jordan") acts on its own post, and guards
                    # leave "their posts"; plain "security forces" leaving "it" say nothing of the side
                    side = government_country(faction, ref.crossing) or side
                if trigger.type == "withdrew":
                    left[(ref.start, ref.crossing)] = side
                elif trigger.role == "intransitive" and side is None:
                    side = left.get((ref.start, ref.crossing))  # "guards left their posts and militants moved in": that post
                if trigger.type in ("closed", "reopened") and actor.kind != "implied":
                    state.authorities[ref.crossing] = faction
                key = (trigger.type, ref.crossing, faction, side)
                if key in seen:
                    continue
                seen.add(key)
                day, day_text = _event_date(sent, trigger, state.published, trigger.type)
                at.append(trigger.start)
                events.append({
                    "type": trigger.type,
                    "actor": faction,
                    "actor_text": text[actor.start:actor.end] if actor.end > actor.start else None,
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
    events = _holds_still_current(events, at)
    advance(state, sent)
    made = {(ev["type"], ev["crossing"]) for ev in events}
    kept, shown = [], set()
    for c in candidates:
        key = (c["type"], c["crossing"])
        if key not in made and key not in shown:
            shown.add(key)
            kept.append(c)
    return events, kept


def _holds_still_current(events: list[dict], at: list[int]) -> list[dict]:
    """ "Held by ISIS since 2013, Jarablus was retaken on August 24 by pro-Ankara fighters": a hold
    the same sentence then tells another group ending is not a hold at the time of the report."""
    ended = []
    for i, ev in enumerate(events):
        if ev["type"] == "holds" and any(
                other["type"] == "captured" and other["crossing"] == ev["crossing"] and other["actor"] != ev["actor"]
                and at[j] > at[i] for j, other in enumerate(events)):
            ended.append(i)
    return [ev for i, ev in enumerate(events) if i not in ended]


def _candidate(sent: SentenceView, trigger: Trigger, actor: Actor | None, ref: Ref) -> dict:
    """What an unresolved trigger still says: the type and crossing are known, the actor is not.
    `confidence` is lower where the crossing itself was inferred rather than named."""
    text = sent.state.text
    day, day_text = _event_date(sent, trigger, sent.state.published, trigger.type)
    return {
        "type": trigger.type,
        "actor": None,
        "actor_text": text[actor.start:actor.end] if actor is not None and actor.end > actor.start else None,
        "crossing": ref.crossing,
        "side": ref.side,
        "crossing_text": text[ref.shown[0]:ref.shown[1]] if ref.shown else text[ref.start:ref.end],
        "date": day.isoformat() if day else None,
        "date_text": day_text,
        "hedged": sent.attr.hedged,
        "source": sent.attr.source,
        "sentence": text[sent.s:sent.e],
        "start": sent.s,
        "end": sent.e,
        "candidate": True,
        "missing": ["actor"],
        "confidence": 0.5 if ref.kind == "name" else 0.3,
    }
