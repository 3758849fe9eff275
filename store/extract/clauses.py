"""One sentence as the event rules see it: its clauses, groups, dates and attribution.

Clause boundaries ("while", "but", ";", dashes, an attribution such as ", officers said")
keep one clause's actor, crossing and date away from another's.
"""
from __future__ import annotations

import re
from functools import cached_property

from store.extract.actors import usable_actor
from store.extract.attribution import Attribution, attribute
from store.extract.coref import resolve_refs
from store.extract.dates import find_dates
from store.extract.factions import Actor
from store.extract.state import ArticleState, inside
from store.extract.triggers import Trigger

_BOUNDARY = re.compile(r";| +(?:while|whereas|but|although|though)\b| +[\u2014\u2013] +| +- +"
                       r"|, +(?:adding|saying|noting|claiming|stressing|explaining|insisting)\b|, +(?:said|says|added)\b"
                       r"|, +(?=(?:which|who)\b)")
_PREP_BEFORE = re.compile(r"\b(?:of|for|against|from|by|at|on|to|than|toward|towards|between) +(?:the +|a +|an +)?$")
_GROUP_OF = re.compile(r"\b(?:fighters|members|units|forces|troops|elements|militants|militiamen|brigades?|battalions?|soldiers|personnel|remnants|cells|gunmen|contingents?|detachments?) *$")
_SAID_BEFORE = re.compile(r"\b(?:said|says|say|told|announced|reported|added|stated|confirmed|declared|claimed)\b(?: +[a-z0-9.]+){0,4} *$")
_SAID_AFTER = re.compile(r"[ ,]*(?:(?!(?:who|which|that|whose|whom)\b)[a-z0-9.'-]+ +){0,6}?(?:said|say|says|told|announced|reported|stated|confirmed|declared|claimed)\b")
_MODIFIES_NOUN = re.compile(r" +(?:flags?|banners?|positions?|checkpoints?|bases?|headquarters|territory|territories|areas?|strongholds?"
                            r"|lines|barracks|convoys?|vehicles?|supply|supplies)(?![a-z])")
_MEMBERS_OF = r"(?:(?:fighters|militants|members|units|elements|troops|forces|gunmen|militiamen) +(?:from|of|belonging +to|loyal +to) +)?"
_BY = re.compile(r" *(?:\w+ly +)?(?:by|to) +" + _MEMBERS_OF)
_BY_ONLY = re.compile(r" *(?:\w+ly +)?by +" + _MEMBERS_OF)
_STATE_SUBJECT = re.compile(r"(?: +(?:has|have|had|on +\w+day|\w+ly|also|now|then|again))* +")
_NO_ATTRIBUTION = Attribution(None, [], False)


_ONE_WORD_LEAD = re.compile(r" *(?:the|a|an) +[a-z]{2,14} +")

class SentenceView:
    """Everything one sentence offers to the triggers inside it."""

    def __init__(self, state: ArticleState, s: int, e: int):
        self.state, self.s, self.e = state, s, e
        text, folded = state.text, state.folded
        self.triggers = state.within("triggers", s, e)
        self.refs = resolve_refs(state, s, e)
        if not (self.triggers and self.refs):  # nothing to assemble: only the article state moves on
            self.attr = _NO_ATTRIBUTION
            self.actors = [a for a in state.within("actors", s, e) if a.kind == "name"]
            self.bounds = []
            self._dates = []
            return
        self.attr = attribute(text[s:e], folded[s:e], state.previous_source)
        self.actors = [a for a in state.within("actors", s, e) if not inside(self.attr.spans, a.start, a.end, s)]
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
            self._dates = [d for d in self.all_dates
                           if not inside(spans, d.start, d.end, s) and not self._dates_a_saying(d.start, d.end)]
        return self._dates

    @cached_property
    def all_dates(self):
        """Every date expression in the sentence, the saying's included (found once)."""
        return find_dates(self.state.text, self.s, self.e)

    def _dates_a_saying(self, start: int, end: int) -> bool:
        """ "officials said in a statement on Sunday", "On Monday, officials said IS had taken ...":
        the day of the saying, not of the event (unless an event word stands between the two, or
        the saying comes after every event word: "IS took it on Sunday, officials said")."""
        folded = self.state.folded
        before = folded[max(self.s, start - 45):start]
        m = _SAID_BEFORE.search(before)
        if m and not any(start - len(before) + m.start() < t.start < start for t in self.triggers):
            return True
        after = _SAID_AFTER.match(folded, end, min(self.e, end + 60))
        return bool(after) and all(t.start >= after.end() for t in self.triggers if t.start >= self.s)

    def clause(self, trigger: Trigger) -> tuple[int, int]:
        start = max([b for b in self.bounds if b <= trigger.start], default=self.s)
        end = min([b for b in self.bounds if b >= trigger.end], default=self.e)
        return start, end

    def actor_before(self, trigger: Trigger, lo: int, event_type: str) -> Actor | None:
        folded = self.state.folded
        for actor in reversed([a for a in self.actors if lo <= a.start and a.end <= trigger.start]):
            if not usable_actor(actor, event_type) and not _STATE_SUBJECT.fullmatch(folded, actor.end, trigger.start):
                continue  # "Iraq captures border crossing": a state right before the verb is its forces
            if _MODIFIES_NOUN.match(folded, actor.end):
                continue  # "in place of the black ISIL flag": the group only describes a thing
            head = self._apposition_head(actor, lo, trigger, event_type)
            if head is not None:
                return head
            prep = _PREP_BEFORE.search(folded[max(self.s, actor.start - 16):actor.start])
            if prep and not (prep.group().startswith(("of", "from")) and _GROUP_OF.search(folded[max(self.s, actor.start - 40):actor.start - len(prep.group())])):
                continue  # "fighters of the YPG", "fighters from the Nusra Front" are those groups
            return actor
        return None

    def _apposition_head(self, actor: Actor, lo: int, trigger: Trigger, event_type: str) -> Actor | None:
        """ "The YPG, the armed wing of the PYD, which is linked to the PKK, took control of ...": a group
        inside commas set off after another group describes it; the group before the first comma acts."""
        folded = self.state.folded
        first_comma = folded.find(",", self.s, actor.start)
        if first_comma < 0 or "," not in folded[actor.end:trigger.start] or ";" in folded[self.s:trigger.start]:
            return None
        heads = [a for a in self.actors if self.s <= a.start and a.end <= first_comma and usable_actor(a, event_type)
                 and not folded[a.end:first_comma].strip(" )(")]
        return heads[-1] if heads else None

    def actor_after(self, pos: int, event_type: str, max_gap: int = 14) -> Actor | None:
        for actor in self.actors:
            if pos <= actor.start and usable_actor(actor, event_type) and (
                    actor.start <= pos + max_gap or _ONE_WORD_LEAD.fullmatch(self.state.folded, pos, actor.start)):
                return actor  # "to the opposition Syrian National Coalition": an article and a word before the name
        return None

    def by_agent(self, pos: int, event_type: str, to: bool = True) -> Actor | None:
        """The group after "by" ("taken by fighters from the Al-Nusra Front": that group), or after "to"
        when `to` ("fell to IS"; not after an object: "closed its border to Syria")."""
        folded = self.state.folded
        m = (_BY if to else _BY_ONLY).match(folded, pos, pos + 60)
        return self.actor_after(m.end(), event_type, 6) if m else None
