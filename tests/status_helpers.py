"""Small hand-written reports for the status rule tests."""
from __future__ import annotations

import itertools

POSTS = {"al-waleed": ("iq", "sy"), "trebil": ("iq", "jo"), "rabia": ("iq", "sy")}
_ids = itertools.count(1)


def article(aid: str, outlet: str, published: str | None, text: str = "") -> dict:
    return {"id": aid, "source": outlet, "published": published, "text": text or f"An unrelated report number {aid} {outlet}."}


def event(type_, actor, crossing="al-waleed", side=None, date=None, art=None, speaker=None, **extra) -> dict:
    art = art or article("a1", "Outlet One", "2014-06-24")
    ev = {
        "id": extra.pop("id", f"e{next(_ids):03d}"),
        "type": type_, "actor": actor, "crossing": crossing, "side": side, "date": date,
        "article_id": art["id"], "published": art["published"], "outlet": art["source"],
        "source": speaker, "hedged": False, "decision": None, "sentence": f"{actor} {type_} {crossing}.",
    }
    ev.update(extra)
    return ev


def table(status: dict) -> dict:
    return {(p["crossing"], p["side"]): p for p in status["posts"]}


def write_reports(folder, reports: dict) -> list:
    """Report files in `folder` from {name: (published, text)}, with front matter; their paths."""
    paths = []
    for name, (published, text) in reports.items():
        path = folder / name
        path.write_text(f"---\ntitle: {name}\nsource: {name}\npublished: {published}\n---\n{text}\n", encoding="utf-8")
        paths.append(path)
    return paths

