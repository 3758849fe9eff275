"""The extraction steps in order: front matter, cleaning, sentences, events."""
from __future__ import annotations

import bisect
import re

from store.extract.clean import clean_body
from store.extract.coref import UNNAMED
from store.extract.dates import find_dateline, parse_published
from store.extract.events import sentence_events
from store.extract.state import ArticleState
from store.extract.factions import find_actors
from store.extract.fold import fold
from store.extract.frontmatter import split_front_matter
from store.extract.gazetteer import find_crossings
from store.extract.sentences import split_sentences
from store.extract.triggers import find_triggers


MAX_EVENTS = 1000  # per article: real reports hold a few dozen; a giant or hostile text stops here (meta "capped")


def extract(raw: str, published=None) -> tuple[str, dict, list[dict], list[dict]]:
    fields, body = split_front_matter(raw or "")
    text = clean_body(body)
    day = parse_published(published) if published is not None else None
    if day is None:
        day = parse_published(fields.get("published"))
    if day is None and not fields.get("published"):
        day = find_dateline(text)
    meta = {
        "title": fields.get("title"),
        "source": fields.get("source"),
        "published": day.isoformat() if day else None,
        "url": fields.get("url"),
    }
    meta["inferred"] = infer_meta(text, meta, dated_by_file=bool(fields.get("published")) or published is not None)
    events, candidates = find_events(text, day)
    meta["capped"] = max(len(events), len(candidates)) >= MAX_EVENTS
    return text, meta, events, candidates


_WIRE = re.compile(r"\((Reuters|AFP|AP|Associated Press|Anadolu(?: Agency)?|Xinhua|UPI|dpa|IANS|Petra|SANA|IRNA|INA|KUNA)\)")
_HEADLINE = re.compile(r"[^\n]{8,160}")


def infer_meta(text: str, meta: dict, dated_by_file: bool) -> list[str]:
    """Title, outlet and date a file without front matter tells in its text: the first line as the
    headline, a wire's "(Reuters)" in the dateline as the source. Fills `meta` in place and returns the
    names of the fields it inferred (the dateline's date counts: it was read from the text)."""
    inferred = []
    if not meta.get("title"):
        first = _HEADLINE.match(text.lstrip())
        if first and not first.group().rstrip().endswith((".", ":", ";", ",")):
            meta["title"] = first.group().strip()
            inferred.append("title")
    if not meta.get("source"):
        wire = _WIRE.search(text, 0, 1500)
        if wire:
            meta["source"] = wire.group(1)
            inferred.append("source")
    if meta.get("published") and not dated_by_file:
        inferred.append("published")
    return inferred


_LINK = re.compile(r"(?:https?://|www\.)\S+")


def _outside(spans: list[tuple[int, int]], items: list) -> list:
    return [x for x in items if not any(a <= x.start < b for a, b in spans)]


def find_events(text: str, published=None) -> tuple[list[dict], list[dict]]:
    """Events and candidates of an already cleaned text, each in reading order."""
    folded = fold(text)
    mentions, towns = find_crossings(text, folded)
    triggers = find_triggers(folded, text)
    links = [(m.start(), m.end()) for m in _LINK.finditer(text)]
    if links:  # "https://.../jordan-closes-jaber-border-crossing": an address, not a sentence
        mentions, towns, triggers = (_outside(links, items) for items in (mentions, towns, triggers))
    if not triggers:
        return [], []
    actors = find_actors(text, folded)
    state = ArticleState(text, folded, published, mentions, towns, actors, triggers)
    references = sorted([m.start for m in mentions] + [t.start for t in towns] + [a for a, _ in state.anaphors]
                        + [p for p, _ in state.pairs] + [c for c, _, _ in state.counts])
    trigger_starts = [t.start for t in triggers]
    follows_reference = False
    single = state.only_crossing is not None

    def has(starts: list[int], start: int, end: int) -> bool:
        i = bisect.bisect_left(starts, start)
        return i < len(starts) and starts[i] < end

    def worth_splitting(start: int, end: int) -> bool:
        """A segment can hold an event only if it refers to a crossing (or follows one that did)."""
        nonlocal follows_reference
        referring = has(references, start, end) or (start == 0 and ("crossing" in folded[:end] or "border post" in folded[:end])) \
            or bool(UNNAMED.search(folded, start, end))  # "closed its border with Iraq": resolved later, if at all
        keep = referring or (follows_reference and has(trigger_starts, start, end)) or (
            single and has(state.its, start, end) and has(trigger_starts, start, end))  # "it was captured" in a one-crossing article
        follows_reference = referring
        if not keep:
            state.sentence_index += 2  # roughly the sentences skipped, so old topics still age
        return keep

    events: list[dict] = []
    candidates: list[dict] = []
    for s, e in split_sentences(text, keep=worth_splitting):
        found, unsure = sentence_events(state, s, e)
        events.extend(found)
        candidates.extend(unsure)
        if len(events) >= MAX_EVENTS or len(candidates) >= MAX_EVENTS:
            del events[MAX_EVENTS:], candidates[MAX_EVENTS:]
            break
    return events, candidates
