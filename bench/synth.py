"""A synthetic store for benches: 10,000 articles / ~100,000 events made from the bundled reports.

The bundled reports' sentences that name a crossing and an action are templates: the
crossing names and faction names in them are swapped for others from the gazetteer
and the factions list, and dates are spread over 2013-2020. Each article is real-looking
text (template sentences plus the reports' other sentences as filler) and its events
index into that text exactly (`text[start:end] == sentence`).

    from bench.synth import build_store, write_article_files
    build_store(folder, articles=10_000)        # through Store.replace_articles (the ingest's storage path)
    write_article_files(folder, count=600)      # plain files for timing the real ingest
"""
from __future__ import annotations

import json
import random
import re
from datetime import date, timedelta
from functools import lru_cache
from pathlib import Path

from store import ids
from store.paths import bundled_articles, bundled_data

VERBS = {
    "captured": r"seized|captured|took control|taken control|retaken|retook|overran|fell to",
    "withdrew": r"withdrew|pulled out|abandoned|headed south|left their posts",
    "attacked": r"attack|assault|shelled|clashes",
    "holds": r"controls|still held|in control|holds|in the hands of",
    "reinforced": r"reinforcements|sent troops",
    "closed": r"closed|shut|sealed",
    "reopened": r"reopened|resumed",
}
SENTENCE = re.compile(r"[^.!?\n][^.!?\n]*[.!?]")
FRONT_MATTER = re.compile(r"\A---\n.*?\n---\n", re.S)


@lru_cache(maxsize=1)
def vocabulary() -> tuple[dict[str, list[str]], dict[str, list[str]]]:
    """Crossing id -> names, faction id -> aliases (three-letter-or-longer ones)."""
    gazetteer = json.loads((bundled_data() / "gazetteer.json").read_text(encoding="utf-8"))
    factions = json.loads((bundled_data() / "factions.json").read_text(encoding="utf-8"))
    crossings = {c["id"]: [n for post in c["posts"] for n in [post["name"], *post.get("names", [])]] for c in gazetteer["crossings"]}
    actors = {f["id"]: [a for a in f.get("aliases", []) if len(a) > 3] or [f["name"]] for f in factions["factions"]}
    return crossings, actors


def _alternation(names) -> re.Pattern:
    return re.compile("|".join(re.escape(n) for n in sorted(set(names), key=len, reverse=True)))


@lru_cache(maxsize=1)
def templates() -> tuple[list[tuple[str, str]], list[str]]:
    """(type, sentence with {crossing}/{actor} slots) from the reports, and the other sentences as filler."""
    crossings, actors = vocabulary()
    crossing_re = _alternation(n for names in crossings.values() for n in names)
    actor_re = _alternation(a for aliases in actors.values() for a in aliases)
    verb_res = {kind: re.compile(pattern, re.I) for kind, pattern in VERBS.items()}
    found, filler = [], []
    for path in sorted(bundled_articles().glob("*.txt")):
        body = FRONT_MATTER.sub("", path.read_text(encoding="utf-8"))
        for match in SENTENCE.finditer(body):
            sentence = " ".join(match.group().split())
            kind = next((k for k, r in verb_res.items() if r.search(sentence)), None)
            if kind and crossing_re.search(sentence):
                slotted = crossing_re.sub("{crossing}", sentence.replace("{", "(").replace("}", ")"), count=1)
                slotted = actor_re.sub("{actor}", slotted, count=1)
                found.append((kind, slotted))
            elif len(sentence) > 40:
                filler.append(sentence)
    return found, filler


def make_article(rng: random.Random, n: int, events_per_article: int = 10) -> tuple[dict, list[dict], str]:
    """(article metadata, raw events, text) for synthetic article number `n`."""
    crossings, actors = vocabulary()
    found, filler = templates()
    published = date(2013, 1, 1) + timedelta(days=rng.randrange(8 * 365))
    crossing = rng.choice(sorted(crossings))
    title = f"Fighting reported near the {rng.choice(crossings[crossing])} border crossing"
    parts, events, offset = [title, "\n\n"], [], len(title) + 2
    for i in range(events_per_article):
        if rng.random() < 0.6:
            filler_sentence = rng.choice(filler) + " "
            parts.append(filler_sentence)
            offset += len(filler_sentence)
        kind, template = rng.choice(found)
        where = crossing if rng.random() < 0.7 else rng.choice(sorted(crossings))
        actor = rng.choice(sorted(actors))
        crossing_text, actor_text = rng.choice(crossings[where]), rng.choice(actors[actor])
        sentence = template.replace("{crossing}", crossing_text).replace("{actor}", actor_text)
        when = published - timedelta(days=rng.choice((0, 0, 1, 2, 5)))
        events.append({
            "type": kind, "actor": actor, "actor_text": actor_text, "crossing": where, "side": rng.choice((None, None, "iq", "sy")),
            "crossing_text": crossing_text, "date": when.isoformat(), "date_text": None if when == published else "days earlier",
            "hedged": rng.random() < 0.2, "source": rng.choice((None, "officials", "a colonel", "residents")),
            "sentence": sentence, "start": offset, "end": offset + len(sentence),
        })
        parts.append(sentence + ("\n\n" if i % 3 == 2 else " "))
        offset += len(parts[-1])
    text = "".join(parts)
    text_hash = ids.content_hash(text)
    article_id = ids.article_id(text_hash)
    for event, event_id in zip(events, ids.event_ids(article_id, events)):
        event["id"] = event_id
    meta = {
        "id": article_id, "name": f"synthetic-{n:05d}.txt", "path": f"/synthetic/synthetic-{n:05d}.txt", "title": title,
        "source": rng.choice(("AFP", "Reuters", "The Peninsula", "Long War Journal", "Rudaw")), "published": published.isoformat(),
        "url": None, "hash": text_hash, "n_events": len(events), "ingested_at": None, "extractor": "synthetic",
    }
    return meta, events, text


def build_store(folder, articles: int = 10_000, seed: int = 7):
    """Create (or extend) the store at `folder` with synthetic articles; returns it open."""
    from store.db import Store

    rng = random.Random(seed)
    store = Store.open(folder)
    store.replace_articles([make_article(rng, n) for n in range(articles)])
    return store


def write_article_files(folder, count: int = 600, seed: int = 11) -> list[Path]:
    """Synthetic reports as files with front matter, for timing the real ingest path."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    rng, paths = random.Random(seed), []
    for n in range(count):
        meta, _, text = make_article(rng, n)
        path = folder / meta["name"]
        path.write_text(f"---\ntitle: {meta['title']}\nsource: {meta['source']}\npublished: {meta['published']}\n---\n{text}\n", encoding="utf-8")
        paths.append(path)
    return paths
