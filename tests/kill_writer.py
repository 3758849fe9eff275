"""A writer for the kill loops (`test_kill_loop.py`): run as a child process, killed at random.

`python tests/kill_writer.py MODE STORE WORK` opens the store and writes in a loop until
killed. It prints `W` just before each corpus write (`Store.replace_articles`) starts and
`D` when it returned, so the parent can aim its SIGKILL inside the write; in `notes` mode
it prints `A <kind> <event> <value>` once a note or decision is saved (acknowledged).

Modes: `new` ingests new reports each round; `changed` rewrites the same reports with a
preamble of another length (every event's offsets move) and ingests them again; `reread`
stores the articles as an older extractor's, with an advert line the cleaner now drops
(so the re-read text is shorter and the offsets move), then re-reads them; `notes` saves
notes and decisions.
"""
from __future__ import annotations

import os
import random
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from store.db import Store  # noqa: E402
from store.db.records import raw_fields  # noqa: E402

ARTICLES = sorted((REPO / "data" / "articles").glob("*.txt"))
ADVERT = "Advertisement\n\n"  # dropped by the cleaner: a re-read text is this much shorter
traced = False


def say(line: str) -> None:
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


def trace_writes() -> None:
    """Print W before and D after every corpus write made while `traced` is set."""
    write = Store.replace_articles

    def replace_articles(self, updates):
        if traced and updates:
            say("W")
        write(self, updates)
        if traced and updates:
            say("D")

    Store.replace_articles = replace_articles


def report(base: Path, token: str, pad: int) -> str:
    """A bundled report with a preamble sentence `pad` words long after its front matter."""
    _, front, body = base.read_text(encoding="utf-8").split("---\n", 2)
    words = " ".join(["word"] * pad)
    return f"---\n{front}---\nDispatch {token} {words}.\n\n{body}"


def write_reports(folder: Path, count: int, token: str, rng: random.Random) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(count):
        text = report(ARTICLES[i % len(ARTICLES)], f"{token}-{i}", rng.randint(0, 40))
        (folder / f"r{i:03d}.txt").write_text(text, encoding="utf-8")


def run_new(store, work: Path, rng: random.Random) -> None:
    while True:
        token = f"{os.getpid()}-{rng.random():.12f}"
        folder = work / "new" / token
        write_reports(folder, 16, token, rng)
        store.ingest([folder])


def run_changed(store, work: Path, rng: random.Random) -> None:
    while True:
        write_reports(work / "changed", 32, "changed", rng)
        store.ingest([work / "changed"])


def make_stale(store) -> None:
    """Every article as an older extractor left it: the advert kept in its text, offsets after it."""
    global traced
    traced = False
    updates = []
    for article in store.articles():
        text = store.article_text(article["id"])
        if text.startswith(ADVERT):
            continue
        events = [{**raw_fields(e), "start": e["start"] + len(ADVERT), "end": e["end"] + len(ADVERT)}
                  for e in store.events() if e["article_id"] == article["id"]]
        meta = {k: v for k, v in article.items() if k != "text"}
        updates.append(({**meta, "extractor": "1.0"}, events, ADVERT + text))
    store.replace_articles(updates)
    traced = True


def run_reread(store, work: Path, rng: random.Random) -> None:
    from store.reread import reread_stale

    while True:
        make_stale(store)
        reread_stale(store, workers=1, commit_every=rng.randint(4, 40))


def run_notes(store, work: Path, rng: random.Random) -> None:
    ids = [e["id"] for e in store.events()]
    i = 0
    while True:
        event_id = rng.choice(ids)
        if i % 2:
            decision = rng.choice(["accepted", "rejected"])
            store.decide(event_id, decision)
            say(f"A decision {event_id} {decision}")
        else:
            value = f"note-{os.getpid()}-{i}"
            store.save_note(event_id, value)
            say(f"A note {event_id} {value}")
        i += 1


def main(mode: str, folder: str, work: str) -> None:
    global traced
    trace_writes()
    traced = True
    rng = random.Random(os.getpid())
    store = Store.open(folder)
    assert not store.readonly, store.readonly_reason
    say("ready")
    {"new": run_new, "changed": run_changed, "reread": run_reread, "notes": run_notes}[mode](store, Path(work), rng)


if __name__ == "__main__":
    main(*sys.argv[1:4])
