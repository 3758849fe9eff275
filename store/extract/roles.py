"""One rule per trigger role (triggers.json): where its actor and its crossing are found.

passive / agent-after: "Y was captured by X", "Y fell to X", "Y is held by X"
agent-inside: "Y came under Kurdish control"; nominal-of: "the withdrawal of X";
nominal-by: "the capture of Y by X", "lost Y to X"; intransitive: "X withdrew (from Y)",
"X withdrew to B" (left the crossing in hand); active (verb, direct): "X seized Y".
Each returns (actor or None, crossing references).
"""
from __future__ import annotations

import re

from store.extract.actors import adjective_actor, compound_actor, previous_group, usable_actor
from store.extract.clauses import SentenceView
from store.extract.objects import ALONG, refs_after, refs_before
from store.extract.state import Ref, words_between
from store.extract.triggers import Trigger

_BY_SOON = re.compile(r" *(?:\w+ +)?by\b")
_FROM_AFTER = re.compile(r" +(?:from|out +of)\b")

_PARTICIPIAL_LEAD = re.compile(r"^(?:\W*(?:just|only|shortly|soon|days|weeks|hours|a|few|two|three|day|week|after|since|upon|following|before|when|while|on|by|in)\b)*\W*(?:after|since|upon|following|before|when|while|on|by)\s*$")
_SUBJECT_OF_VERB = re.compile(r" *(?:\([^)]{1,40}\) *)?(?:[a-z]+ed|had|has|have|was|were|then|also|launched|began|took|sent)\b")
_POSSESSIVE = re.compile(r" s +(?:(?:recent|swift|sudden|latest|final|eventual|renewed) +)?")
_OTHER_OBJECT = re.compile(r"^ +(?:the|a|an|their|its|his|her) +[a-z]")
_SENTENCE_PRONOUN = re.compile(r"^\W*they(?: +re| +have| +had| +also| +then)?\b[^,;]*(?:,[^,;]*){0,2}$")
_PRONOUN_SUBJECT = re.compile(r"^\W*(?:that +)?(?:they|he|she|we|it)(?: +(?:had|have|has|already|also|still|now|jointly))* *$")
_SAID_LEAD = re.compile(r"^\W*(?:[a-z0-9 ,.'-]{0,80}? )?(?:said|say|says|claimed|claim|claims|announced|reported|told +[a-z]+|added|confirmed|stated)(?: +(?:on +\w+day|late|early|\w+ly))*(?: +that)? +")
_OF_AFTER = re.compile(r" +of +")
_FIRST_PERSON = re.compile(r"^\W*(?:we|our +(?:forces|fighters|men|troops|units|brigades?))(?: +(?:have|had|were|are|also|now|managed +to|finally|fully|\w+ly))* *$")
_BY_GERUND = re.compile(r"(?<![a-z])by +$")
_DECIDED = re.compile(r"(?<![a-z])(?:ordered|orders|order|announced|announces|declared|decided|decides|approved|approves|began|begun|started|completed"
                      r"|s|its|their)(?: +(?:the|a|an|temporary|full|partial|official|immediate))* *$")
_HAILED = re.compile(r"(?<![a-z])(?:celebrat|announc|complet|declar|confirm|hail|claim|welcom|finish|conclud)[a-z]* +(?:the +)?$")
_THEIR = re.compile(r"(?<![a-z])(?:their|its) +$")
_DESTINATION = re.compile(r"\b(?:to|towards|toward|into|for) +$")
_GERUND_AFTER = re.compile(r"(?<![a-z])(?:before|after|until|since|then)(?: +(?:finally|eventually|briefly|partially|officially))? +$")
_THEIR_CONTROL = re.compile(r"(?<![a-z])(?:their|its) +(?:full +|complete +|firm +)?control")
_FROM = re.compile(r"\b(?:from|of) +$")


def _passive(sent: SentenceView, trigger: Trigger, lo: int, hi: int, span_end: int):
    """ "Y was captured by X", "Y fell to X", "Y (is) held by X": the crossing first, the group after."""
    folded, kind = sent.state.folded, trigger.type
    refs = refs_before(sent, lo, trigger)
    refs += [r for r in sent.refs if trigger.end <= r.start < span_end and ALONG.search(folded[max(0, r.start - 20):r.start])
             and re.search(r"along +with|together +with|as +well +as|including", folded[trigger.end:r.start])]
    actor = sent.by_agent(trigger.end, kind) if trigger.passive else sent.actor_after(trigger.end, kind)
    if actor is None and trigger.passive and kind in ("captured", "attacked", "withdrew") \
            and not _BY_SOON.match(folded, trigger.end, trigger.end + 20):
        # "The crossing was captured after IS launched ...": the only group in the clause (a closing or a
        # reopening is an authority's act: "closed after Daesh took over the highway" does not say Daesh closed it)
        clause_actors = [a for a in sent.actors if lo <= a.start and a.end <= hi and usable_actor(a, kind)]
        if len({a.faction for a in clause_actors}) == 1 and all(a.kind == "name" for a in clause_actors) \
                and _SUBJECT_OF_VERB.match(folded, clause_actors[0].end):
            actor = clause_actors[0]
    return actor, refs


def _agent_inside(sent: SentenceView, trigger: Trigger, lo: int, hi: int, span_end: int):
    """ "Y came under Kurdish control", "Y remains under HTS control"."""
    refs = refs_before(sent, lo, trigger)
    inside = [a for a in sent.actors if trigger.start <= a.start and a.end <= trigger.end and usable_actor(a, trigger.type)]
    actor = inside[0] if inside else adjective_actor(sent.state.folded, trigger)
    if actor is None and _OF_AFTER.match(sent.state.folded, trigger.end):
        actor = sent.actor_after(_OF_AFTER.match(sent.state.folded, trigger.end).end(), trigger.type, 6)  # "under the complete control of the rebels"
    if actor is None and _THEIR_CONTROL.search(sent.state.folded, trigger.start, trigger.end):
        # "The FSA says the crossing is now under its control": the group the sentence named; else
        # "Rebels took Tal Abyad. All three crossings are under their control": the one just before
        named = [a for a in sent.actors if a.end <= trigger.start and a.kind == "name" and usable_actor(a, trigger.type)]
        actor = named[-1] if named and len({a.faction for a in named}) == 1 else previous_group(sent.state, sent.s)
    return actor, refs


def _nominal_of(sent: SentenceView, trigger: Trigger, lo: int, hi: int, span_end: int):
    """ "after the withdrawal of the army": the group follows; the crossing is the one in hand."""
    folded = sent.state.folded
    actor = sent.actor_after(trigger.end, trigger.type, 6)
    if actor is None:
        return None, []
    after = [r for r in sent.refs if actor.end <= r.start < span_end and _FROM.search(folded[max(0, r.start - 8):r.start])]
    return actor, after[:1] or [r for r in sent.refs if r.end <= trigger.start][-1:]


def _nominal_by(sent: SentenceView, trigger: Trigger, lo: int, hi: int, span_end: int):
    """ "the capture of Y by X", "X's capture of Y", "lost Y to X": only with the group named."""
    refs = refs_after(sent, trigger, span_end, trigger.role)
    if not refs:
        return None, []
    actor = sent.by_agent(refs[-1].end, trigger.type)
    folded = sent.state.folded
    if actor is None and trigger.word.endswith(" of"):
        owners = [a for a in sent.actors if _POSSESSIVE.fullmatch(folded, a.end, trigger.start) and usable_actor(a, trigger.type)]
        actor = owners[-1] if owners else None
    if actor is None and _HAILED.search(folded, max(lo, trigger.start - 40), trigger.start):
        actor = sent.actor_before(trigger, lo, trigger.type)  # "the militants celebrated the capture of Kasab"
    if actor is None and _THEIR.search(folded, max(lo, trigger.start - 8), trigger.start):
        actor = previous_group(sent.state, trigger.start)  # "followed their seizure of the crossing"
    return actor, refs


def _intransitive(sent: SentenceView, trigger: Trigger, lo: int, hi: int, span_end: int):
    """ "X withdrew (from Y)", "forces stationed at Y withdrew", "X withdrew to B" (left the crossing in hand)."""
    state, folded = sent.state, sent.state.folded
    actor = sent.actor_before(trigger, lo, trigger.type)
    after = [r for r in sent.refs if trigger.end <= r.start < span_end]
    origin = [r for r in after if _FROM.search(folded[max(0, r.start - 8):r.start])
              or (_FROM_AFTER.match(folded, trigger.end, trigger.end + 10)
                  and words_between(folded, trigger.end, r.start) <= 10 and not re.search(r"[,;]", folded[trigger.end:r.start]))]
    destination = [r for r in after if _DESTINATION.search(folded[max(0, r.start - 12):r.start])]
    before_refs = [r for r in sent.refs if lo <= r.start and r.end <= trigger.start
                   and words_between(folded, r.end, trigger.start) <= 8]
    object_follows = _OTHER_OBJECT.match(folded[trigger.end:min(trigger.end + 20, sent.e)]) and not any(
        r.start - trigger.end <= 6 for r in after)  # "fled the area": some other place was left
    inside = [r for r in sent.refs if trigger.start <= r.start < trigger.end]  # "left their posts"
    if inside:
        return actor, inside[:1]
    if trigger.type == "captured":
        return actor, _moved_in(sent, trigger, after)
    if origin:
        return actor, [r for r in origin if r.start == origin[0].start]
    if object_follows:
        return actor, []
    if before_refs:
        return actor, before_refs[-1:]
    if _THEIR_POSTS.search(trigger.word):  # "took the Albu Kamal crossing, officials said, after soldiers abandoned their posts"
        return actor, _named_before(sent, trigger)
    if destination and state.topic is not None and state.sentence_index - state.topic_sentence <= 2 \
            and state.topic.crossing not in {d.crossing for d in destination}:
        return actor, [Ref(trigger.start, trigger.end, state.topic.crossing, None, "implicit")]
    return actor, []


_THEIR_POSTS = re.compile(r"\btheir +(?:border +)?(?:posts?|positions|checkpoints)$")
_MOVED_IN_END = re.compile(r" *(?:[,.;:)]|$|to +(?!(?:the|a|an|its|their)\b)[a-z]+|(?:on|after|when|as|and|later|shortly|quickly|soon"
                           r"|immediately|within|hours|days|minutes|overnight|unopposed|without|from)\b)")
_INTO = re.compile(r" +(?:to|into|at)(?: +the)? +")


def _named_before(sent: SentenceView, trigger: Trigger) -> list[Ref]:
    """The crossing named earlier in the sentence, when it names one and not as a destination."""
    folded = sent.state.folded
    earlier = [r for r in sent.refs if r.end <= trigger.start]
    if len({r.crossing for r in earlier}) != 1 or _DESTINATION.search(folded[max(0, earlier[-1].start - 12):earlier[-1].start]):
        return []
    return earlier[-1:]


def _moved_in(sent: SentenceView, trigger: Trigger, after: list[Ref]) -> list[Ref]:
    """ "X moved in to the crossing"; "guards abandoned the Rabia post, and the Peshmerga moved in (to fill
    the vacuum)": the crossing just left. "moved in tanks" has an object of its own and says nothing."""
    folded = sent.state.folded
    into = [r for r in after if _INTO.fullmatch(folded, trigger.end, r.start)]
    if into:
        return into[:1]
    if not _MOVED_IN_END.match(folded, trigger.end):
        return []
    return _named_before(sent, trigger)


def speaker_group(sent: SentenceView):
    """The one group named in the sentence's attribution ("..., a Free Syrian Army commander said")."""
    s, state = sent.s, sent.state
    inside = [a for a in state.within("actors", s, sent.e) if a.kind in ("name", "generic")
              and any(s + a0 <= a.start and a.end <= s + b0 for a0, b0 in sent.attr.spans)]
    return inside[0] if len({(a.faction, a.generic) for a in inside}) == 1 else None


def active(sent: SentenceView, trigger: Trigger, lo: int, hi: int, span_end: int):
    """ "X seized Y", "X launched an attack on Y", "after taking Y, X ...", "they seized Y"."""
    state, folded, kind = sent.state, sent.state.folded, trigger.type
    refs = refs_after(sent, trigger, span_end, trigger.role)
    if kind == "withdrew":
        refs = [r for r in refs if not _DESTINATION.search(folded[max(0, r.start - 12):r.start])]
    if not refs and not _OTHER_OBJECT.match(folded[trigger.end:min(trigger.end + 20, sent.e)]):
        # "the crossing, which Iraqi forces had seized": the relative pronoun is the object (not in "which
        # had been closed after Daesh took over the highway": that verb has its own)
        refs = [r for r in sent.refs if r.kind == "which" and lo <= r.start < trigger.start
                and "," not in folded[r.end:trigger.start]]
    if not refs and kind in ("closed", "reopened") and not _OTHER_OBJECT.match(folded[trigger.end:min(trigger.end + 20, sent.e)]):
        refs = refs_before(sent, lo, trigger)  # "the Nasib crossing reopened on Monday": the crossing is the subject
        if not refs and trigger.word.endswith("ing") and _GERUND_AFTER.search(folded, lo, trigger.start):
            # "The Jaber crossing had been closed for three years before reopening in 2018": the clause's subject
            refs = [r for r in sent.refs if lo <= r.start < trigger.start and words_between(folded, lo, r.start) <= 3][:1]
        return None, refs
    if not refs:
        return None, []
    if trigger.start and state.text[trigger.start - 1] == "-":  # "the rebel-held Nasib crossing", "IS-controlled"
        return compound_actor(sent, trigger), refs[:1]
    actor = sent.by_agent(trigger.end, kind) or sent.by_agent(refs[-1].end, kind, to=False)
    lead = folded[lo:trigger.start]
    if actor is None and not (trigger.word.endswith(" of") and kind in ("closed", "reopened") and not _DECIDED.search(lead)):
        actor = sent.actor_before(trigger, lo, kind)  # not "AANES is appalled by the closure of Semalka": no closer named
    if actor is None and lo == sent.s and _SENTENCE_PRONOUN.match(lead):
        actor = previous_group(state, sent.s)  # "IS holds most of Anbar. They sacked the Waleed crossing."
    said = _SAID_LEAD.match(lead)
    if actor is None and (_PRONOUN_SUBJECT.match(lead) or (said and _PRONOUN_SUBJECT.match(lead[said.end():]))):
        # "Rebels claimed they had seized ...", "They said they overran the gate": the pronoun is the group
        # just named, else the one the sentences before name
        named = [a for a in state.within("actors", sent.s, trigger.start) if a.kind in ("name", "generic") and usable_actor(a, kind)]
        earlier = [a for a in state.within("actors", max(0, sent.s - 400), sent.s) if a.kind == "name" and usable_actor(a, kind)]
        only = earlier[-1] if earlier and len({a.faction for a in earlier}) == 1 else None
        actor = named[-1] if named else (previous_group(state, sent.s) or only)
    if actor is None and _BY_GERUND.search(lead):
        # "The jihadists ... reinforced their caliphate by seizing Syria's Al-Tanaf crossing": the subject acts
        heads = [a for a in sent.actors if a.end <= trigger.start and usable_actor(a, kind)]
        actor = heads[0] if heads else None
    if actor is None and _FIRST_PERSON.match(lead):
        actor = speaker_group(sent)  # "'We have taken the crossing,' a rebel commander said": the speaker's group
    if actor is None and _THEIR.search(lead):
        actor = previous_group(state, trigger.start)  # "the advance followed their seizing of a border crossing"
    if actor is None and _PARTICIPIAL_LEAD.match(lead):
        comma = folded.find(",", refs[-1].end, sent.e)  # "Just days after capturing Y, X now controls ..."
        if comma >= 0:
            following = [a for a in sent.actors if a.start > comma and usable_actor(a, kind)]
            actor = following[0] if following and words_between(folded, comma, following[0].start) <= 3 else None
    return actor, refs


RULES = {"passive": _passive, "agent-after": _passive, "agent-inside": _agent_inside, "nominal-of": _nominal_of,
          "nominal-by": _nominal_by, "intransitive": _intransitive}
