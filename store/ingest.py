"""Ingest: read files, extract events (in parallel for big batches), store them, say what happened.

Extraction is pure, so it runs in worker processes; reading, de-duplication and
storing stay in this process, which holds the store's lock.
"""
from __future__ import annotations

import os
import threading
import time
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

from . import ids
from .extract import EXTRACTOR_VERSION, extract_article
from .ingest_files import expand_paths, resolved
from .reader import UnreadableFile, read_article_text

PARALLEL_MIN = 64  # below this many files a process pool costs more than it saves
COMMIT_EVERY = 2000  # articles stored per commit, so a crash loses at most one batch
CHUNK_MAX = 100  # articles a worker takes at once: a stop waits for one chunk per worker at most
EVENT_KEYS = ("type", "actor", "actor_text", "crossing", "side", "crossing_text", "date", "date_text", "hedged", "source", "sentence", "start", "end")


@dataclass
class IngestSummary:
    ingested: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)
    events: int = 0
    candidates: int = 0
    orphaned: int = 0

    def lines(self) -> list[str]:
        out = [
            f"{len(self.ingested)} ingested, {len(self.updated)} updated, {len(self.skipped)} skipped; "
            f"{self.events} events stored"
            + (f" and {self.candidates} candidate{'s' * (self.candidates != 1)} for review" if self.candidates else "")
            + (f"; {self.orphaned} notes orphaned (kept, shown as orphaned)" if self.orphaned else "")
        ]
        out += [f"skipped {path}: {reason}" for path, reason in self.skipped]
        return out


@dataclass
class Job:
    path: Path
    key: str
    text: str
    text_hash: str
    existing: dict | None

    @property
    def name(self) -> str:
        return self.path.name


def watch_parent(parent: int) -> None:
    """Runs in each worker: end when the ingest that started it is gone (killed, say), instead
    of waiting forever on a queue that its fellow workers keep open."""

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(0.5)
        os._exit(1)

    threading.Thread(target=watch, name="crosswatch-parent-watch", daemon=True).start()


def extract_job(text: str):
    """Runs in a worker: the extraction, or the one-line reason it failed."""
    try:
        return extract_article(text)
    except Exception as err:  # an extractor bug must not sink the batch
        return f"extraction failed: {type(err).__name__}: {err}"


def _read_jobs(store, files: list[Path], summary: IngestSummary) -> list[Job]:
    jobs: list[Job] = []
    batch_hashes: dict[str, str] = {}
    by_hash = {a.get("hash"): a for a in store.articles()}
    by_path = {a.get("path"): a for a in store.articles()}
    for path in files:
        key = str(resolved(path))
        try:
            text = read_article_text(path)
        except UnreadableFile as err:
            summary.skipped.append((str(path), str(err)))
            continue
        text_hash = ids.content_hash(text)
        same = by_hash.get(text_hash)
        if same is not None and same.get("path") == key and same.get("extractor") != EXTRACTOR_VERSION:
            # an improved extractor re-reads the same text; stable ids keep notes and decisions attached
            jobs.append(Job(path, key, text, text_hash, same))
        elif same is not None:
            reason = "unchanged since last ingest" if same.get("path") == key else f"same text as {same.get('name')}"
            summary.skipped.append((str(path), reason))
        elif text_hash in batch_hashes:
            summary.skipped.append((str(path), f"same text as {batch_hashes[text_hash]}"))
        else:
            batch_hashes[text_hash] = path.name
            jobs.append(Job(path, key, text, text_hash, by_path.get(key)))
    return jobs


def _extract_all(jobs: list, progress, workers: int | None, stop=None):
    """Each job's extraction (or the reason it failed), in order; `jobs` have `text` and `name`.

    `stop()` returning True ends it early: queued work is cancelled, what was extracted is yielded.
    """
    texts = [job.text for job in jobs]
    workers = workers if workers is not None else (os.cpu_count() or 1)
    if len(jobs) >= PARALLEL_MIN and workers > 1:
        done = 0
        try:
            with ProcessPoolExecutor(max_workers=workers, initializer=watch_parent, initargs=(os.getpid(),)) as pool:
                results = pool.map(extract_job, texts, chunksize=max(1, min(CHUNK_MAX, len(texts) // (workers * 8))))
                for done, result in enumerate(results, 1):
                    progress and progress(done, len(jobs), jobs[done - 1].name)
                    yield result
                    if stop is not None and stop():
                        pool.shutdown(wait=False, cancel_futures=True)
                        return
        except BrokenProcessPool:  # a worker was killed (out of memory?): the rest are reported, not lost silently
            for _ in range(done, len(jobs)):
                yield "not extracted: an extraction worker died (out of memory?); ingest it again"
    else:
        for i, text in enumerate(texts, 1):
            if stop is not None and stop():
                return
            result = extract_job(text)
            progress and progress(i, len(jobs), jobs[i - 1].name)
            yield result


def _article_id(known: dict[str, dict], job: Job) -> str:
    if job.existing:
        return job.existing["id"]
    candidate = ids.article_id(job.text_hash)
    taken = known.get(candidate)
    if taken is not None and taken.get("path") != job.key:
        # that id belongs to an article whose text has since changed; stay unique
        candidate = ids.article_id(ids.content_hash(job.text_hash + job.key))
    return candidate


def event_records(article_id: str, extraction) -> list[dict]:
    """The extraction's events, then its candidates (marked: store.counted), as the store keeps them.

    One id sequence over both, so a candidate never takes an event's id, and an event keeps
    its id when a candidate of the same sentence comes or goes (events are numbered first).
    """
    events = [{key: event.get(key) for key in EVENT_KEYS} for event in extraction.events]
    for candidate in getattr(extraction, "candidates", None) or ():
        events.append({**{key: candidate.get(key) for key in EVENT_KEYS}, "candidate": True,
                       "missing": list(candidate.get("missing") or ()), "confidence": candidate.get("confidence")})
    for event, event_id in zip(events, ids.event_ids(article_id, events)):
        event["id"] = event_id
    return events


def confident(events: list[dict]) -> int:
    """How many of an article's stored events are not candidates (`n_events` counts both, as its list shows them)."""
    return sum(1 for event in events if not event.get("candidate"))


def _update(known: dict[str, dict], job: Job, extraction, now: str):
    article_id = _article_id(known, job)
    events = event_records(article_id, extraction)
    meta = extraction.meta or {}
    published = meta.get("published")
    article = {
        "id": article_id, "name": job.path.name, "path": job.key, "title": meta.get("title"),
        "source": meta.get("source"), "published": published.isoformat() if hasattr(published, "isoformat") else published,
        "url": meta.get("url"), "hash": job.text_hash, "n_events": len(events), "ingested_at": now,
        "extractor": EXTRACTOR_VERSION, "inferred": list(meta.get("inferred") or []) or None,
    }
    return article, events, extraction.text


def ingest_paths(store, paths, progress=None, workers: int | None = None) -> IngestSummary:
    """`progress(done, total, name)` is called as files are extracted."""
    files, missing = expand_paths([paths] if isinstance(paths, (str, os.PathLike)) else paths)
    own = resolved(Path(store.folder))
    files = [path for path in files if own not in resolved(path).parents]  # the store's own files are not reports
    summary = IngestSummary(skipped=[(name, why) for name, why in missing if own not in resolved(Path(name)).parents])
    jobs = _read_jobs(store, files, summary)
    orphans_before = len(store.orphaned_notes())
    store.wait_ready()  # workers are forked on Linux: let the store's index thread finish first
    now = datetime.now(timezone.utc).isoformat(timespec="seconds").replace("+00:00", "Z")
    known = {article["id"]: article for article in store.articles()}
    pending = []
    for job, result in zip(jobs, _extract_all(jobs, progress, workers)):
        if isinstance(result, str):
            summary.skipped.append((str(job.path), result))
            continue
        if not result.text.strip():
            summary.skipped.append((str(job.path), "no article text left once navigation, comments and appeals were cut"))
            continue
        pending.append(_update(known, job, result, now))
        (summary.updated if job.existing else summary.ingested).append(str(job.path))
        summary.events += confident(pending[-1][1])
        summary.candidates += len(pending[-1][1]) - confident(pending[-1][1])
        if len(pending) >= COMMIT_EVERY:
            store.replace_articles(pending)
            pending = []
    store.replace_articles(pending)
    summary.orphaned = max(0, len(store.orphaned_notes()) - orphans_before)
    return summary
