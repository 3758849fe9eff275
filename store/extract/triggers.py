"""Find the words that signal an event (triggers.json) and read their voice.

A participle after "was/were/been" ("was captured") or right before "by" ("captured by IS")
is passive: the crossing is its subject and the actor follows "by".
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import lru_cache

from store.datafiles import load
from store.extract.fold import fold_name, prefix_regex, word_regex

_OF_OVER = re.compile(r" +(?:of|over)\b")
_BY_AFTER = re.compile(r" +by\b")
_NT = re.compile(r"n[\u2019']t\b")
_TO_END = re.compile(r"\bto *$")


@dataclass
class Trigger:
    start: int
    end: int
    type: str
    role: str        # verb | direct | agent-after | nominal-by | nominal-of | intransitive
    word: str        # the folded trigger words
    passive: bool = False
    attempt: int | None = None  # an attempt to capture, read as an attack: where "tried to ..." starts in the 60 characters before


@dataclass
class Lexicon:
    regex: re.Pattern
    entries: dict         # folded words -> (type, role)
    participles: frozenset
    negation: re.Pattern
    irrealis: re.Pattern
    realis_to: re.Pattern
    past_state: re.Pattern
    ended_by: re.Pattern
    hedge: re.Pattern
    saying: re.Pattern
    anaphor: re.Pattern
    pair: re.Pattern
    ordinal: re.Pattern
    ordinals: dict
    unclaimed: re.Pattern
    patterns: list        # (compiled, type, role) from triggers.json "patterns"


def _alternation(words) -> str:
    return "|".join(sorted((re.escape(fold_name(w)).replace(r"\ ", " +") for w in words), key=len, reverse=True))


@lru_cache(maxsize=4)
def _lexicon(_key: int = 0) -> Lexicon:
    data = load("triggers.json")
    entries: dict[str, tuple[str, str]] = {}
    for group in data["triggers"]:
        for word in group["words"]:
            entries.setdefault(fold_name(word), (group["type"], group["role"]))
    irrealis = [w for w in data.get("irrealis", []) if w != "to"]
    return Lexicon(
        regex=word_regex(entries),
        entries=entries,
        participles=frozenset(fold_name(w) for w in data.get("participles", [])),
        negation=re.compile(r"(?:\b(?:" + _alternation(data.get("negations", [])) + r"|no)\b|n[\u2019']t\b)"),
        irrealis=re.compile(r"\b(?:" + _alternation(irrealis) + r")(?: +\w+ly| +not| +soon| +also| +then)?(?: +(?:remain|stay|be|go|get))?(?: +(?:the|a|an|its|their|his|her))? *$"),
        realis_to=re.compile(r"\b(?:" + _alternation(data.get("realis_before_to", [])) + r") +to *$"
                             r"|\b(?:led|leading|prompted|prompting|forced|forcing|caused|compelled|pushed)(?: +[a-z]+){1,4} +to *$"),
        past_state=re.compile(r"(?<![a-z])(?<!has )(?<!have )(?<!ve )(?:" + _alternation(data.get("past_state", [])) + r")"
                              r"(?: +(?:been|long|already|also|once|still|jointly|\w+ly))* *$"),
        ended_by=re.compile(r"(?<![a-z])(?:" + _alternation(data.get("ended_by", [])) + r")(?![a-z])"
                            r"(?! +(?:now|today|the +present|this +day|this +moment|further +notice))"),
        hedge=re.compile(r"\b(?:" + _alternation(data.get("hedges", [])) + r")\b"),
        saying=re.compile(r"\b(?:" + _alternation(data.get("saying_verbs", [])) + r")\b"),
        anaphor=prefix_regex(fold_name(w) for w in data.get("anaphors", [])),
        pair=prefix_regex(fold_name(w) for w in data.get("pair_anaphors", [])),
        ordinal=re.compile(r"(?:" + _alternation(data.get("ordinals", {})) + r")(?= *(?:[,.;:)]|$|and\b|while\b|but\b|whereas\b|respectively\b))"),
        ordinals={fold_name(k): v for k, v in data.get("ordinals", {}).items()},
        patterns=[(re.compile(r"(?<![a-z])(?:" + p["regex"] + r")(?![a-z])"), p["type"], p["role"]) for p in data.get("patterns", [])],
        unclaimed=re.compile(r"(?<![a-z])(?:" + (_alternation(data.get("unclaimed_attack_words", [])) or "(?!)") + r")(?![a-z])"),
    )


def lexicon() -> Lexicon:
    return _lexicon()


_BE_BEFORE = re.compile(
    r"\b(?:is|are|was|were|be|been|being|remains?|remained|got|gets)"
    r"(?: +(?:\w+ly|still|also|now|not|later|already|then|soon|just|once|again|never|largely|fully|partially|partly))* +$"
)
_NOT_CONTROL_VERB = re.compile(r"(?:government|their|its|his|her|under|lost|lose|loses|losing|the|of|all|full|to|regain|wrest|gain|border|effective|total|outside|no|any|state|military|kurdish|regime|rebel|opposition) +$")


_UNDER_CONTROL = re.compile(
    r"under +(?!the +control)(?:the +)?(?:full +|complete +|total +|effective +|firm +)?(?:[a-z]+ +){1,5}?(?:control|rule|administration)(?![a-z])"
    r"|under +the +(?:[a-z]+ +){1,2}government(?![a-z])(?! +s\b| +of\b)"
)
_IN_HANDS = re.compile(r"in(?:to)? +(?!the +hands)(?:the +)?(?:[a-z]+ +){1,3}?hands(?![a-z])")
_COMING_UNDER = re.compile(r"(?<![a-z])(?:came|come|comes|coming|fell|fallen|falls|falling|brought|passed|back) +$")


def _be_before(folded: str, text: str, start: int) -> bool:
    lo = max(0, start - 60)
    m = _BE_BEFORE.search(folded[lo:start])
    return bool(m) and not text[lo + m.start():lo + m.start() + 3].startswith("IS")  # "IS seized": the group, not the verb


def find_triggers(folded: str, text: str | None = None) -> list[Trigger]:
    lex = lexicon()
    text = folded if text is None else text
    found = []
    for m in lex.regex.finditer(folded):
        word = " ".join(m.group().split())
        kind, role = lex.entries[word]
        if word in ("control", "controls"):
            if _OF_OVER.match(folded, m.end(), m.end() + 6) or _NOT_CONTROL_VERB.search(folded[max(0, m.start() - 20):m.start()]):
                continue
        passive = word in lex.participles and role in ("verb", "direct") and bool(
            _be_before(folded, text, m.start()) or _BY_AFTER.match(folded, m.end(), m.end() + 4)
        )
        found.append(Trigger(m.start(), m.end(), kind, role, word, passive))
    phrases = [Trigger(m.start(), m.end(), kind, role, " ".join(m.group().split()))
               for pattern, kind, role in lex.patterns for m in pattern.finditer(folded)]  # "drove IS fighters out of"
    if phrases:
        phrases.sort(key=lambda p: p.start)
        starts = [p.start for p in phrases]

        def covered(t: Trigger) -> bool:
            i = bisect.bisect_left(starts, t.end)  # phrases starting before t ends; the nearest few may overlap it
            return any(phrases[j].end > t.start for j in range(max(0, i - 3), i))

        found = [t for t in found if not covered(t)] + phrases
    for m in list(_UNDER_CONTROL.finditer(folded)) + list(_IN_HANDS.finditer(folded)):  # "under SDF control", "in Kurdish hands"
        if m.start() and folded[m.start() - 1].isalpha():
            continue
        coming = _COMING_UNDER.search(folded, max(0, m.start() - 12), m.start())
        start = coming.start() if coming else m.start()
        found = [t for t in found if t.end <= start or t.start >= m.end()]
        kind = "captured" if coming else "holds"
        found.append(Trigger(start, m.end(), kind, "agent-inside", " ".join(folded[start:m.end()].split())))
    found.sort(key=lambda t: t.start)
    return found


def is_negated(folded_before: str, original_before: str) -> bool:
    """Negation in the few words before a trigger ("did not capture", "no longer holds")."""
    lex = lexicon()
    return bool(lex.negation.search(folded_before[-40:]) or _NT.search(original_before[-40:]))


def is_irrealis(folded_before: str) -> bool:
    """A plan, threat, attempt or condition rather than a fact ("attempt to capture", "would close")."""
    lex = lexicon()
    tail = folded_before[-50:]
    if lex.irrealis.search(tail):
        return True
    if _TO_END.search(tail) and not lex.realis_to.search(tail):
        return True
    return False
