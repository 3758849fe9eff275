"""Whether a hold is told as over by the time of the report, so that it is no `holds` event.

`holds` says who controls a crossing when the report is written. A past perfect or a word
that ends the hold ("fighters who had held it", "formerly rebel-held", "used to control"),
an end given in the hold's own clause ("held it until July"; "until now" does not end it),
or a simple past with a duration ("held it for three years"; "has held it for three years"
still holds) describe a stretch that is over. The words are in triggers.json (`past_state`,
`ended_by`).
"""
from __future__ import annotations

import re

from store.extract.triggers import lexicon


def hold_is_over(trigger_word: str, folded_before: str, folded_after: str, compound: bool = False) -> bool:
    """`folded_before`: the sentence's words just before the trigger; `folded_after`: the rest of
    its clause; `compound` for a "-held" adjective ("the formerly rebel-held crossing")."""
    before = re.sub(r"[a-z]+ *$", "", folded_before) if compound else folded_before
    return is_past_state(before) or is_ended(folded_after) or is_past_stretch(trigger_word, folded_before, folded_after)


def is_past_state(folded_before: str) -> bool:
    """A hold told as over by the time of the report ("who had held it", "formerly rebel-held")."""
    return bool(lexicon().past_state.search(folded_before[-50:]))


def is_ended(folded_after: str) -> bool:
    """A hold given an end ("held the crossing until July"): over, unless "until now". Only the
    hold's own words count: "hold it and will keep it until a deal" is not ended."""
    own = _NEXT_CLAUSE.search(folded_after)
    return bool(lexicon().ended_by.search(folded_after[:own.start()] if own else folded_after))


_PERFECT_BEFORE = re.compile(r"(?<![a-z])(?:has|have|ve)(?: +(?:been|\w+ly|long|already|still|also|now))* *$")
_DURATION = re.compile(r"(?<![a-z])for +(?:(?:more|less|over|under|nearly|almost|about|around|some|several|many|a|an|than|few"
                       r"|\d+|one|two|three|four|five|six|seven|eight|nine|ten|half) +)*(?:years?|months?|weeks?|decades?)(?![a-z])")


def is_past_stretch(word: str, folded_before: str, folded_after: str) -> bool:
    """A simple-past hold with a duration ("held it for three years"): a stretch that is over;
    the present perfect ("has held it for three years") still holds."""
    first = word.split()[0]
    if not (first in ("held", "kept") or first.endswith("ed")) or _PERFECT_BEFORE.search(folded_before[-40:]):
        return False
    own = _NEXT_CLAUSE.search(folded_after)
    return bool(_DURATION.search(folded_after[:own.start()] if own else folded_after))


_NEXT_CLAUSE = re.compile(r"(?<![a-z])(?:and|but|which|who|when|where|while|will|would)(?![a-z])")
