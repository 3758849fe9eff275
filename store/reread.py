"""Re-read stored reports with the current extractor, from the texts the store already holds.

After an upgrade the original files may be gone, but the store keeps every article's
cleaned text. Re-reading it gives the events re-ingesting the file would give: the
text is handed over behind a front-matter block carrying the article's stored
publication date, so relative dates resolve against the same day and no dateline is
guessed where the first read found none (`tests/test_reread_store.py` checks this on
the bundled reports). Articles are written through `Store.replace_articles`, as
ingest writes them: only touched shards are rewritten, each atomically, and the
journal is never touched, so notes and decisions stay on events that still exist and
are kept as orphans where an event vanished. Article metadata stays as it was; only
the events, the text's cleaning and `extractor` change.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from .db.errors import StoreLocked
from .extract import EXTRACTOR_VERSION
from .ingest import _extract_all, event_records

COMMIT_EVERY = 500  # articles per write: quitting part way keeps what was written; the rest stay stale
OLD_MARKS = frozenset({"schema-0"})  # migrated from the first schema: read before versions were recorded
_VERSION = re.compile(r"^\d+(?:\.\d+)*$")


def _version(value: str) -> tuple[int, ...]:
    return tuple(int(part) for part in value.split("."))


def is_stale(article: dict, current: str | None = None) -> bool:
    """Read by an older extractor than `current` (default: this one).

    No version or a migrated store's mark counts as older; a mark that is no version
    (hand-made or synthetic test stores) is left alone, and so is a newer version.
    """
    current = current or EXTRACTOR_VERSION
    read_by = article.get("extractor")
    if read_by is None or read_by in OLD_MARKS:
        return True
    if not isinstance(read_by, str) or not _VERSION.match(read_by):
        return False
    return _version(read_by) < _version(current)


def stale_articles(store, repair: bool = False) -> list[dict]:
    """The articles an older extractor read, in shard order (texts load a shard at a time).

    With `repair`, also those whose events are off their stored text (an update an older
    version had cut short: `Store.torn_articles`, which reads every text).
    """
    torn = set(store.torn_articles()) if repair else set()
    return sorted((a for a in store.articles() if is_stale(a) or a["id"] in torn), key=lambda a: a["id"])


def reread_input(published: str | None, text: str) -> str:
    """What the extractor reads: the stored date as front matter, then the stored text.

    A missing date is written as one that does not parse, so the extractor keeps the
    date unknown instead of taking a dateline the first read did not take.
    """
    return f"---\npublished: {published or 'unknown'}\n---\n{text}"


@dataclass
class RereadJob:
    article: dict
    text: str

    @property
    def name(self) -> str:
        return self.article.get("name") or self.article["id"]


@dataclass
class RereadSummary:
    reread: list[str] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)
    added: int = 0
    removed: int = 0
    notes_kept: int = 0
    decisions_kept: int = 0
    orphaned: int = 0
    left: int = 0  # stale articles not reached (stopped part way)
    repaired: list[str] = field(default_factory=list)  # re-read because their events were off their text
    version: str = EXTRACTOR_VERSION

    def lines(self) -> list[str]:
        first = (
            f"re-read {len(self.reread)} reports with extractor {self.version}: +{self.added} events, "
            f"-{self.removed} events; notes kept: {self.notes_kept}, orphaned: {self.orphaned}"
        )
        out = [first]
        if self.repaired:
            out.append(f"{len(self.repaired)} of them re-read because their events were off their stored text "
                       f"(an update cut short): {', '.join(self.repaired[:3])}{' …' if len(self.repaired) > 3 else ''}")
        if self.left:
            out.append(f"{self.left} reports not re-read yet (stopped); the next re-read finishes them")
        out += [f"not re-read {name}: {reason}" for name, reason in self.failed]
        return out


def _jobs(store, articles: list[dict], summary: RereadSummary) -> list[RereadJob]:
    jobs = []
    for article in articles:
        meta = {key: value for key, value in article.items() if key != "text"}
        try:
            text = store.article_text(article["id"])
        except Exception as err:  # a broken texts shard: say so, re-read the rest
            summary.failed.append((meta.get("name") or meta["id"], f"stored text unreadable: {type(err).__name__}: {err}"))
            continue
        jobs.append(RereadJob(meta, reread_input(meta.get("published"), text)))
    return jobs


def _overlay_ids(store, articles: list[dict]) -> tuple[dict[str, set[str]], set[str], set[str]]:
    """Event ids per article, and those with a note and with a decision or correction, before the re-read."""
    wanted = {a["id"] for a in articles}
    by_article: dict[str, set[str]] = {aid: set() for aid in wanted}
    noted, decided = set(), set()
    for event in store.events():
        if event["article_id"] in wanted:
            by_article[event["article_id"]].add(event["id"])
            if event.get("note"):
                noted.add(event["id"])
            if event.get("decision") or event.get("corrected"):
                decided.add(event["id"])
    return by_article, noted, decided


def reread_stale(store, progress=None, workers: int | None = None, stop=None, commit_every: int = COMMIT_EVERY,
                 repair: bool = False) -> RereadSummary:
    """Re-extract every stale article from its stored text; `progress(done, total, name)` as it goes.

    `stop()` returning True ends it early: what was extracted is written, the rest stays
    stale (`summary.left`). A failed extraction or unreadable text is reported and the
    article left as it was; the others go in. `repair` re-reads the articles whose events
    are off their text too (`stale_articles`).
    """
    if store.readonly:
        raise StoreLocked(f"cannot re-read: {store.folder} is read-only ({store.readonly_reason})")
    summary = RereadSummary()
    articles = stale_articles(store, repair=repair)
    summary.repaired = [a.get("name") or a["id"] for a in articles if not is_stale(a)]
    if repair:  # a shard that does not read cannot be checked: say so once per shard
        summary.failed += store.unreadable_texts()
    if not articles:
        return summary
    old_ids, noted, decided = _overlay_ids(store, articles)
    orphans_before = len(store.orphaned_notes())
    jobs = _jobs(store, articles, summary)
    store.wait_ready()  # workers are forked on Linux: let the store's index thread finish first
    new_ids: dict[str, set[str]] = {}
    pending: list = []
    reached = 0
    for job, result in zip(jobs, _extract_all(jobs, progress, workers, stop)):
        reached += 1
        if isinstance(result, str):
            summary.failed.append((job.name, result))
            continue
        if not result.text.strip():
            summary.failed.append((job.name, "no article text left once cleaned; kept as it was"))
            continue
        events = event_records(job.article["id"], result)
        meta = {**job.article, "n_events": len(events), "extractor": EXTRACTOR_VERSION}
        pending.append((job.article, (meta, events, result.text)))
        if len(pending) >= commit_every:
            _commit(store, pending, summary, new_ids)
            pending = []
    _commit(store, pending, summary, new_ids)
    summary.left = len(jobs) - reached
    for article_id, ids in new_ids.items():
        before = old_ids.get(article_id, set())
        summary.added += len(ids - before)
        summary.removed += len(before - ids)
        summary.notes_kept += len(ids & noted)
        summary.decisions_kept += len(ids & decided)
    summary.orphaned = max(0, len(store.orphaned_notes()) - orphans_before)
    return summary


def _commit(store, pending: list, summary: RereadSummary, new_ids: dict[str, set[str]]) -> None:
    """Write one batch (a StoreError leaves its shards as they were, and is raised).

    An article an ingest changed meanwhile (the browser can add reports during a
    re-read) is left to that ingest, not overwritten with the older text's events.
    """
    if not pending:
        return
    now = {a["id"]: a for a in store.articles()}
    updates = []
    for read, update in pending:
        current = now.get(read["id"])
        if current is None or any(current.get(k) != read.get(k) for k in ("hash", "ingested_at", "extractor")):
            summary.failed.append((read.get("name") or read["id"], "changed by an ingest meanwhile; its new events are kept"))
            continue
        updates.append(update)
    store.replace_articles(updates)
    for meta, events, _ in updates:
        summary.reread.append(meta.get("name") or meta["id"])
        new_ids[meta["id"]] = {event["id"] for event in events}
