"""Assemble events sentence by sentence: trigger + actor + crossing (+ date, side, source).

Reading order matters: "the crossing", "it" and "the two crossings" refer back to crossings
named before, so an `ArticleState` follows the article's topic. Where a reference cannot
be resolved reliably the event is left out: a wrong event costs more than a missing one.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from datetime import date

from store.extract.attribution import Attribution, attribute
from store.extract.dates import find_dates, resolve_date
from store.extract.factions import Actor, dominant_country, factions, government_of
from store.extract.gazetteer import Town, crossing_countries, side_phrase
from store.extract.triggers import Trigger, is_irrealis, is_negated, lexicon

_BOUNDARY = re.compile(r";| +(?:while|whereas|but|although|though)\b| +[\u2014\u2013] +| +- +"
                       r"|, +(?:adding|saying|noting|claiming|stressing|explaining|insisting)\b|, +(?:said|says|added)\b")
_PARTICIPIAL_LEAD = re.compile(r"^(?:\W*(?:just|only|shortly|soon|days|weeks|hours|a|few|two|three|day|week|after|since|upon|following|before|when|while|on|by|in)\b)*\W*(?:after|since|upon|following|before|when|while|on|by)\s*$")
_PREP_BEFORE = re.compile(r"\b(?:of|for|against|from|by|at|on|to|than|toward|towards|between) +(?:the +|a +|an +)?$")
_GROUP_OF = re.compile(r"\b(?:fighters|members|units|forces|troops|elements|militants|militiamen|brigades?|battalions?|soldiers|personnel|remnants|cells|gunmen|contingents?|detachments?) *$")
_SAID_BEFORE = re.compile(r"\b(?:said|says|say|told|announced|reported|added|stated|confirmed|declared|claimed)\b(?: +[a-z0-9.]+){0,4} *$")
_PLACE_AFTER = re.compile(r" +(?:near|in|at|outside|by|of|on +the +edge +of)(?: +the)?(?: +(?:\w+ +)?(?:town|city|village) +of)? +(?:the +)?")
_LOCATIVE = re.compile(r"\b(?:near|outside|close +to|next +to|around|along|beyond|behind|overlooking|adjacent +to|"
                       r"(?:north|south|east|west)(?:east|west)? +of|from|toward|towards|between)\b")
_OTHER_OBJECT = re.compile(r"^ +(?:the|a|an|their|its|his|her) +[a-z]")
_TOWN_LEAD = re.compile(r"(?:the +)?(?:\w+ +)?(?:town|city|village)s? +of +$")
_SENTENCE_PRONOUN = re.compile(r"^\W*they(?: +re| +have| +had| +also| +then)?\b[^,;]*(?:,[^,;]*){0,2}$")
_PRONOUN_SUBJECT = re.compile(r"^\W*(?:that +)?(?:they|he|she|we)(?: +(?:had|have|has|had +already|have +already|also))? *$")
_DESTINATION = re.compile(r"\b(?:to|towards|toward|into|for) +$")
_FROM = re.compile(r"\b(?:from|of) +$")
_ALONG = re.compile(r"\b(?:along +with|together +with|as +well +as|and|plus|including) +(?:the +)?$")
_CONNECT = re.compile(r"^(?:[ ,]|and\b|or\b|as +well +as\b|along +with\b|together +with\b|plus\b)*$")
_BY_AGENT = re.compile(r"^ *(?:\w+ly +)?(?:by|to) +(?:the +)?$")
_MAX_GAP_WORDS = {"direct": 2, "verb": 6, "nominal-by": 3, "intransitive": 6}
_WORD = re.compile(r"[a-z0-9]+")
_NO_ATTRIBUTION = Attribution(None, [], False)
_IT = re.compile(r"(?<![a-z])it(?![a-z])")


@dataclass
class Ref:
    """A crossing reference in a sentence, resolved to a crossing id."""
    start: int
    end: int
    crossing: str
    side: str | None
    kind: str
    list_id: int | None = None


@dataclass
class ArticleState:
    text: str
    folded: str
    published: date | None
    mentions: list
    towns: list
    actors: list
    triggers: list
    topic: Ref | None = None
    topic_sentence: int = -10
    previous_crossings: list = field(default_factory=list)
    previous_list: list = field(default_factory=list)
    previous_source: str | None = None
    seen_crossings: set = field(default_factory=set)   # crossings named so far: one alone is never ambiguous
    last_org: str | None = None
    sentence_index: int = 0
    dominant: dict = field(default_factory=dict)

    def __post_init__(self):
        lex = lexicon()
        self.anaphors = [(m.start(), m.end()) for m in lex.anaphor.finditer(self.folded)]
        self.pairs = [(m.start(), m.end()) for m in lex.pair.finditer(self.folded)]
        self.ordinals = [(m.start(), m.end(), m.group()) for m in lex.ordinal.finditer(self.folded)]
        self.its = [m.start() for m in _IT.finditer(self.folded)]
        self._mention_starts = [m.start for m in self.mentions]
        self._actor_starts = [a.start for a in self.actors]
        self._trigger_starts = [t.start for t in self.triggers]
        self._town_starts = [t.start for t in self.towns]

    def within(self, kind: str, start: int, end: int) -> list:
        items, starts = {
            "mentions": (self.mentions, self._mention_starts),
            "actors": (self.actors, self._actor_starts),
            "triggers": (self.triggers, self._trigger_starts),
            "towns": (self.towns, self._town_starts),
        }[kind]
        return items[bisect.bisect_left(starts, start):bisect.bisect_left(starts, end)]

    def country_for(self, crossing: str, side: str | None) -> str | None:
        countries = crossing_countries(crossing)
        if side in countries:
            return side
        if crossing not in self.dominant:
            self.dominant[crossing] = dominant_country(self.text, countries)
        return self.dominant[crossing]


def _words_between(folded: str, start: int, end: int) -> int:
    return len(_WORD.findall(folded[start:end])) if end > start else 0


def _between(items: list, s: int, e: int) -> list:
    """Items (tuples starting with a start offset, sorted) that start inside [s, e)."""
    return items[bisect.bisect_left(items, (s,)):bisect.bisect_left(items, (e,))]


def _resolve_refs(state: ArticleState, s: int, e: int) -> list[Ref]:
    """Named mentions plus resolved anaphors ("the crossing", "it", "the two crossings", "the first")."""
    folded = state.folded
    named = [Ref(m.start, m.end, m.crossing, m.side, m.kind, m.list_id) for m in state.within("mentions", s, e)]
    refs = list(named)
    lex = lexicon()
    recent = state.sentence_index - state.topic_sentence
    for a_start, a_end in _between(state.anaphors, s, e):
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
            refs.append(Ref(start, a_end, ante.crossing, side, "anaphor"))
        elif towns:
            town: Town = towns[-1]
            refs.append(Ref(start, a_end, town.crossing, side or town.country, "town-crossing"))
        elif state.topic is not None and (recent <= 3 or state.seen_crossings == {state.topic.crossing}):
            refs.append(Ref(start, a_end, state.topic.crossing, side, "anaphor"))
    for p_start, p_end in _between(state.pairs, s, e):
        earlier = []
        for r in refs:
            if r.end <= p_start and r.crossing not in earlier:
                earlier.append(r.crossing)
        pool = earlier if len(earlier) >= 2 else state.previous_crossings
        if len(pool) == 2:
            refs += [Ref(p_start, p_end, c, None, "pair") for c in pool]
    for o_start, o_end, words in _between(state.ordinals, s, e):
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
        elif state.topic is not None and recent <= 1:
            refs.append(Ref(pos, pos + 2, state.topic.crossing, None, "it"))
    refs.sort(key=lambda r: (r.start, r.end))
    return refs


def _inside(spans, start: int, end: int, offset: int) -> bool:
    return any(offset + a <= start and end <= offset + b for a, b in spans)


def _actor_id(state: ArticleState, actor: Actor, ref: Ref, event_type: str) -> str | None:
    if actor.kind == "name":
        return actor.faction
    if actor.kind == "generic":
        named = _named_modifier(state, actor)
        if named is not None:
            return named
        first = state.country_for(ref.crossing, ref.side)
        if ref.side is not None:
            return government_of(actor.generic, first)
        options = {government_of(actor.generic, c) for c in crossing_countries(ref.crossing)} - {None}
        i = bisect.bisect_left(state._actor_starts, actor.start)
        for earlier in reversed(state.actors[max(0, i - 30):i]):  # "Kurdish forces" after "Peshmerga": the same
            if earlier.kind == "name" and earlier.faction in options:
                return earlier.faction
        for country in (first, *crossing_countries(ref.crossing)):
            faction = government_of(actor.generic, country)
            if faction:
                return faction
        return None
    if actor.kind == "group":
        return state.last_org
    if actor.kind == "authority" and event_type in ("closed", "reopened"):
        return actor.faction
    return None


def _named_modifier(state: ArticleState, actor: Actor) -> str | None:
    """ "Kurdish forces from the YPG", "security forces of the KRG": the named group decides."""
    for other in state.within("actors", actor.end, actor.end + 40):
        gap = state.folded[actor.end:other.start]
        if other.kind == "name" and re.fullmatch(r" *(?:from|of|belonging +to|loyal +to|led +by) +(?:the +)?", gap):
            return other.faction
        break
    return None


def _previous_group(state: ArticleState, start: int) -> Actor | None:
    """The one group named in the sentence before `start`, if only one is."""
    text = state.text
    head = start - len(text[:start].rstrip())
    previous = max(text.rfind(". ", 0, start - head - 1), text.rfind("\n", 0, start - head - 1), 0)
    window = [a for a in state.within("actors", previous, start) if a.kind == "name"]
    return window[-1] if window and len({a.faction for a in window}) == 1 else None


def _adjective_actor(folded: str, trigger: Trigger) -> Actor | None:
    """ "under Kurdish control": the adjective names the group (factions.json "adjectives")."""
    adjectives = factions().adjectives
    words = list(re.finditer(r"[a-z]+", folded[trigger.start:trigger.end]))
    for word in reversed(words[:-1]):
        value = adjectives.get(word.group())
        if value:
            start, end = trigger.start + word.start(), trigger.start + word.end()
            if value in factions().by_country:
                return Actor(start, end, None, "generic", value)
            return Actor(start, end, value)
    return None


def _usable_actor(actor: Actor, event_type: str) -> bool:
    return actor.kind != "authority" or event_type in ("closed", "reopened")


class _Sentence:
    """Everything one sentence offers to the triggers inside it."""

    def __init__(self, state: ArticleState, s: int, e: int):
        self.state, self.s, self.e = state, s, e
        text, folded = state.text, state.folded
        self.triggers = state.within("triggers", s, e)
        self.refs = _resolve_refs(state, s, e)
        if not (self.triggers and self.refs):  # nothing to assemble: only the article state moves on
            self.attr = _NO_ATTRIBUTION
            self.actors = [a for a in state.within("actors", s, e) if a.kind == "name"]
            self.bounds = []
            self._dates = []
            return
        self.attr = attribute(text[s:e], folded[s:e], state.previous_source)
        self.actors = [a for a in state.within("actors", s, e) if not _inside(self.attr.spans, a.start, a.end, s)]
        bounds = [m.start() for m in _BOUNDARY.finditer(folded, s, e)]
        for a, b in self.attr.spans:
            bounds += [s + a, s + b]
        self.bounds = sorted(set(bounds))
        self._dates = None

    @property
    def dates(self):
        """Date expressions outside attribution clauses (found only when an event needs them)."""
        if self._dates is None:
            s, spans = self.s, self.attr.spans
            self._dates = [d for d in find_dates(self.state.text, s, self.e)
                           if not _inside(spans, d.start, d.end, s) and not self._dates_a_saying(d.start)]
        return self._dates

    def _dates_a_saying(self, start: int) -> bool:
        """ "officials said in a statement on Sunday": the day of the saying, not of the event."""
        before = self.state.folded[max(self.s, start - 45):start]
        m = _SAID_BEFORE.search(before)
        return bool(m) and not any(start - len(before) + m.start() < t.start < start for t in self.triggers)

    def clause(self, trigger: Trigger) -> tuple[int, int]:
        start = max([b for b in self.bounds if b <= trigger.start], default=self.s)
        end = min([b for b in self.bounds if b >= trigger.end], default=self.e)
        return start, end

    def actor_before(self, trigger: Trigger, lo: int, event_type: str) -> Actor | None:
        folded = self.state.folded
        for actor in reversed([a for a in self.actors if lo <= a.start and a.end <= trigger.start]):
            if not _usable_actor(actor, event_type):
                continue
            prep = _PREP_BEFORE.search(folded[max(self.s, actor.start - 16):actor.start])
            if prep and not (prep.group().startswith("of") and _GROUP_OF.search(folded[max(self.s, actor.start - 40):actor.start - len(prep.group())])):
                continue
            return actor
        return None

    def actor_after(self, pos: int, event_type: str, max_gap: int = 14) -> Actor | None:
        for actor in self.actors:
            if pos <= actor.start <= pos + max_gap and _usable_actor(actor, event_type):
                return actor
        return None

    def by_agent(self, pos: int, event_type: str) -> Actor | None:
        folded = self.state.folded
        m = re.match(r" *(?:\w+ly +)?(?:by|to) +", folded[pos:pos + 24])
        return self.actor_after(pos + m.end(), event_type, 6) if m else None


def _refs_after(sent: _Sentence, trigger: Trigger, end: int, role: str) -> list[Ref]:
    folded = sent.state.folded
    refs = [r for r in sent.refs if trigger.end <= r.start < end]
    if not refs:
        return []
    towns = [t for t in sent.state.within("towns", trigger.end, refs[0].start) if t.crossing == refs[0].crossing]
    first = refs[0].start
    if towns:  # "the town of Al Qaim as well as the border crossing": the town phrase is part of the object
        lead = _TOWN_LEAD.search(folded[max(0, towns[0].start - 40):towns[0].start])
        first = towns[0].start - (len(lead.group()) if lead else 0)
    if _words_between(folded, trigger.end, first) > _MAX_GAP_WORDS.get(role, 6):
        return []
    if _LOCATIVE.search(folded[trigger.end:first]):  # "retook the village of X near the Rabia crossing"
        return []
    kept = [refs[0]]
    for r in refs[1:]:
        if r.start < kept[-1].end:
            continue
        if _CONNECT.match(folded[kept[-1].end:r.start]) or (
            _ALONG.search(folded[max(0, r.start - 20):r.start]) and _words_between(folded, kept[-1].end, r.start) <= 8
        ):
            kept.append(r)
    return kept


def _refs_before(sent: _Sentence, lo: int, trigger: Trigger) -> list[Ref]:
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


def _trigger_events(sent: _Sentence, trigger: Trigger, next_start: int) -> list[tuple[Actor, Ref]]:
    """(actor, crossing reference) pairs a trigger yields, or none where unsure."""
    state, folded = sent.state, sent.state.folded
    lo, hi = sent.clause(trigger)
    span_end = min(hi, next_start)
    before = folded[max(sent.s, trigger.start - 60):trigger.start]
    if is_negated(before[-(trigger.start - lo):] if trigger.start > lo else "", state.text[max(lo, trigger.start - 40):trigger.start]):
        return []
    if is_irrealis(before) or re.search(r"\b(?:if|unless|whether)\b", folded[lo:trigger.start]):
        return []
    kind, role = trigger.type, trigger.role
    actor: Actor | None = None
    refs: list[Ref] = []
    if trigger.passive or role == "agent-after":
        refs = _refs_before(sent, lo, trigger)
        extra = [r for r in sent.refs if trigger.end <= r.start < span_end and _ALONG.search(folded[max(0, r.start - 20):r.start])
                 and re.search(r"along +with|together +with|as +well +as|including", folded[trigger.end:r.start])]
        refs += extra
        actor = sent.by_agent(trigger.end, kind) if trigger.passive else sent.actor_after(trigger.end, kind)
        if actor is None and trigger.passive and not re.match(r" *(?:\w+ +)?by\b", folded[trigger.end:trigger.end + 20]):
            # "The crossing was captured after IS launched ...": the only group in the clause
            clause_actors = [a for a in sent.actors if lo <= a.start and a.end <= hi and _usable_actor(a, kind)]
            if len({a.faction for a in clause_actors}) == 1 and all(a.kind == "name" for a in clause_actors):
                actor = clause_actors[0]
    elif role == "agent-inside":
        refs = _refs_before(sent, lo, trigger)
        inside = [a for a in sent.actors if trigger.start <= a.start and a.end <= trigger.end and _usable_actor(a, kind)]
        actor = inside[0] if inside else _adjective_actor(folded, trigger)
    elif role == "nominal-of":
        actor = sent.actor_after(trigger.end, kind, 6)
        if actor is None:
            return []
        after = [r for r in sent.refs if actor.end <= r.start < span_end and _FROM.search(folded[max(0, r.start - 8):r.start])]
        refs = after[:1] or [r for r in sent.refs if r.end <= trigger.start][-1:]
    elif role == "nominal-by":
        refs = _refs_after(sent, trigger, span_end, role)
        if refs:
            actor = sent.by_agent(refs[-1].end, kind)
    elif role == "intransitive":
        actor = sent.actor_before(trigger, lo, kind)
        after = [r for r in sent.refs if trigger.end <= r.start < span_end]
        origin = [r for r in after if _FROM.search(folded[max(0, r.start - 8):r.start])
                  or (re.match(r" +(?:from|out +of)\b", folded[trigger.end:trigger.end + 10])
                      and _words_between(folded, trigger.end, r.start) <= 10 and not re.search(r"[,;]", folded[trigger.end:r.start]))]
        destination = [r for r in after if _DESTINATION.search(folded[max(0, r.start - 12):r.start])]
        before_refs = [r for r in sent.refs if lo <= r.start and r.end <= trigger.start
                       and _words_between(folded, r.end, trigger.start) <= 8]
        object_follows = _OTHER_OBJECT.match(folded[trigger.end:trigger.end + 20]) and not any(
            r.start - trigger.end <= 6 for r in after)  # "fled the area": some other place was left
        if origin:
            refs = [r for r in origin if r.start == origin[0].start]
        elif object_follows:
            refs = []
        elif before_refs:
            refs = before_refs[-1:]
        elif destination and state.topic is not None and state.sentence_index - state.topic_sentence <= 2 \
                and state.topic.crossing not in {d.crossing for d in destination}:
            refs = [Ref(trigger.start, trigger.end, state.topic.crossing, None, "implicit")]
    else:  # verb / direct, active voice
        refs = _refs_after(sent, trigger, span_end, role)
        if kind == "withdrew":
            refs = [r for r in refs if not _DESTINATION.search(folded[max(0, r.start - 12):r.start])]
        if refs:
            actor = sent.by_agent(trigger.end, kind) or sent.by_agent(refs[-1].end, kind) or sent.actor_before(trigger, lo, kind)
            if actor is None and lo == sent.s and _SENTENCE_PRONOUN.match(folded[lo:trigger.start]):
                actor = _previous_group(state, sent.s)  # "IS holds most of Anbar. They sacked the Waleed crossing."
            if actor is None and _PRONOUN_SUBJECT.match(folded[lo:trigger.start]):
                # "Rebels claimed they had seized ...": the pronoun is the group just named
                named = [a for a in sent.state.within("actors", sent.s, lo) if a.kind in ("name", "generic") and _usable_actor(a, kind)]
                actor = named[-1] if named else None
            if actor is None and _PARTICIPIAL_LEAD.match(folded[lo:trigger.start]):
                comma = folded.find(",", refs[-1].end, sent.e)
                if comma >= 0:
                    following = [a for a in sent.actors if a.start > comma and _usable_actor(a, kind)]
                    actor = following[0] if following and _words_between(folded, comma, following[0].start) <= 3 else None
    if actor is None or not refs:
        return []
    return [(actor, r) for r in refs]


def _event_date(sent: _Sentence, trigger: Trigger, published: date | None, kind: str):
    lo, hi = sent.clause(trigger)
    candidates = [d for d in sent.dates if lo <= d.start and d.end <= hi]
    if not candidates:
        return (published if kind == "holds" else None), None
    nearest = min(candidates, key=lambda d: min(abs(d.start - trigger.end), abs(trigger.start - d.end)))
    return resolve_date(nearest, published), nearest.text


def sentence_events(state: ArticleState, s: int, e: int) -> list[dict]:
    """The events of the sentence `text[s:e]`; updates the article state for what follows."""
    sent = _Sentence(state, s, e)
    events: list[dict] = []
    seen = set()
    text = state.text
    if sent.triggers and sent.refs and not text[s:e].rstrip("\u201d\"' )").endswith("?"):
        for i, trigger in enumerate(sent.triggers):
            next_start = sent.triggers[i + 1].start if i + 1 < len(sent.triggers) else e
            for actor, ref in _trigger_events(sent, trigger, next_start):
                actor_id = _actor_id(state, actor, ref, trigger.type)
                if actor_id is None:
                    continue
                side = ref.side
                if side is None and trigger.type == "withdrew":
                    side = _government_country(actor_id, ref.crossing)
                key = (trigger.type, ref.crossing, actor_id, side)
                if key in seen:
                    continue
                seen.add(key)
                day, day_text = _event_date(sent, trigger, state.published, trigger.type)
                events.append({
                    "type": trigger.type,
                    "actor": actor_id,
                    "actor_text": text[actor.start:actor.end],
                    "crossing": ref.crossing,
                    "side": side,
                    "crossing_text": text[ref.start:ref.end],
                    "date": day.isoformat() if day else None,
                    "date_text": day_text,
                    "hedged": sent.attr.hedged,
                    "source": sent.attr.source,
                    "sentence": text[s:e],
                    "start": s,
                    "end": e,
                })
    _advance(state, sent)
    return events


def _government_country(actor_id: str, crossing: str) -> str | None:
    """The side a government's forces stand on: their own country's post."""
    for country, faction in factions().by_country.get("government", {}).items():
        if faction == actor_id and country in crossing_countries(crossing):
            return country
    return None


def _advance(state: ArticleState, sent: _Sentence) -> None:
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
