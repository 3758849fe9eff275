"""Store bench: the Crosswatch store beside plain TinyDB defaults, at 10,000 articles / ~100,000 events.

    .venv/bin/python bench/store.py            # about two minutes on 2 cores
    .venv/bin/python bench/store.py --articles 2000 --ingest 200   # a quick look

Builds the synthetic store (bench/synth.py), then measures each side in fresh processes
so that memory and open times are not flattered by a warm interpreter: open, one note
save, filters by crossing, faction and free text, ingest rate and peak memory. The
TinyDB baseline is one JSON file with TinyDB's default storage holding the same events.
"""
from __future__ import annotations

import argparse
import json
import os
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

TARGETS = {"open_s": 0.8, "note_save_ms": 10, "filter_crossing_ms": 30, "filter_faction_ms": 30,
           "filter_text_ms": 30, "ingest_articles_per_s": 200, "peak_mb": 400}
CROSSING, FACTION, TEXT = "rabia", "pmf", "border guards"
COMMON, TYPED = "the", "islamic state"  # a word in nearly every sentence; a search typed key by key


def peak_mb() -> float:
    """This process's peak resident memory. Linux keeps ru_maxrss across exec (a child would
    report its parent's peak), so the kernel's VmHWM for this process comes first."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def median_ms(action, runs: int) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        action()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


# -- measurements, each run in its own process ---------------------------------------------------


def measure_store(folder: str) -> dict:
    from store.db import Store
    from store.filters import EventFilter

    started = time.perf_counter()
    st = Store.open(folder)
    events = st.events()
    opened = time.perf_counter() - started
    first_text = median_ms(lambda: st.events(EventFilter(text=TEXT)), 1)  # before the index thread is done
    st.wait_ready()
    ids = [e["id"] for e in events[:: max(1, len(events) // 50)]]
    forget = st._index.forget_searches  # typing reuses the last search; these time each search from scratch

    def fresh(text):
        forget()
        st.events(EventFilter(text=text))

    def typing():
        forget()
        keys = []
        for k in range(1, len(TYPED) + 1):
            started = time.perf_counter()
            st.events(EventFilter(text=TYPED[:k]))
            keys.append((time.perf_counter() - started) * 1000)
        return keys

    typed = [typing() for _ in range(5)]
    saves = iter(range(10**6))
    out = {
        "open_s": opened, "events": len(events),
        "first_text_filter_ms": first_text,
        "filter_crossing_ms": median_ms(lambda: st.events(EventFilter(crossings={CROSSING})), 7),
        "filter_faction_ms": median_ms(lambda: st.events(EventFilter(factions={FACTION})), 7),
        "filter_text_ms": median_ms(lambda: fresh(TEXT), 7),
        "filter_common_ms": median_ms(lambda: fresh(COMMON), 7),
        "typing_key_ms": statistics.median(ms for keys in typed for ms in keys),
        "typing_max_ms": statistics.median(max(keys) for keys in typed),
        "note_save_ms": median_ms(lambda: st.save_note(ids[next(saves) % len(ids)], f"bench note {time.time()}"), 50),
    }
    st.close()
    out["peak_mb"] = peak_mb()
    return out


def measure_tinydb(path: str) -> dict:
    from tinydb import Query, TinyDB

    started = time.perf_counter()
    db = TinyDB(path)
    count = len(db)
    opened = time.perf_counter() - started
    event = Query()
    pattern = re.escape(TEXT)

    def search(query):
        db.clear_cache()  # TinyDB caches query results; a new filter would not be cached
        return db.search(query)

    out = {
        "open_s": opened, "events": count,
        "filter_crossing_ms": median_ms(lambda: search(event.crossing == CROSSING), 3),
        "filter_faction_ms": median_ms(lambda: search(event.actor == FACTION), 3),
        "filter_text_ms": median_ms(lambda: search(event.sentence.search(pattern, flags=re.IGNORECASE)), 3),
        "note_save_ms": median_ms(lambda: db.update({"note": f"bench note {time.time()}"}, doc_ids=[1]), 3),
    }
    db.close()
    out["peak_mb"] = peak_mb()
    return out


def ingest_store(files: str, folder: str) -> dict:
    """The real ingest path; and, for scale, the extractor alone on one core on the same files."""
    from store.db import Store
    from store.extract import extract_article
    from store.reader import read_article_text

    paths = sorted(Path(files).iterdir())
    st = Store.open(folder)
    started = time.perf_counter()
    summary = st.ingest(paths)
    took = time.perf_counter() - started
    st.close()
    started = time.perf_counter()
    for p in paths:
        extract_article(read_article_text(p))
    alone = time.perf_counter() - started
    return {"ingest_articles_per_s": len(summary.ingested) / took, "ingested": len(summary.ingested), "events": summary.events,
            "extractor_alone_articles_per_s": len(paths) / alone}


def ingest_tinydb(files: str, path: str) -> dict:
    """The naive way: read, extract, then one TinyDB insert per article (each rewrites the file)."""
    from tinydb import TinyDB

    from store.extract import extract_article
    from store.reader import read_article_text

    paths = sorted(Path(files).iterdir())
    db = TinyDB(path)
    started = time.perf_counter()
    for p in paths:
        extraction = extract_article(read_article_text(p))
        db.insert_multiple([{**e, "article": str(p)} for e in extraction.events] or [{"article": str(p)}])
    took = time.perf_counter() - started
    db.close()
    return {"ingest_articles_per_s": len(paths) / took, "ingested": len(paths)}


MEASURES = {"store": measure_store, "tinydb": measure_tinydb, "ingest-store": ingest_store, "ingest-tinydb": ingest_tinydb}


def in_child(kind: str, *args: str) -> dict:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    done = subprocess.run([sys.executable, __file__, "--measure", kind, *args], capture_output=True, text=True, env=env, check=False)
    if done.returncode:
        raise SystemExit(f"bench child {kind} failed:\n{done.stderr}")
    return json.loads(done.stdout.splitlines()[-1])


# -- the run ----------------------------------------------------------------------------------------------


def build(work: Path, articles: int, ingest_files: int) -> tuple[Path, Path, Path]:
    from bench.synth import build_store, write_article_files
    from store.db.records import raw_fields
    from tinydb import TinyDB

    folder = work / "crosswatch-store"
    started = time.perf_counter()
    st = build_store(folder, articles=articles)
    # the baseline holds what the store keeps on disk for each event, as flat TinyDB documents
    events = [{**raw_fields(e), "article_id": e["article_id"], "extractor": e["extractor"]} for e in st.events()]
    st.close()
    print(f"synthetic store: {articles} articles, {len(events)} events, built in {time.perf_counter() - started:.1f} s "
          f"({sum(p.stat().st_size for p in folder.rglob('*') if p.is_file()) / 1e6:.0f} MB on disk)")
    plain = work / "tinydb-defaults.json"
    db = TinyDB(plain)
    db.insert_multiple(events)
    db.close()
    print(f"TinyDB defaults: one file of {plain.stat().st_size / 1e6:.0f} MB")
    files = work / "ingest-files"
    write_article_files(files, count=ingest_files)
    return folder, plain, files


def row(name: str, ours, theirs, target, unit: str, better: str) -> str:
    ok = "" if target is None else ("ok" if (ours <= target if better == "lower" else ours >= target) else "MISSED")
    fmt = (lambda v: f"{v:.3f}") if unit == "s" else (lambda v: f"{v:.1f}")
    theirs_text = "-" if theirs is None else fmt(theirs)
    target_text = "" if target is None else f"{'<=' if better == 'lower' else '>='} {target:g}"
    return f"| {name} | {fmt(ours)} {unit} | {theirs_text} {unit if theirs is not None else ''} | {target_text} | {ok} |"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--ingest", type=int, default=600, help="synthetic files for the ingest rate")
    parser.add_argument("--runs", type=int, default=3, help="fresh-process opens to take the median of")
    parser.add_argument("--keep", metavar="DIR", help="build in DIR and keep it")
    parser.add_argument("--measure", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:
        print(json.dumps(MEASURES[args.measure[0]](*args.measure[1:])))
        return 0

    work = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="crosswatch-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    try:
        folder, plain, files = build(work, args.articles, args.ingest)
        from store.db.snapshot import snapshot_path, write_snapshot

        snapshot_path(folder).unlink(missing_ok=True)  # first from the shards alone, as after an ingest elsewhere
        ours = [in_child("store", str(folder)) for _ in range(args.runs)]
        write_snapshot(folder)  # then as every later open: from the snapshot `crosswatch ingest` or the browser leaves
        snapped = [in_child("store", str(folder)) for _ in range(args.runs)]
        theirs = [in_child("tinydb", str(plain)) for _ in range(args.runs)]

        def med(results, key):
            return statistics.median(r[key] for r in results)

        ingest_ours = in_child("ingest-store", str(files), str(work / "ingest-store"))
        ingest_theirs = in_child("ingest-tinydb", str(files), str(work / "ingest-tinydb.json"))
        load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
        print(f"\n{ours[0]['events']} events; medians of {args.runs} fresh processes; {os.cpu_count()} cores; "
              f"load average {load:.1f} (other work on the machine slows every figure)\n")
        print("| measure | Crosswatch store | TinyDB defaults | target | |")
        print("|---|---|---|---|---|")
        print(row("open (to the sorted event list)", med(ours, "open_s"), med(theirs, "open_s"), TARGETS["open_s"], "s", "lower"))
        print(row("  the same from its snapshot (every later open)", med(snapped, "open_s"), None, TARGETS["open_s"], "s", "lower"))
        print(row("one note save (durable)", med(ours, "note_save_ms"), med(theirs, "note_save_ms"), TARGETS["note_save_ms"], "ms", "lower"))
        for key, label in (("filter_crossing_ms", f"filter by crossing ({CROSSING})"), ("filter_faction_ms", f"filter by faction ({FACTION})"),
                           ("filter_text_ms", f"filter by free text ('{TEXT}')")):
            print(row(label, med(ours, key), med(theirs, key), TARGETS[key], "ms", "lower"))
        print(row(f"  a word in nearly every sentence ('{COMMON}')", med(ours, "filter_common_ms"), None, None, "ms", "lower"))
        print(row(f"  typing '{TYPED}': median key", med(ours, "typing_key_ms"), None, None, "ms", "lower"))
        print(row(f"  typing '{TYPED}': slowest key (the first)", med(ours, "typing_max_ms"), None, None, "ms", "lower"))
        print(row("  free text right after open (index still building)", med(ours, "first_text_filter_ms"), None, None, "ms", "lower"))
        print(row(f"ingest ({args.ingest} files, real extractor)", ingest_ours["ingest_articles_per_s"], ingest_theirs["ingest_articles_per_s"],
                  TARGETS["ingest_articles_per_s"], "articles/s", "higher"))
        print(row("  the extractor alone, one core, same files", ingest_ours["extractor_alone_articles_per_s"], None, None, "articles/s", "higher"))
        print(row("peak memory (open, filters, saves)", med(ours, "peak_mb"), med(theirs, "peak_mb"), TARGETS["peak_mb"], "MB", "lower"))
        print(row("  the same, opened from its snapshot", med(snapped, "peak_mb"), None, TARGETS["peak_mb"], "MB", "lower"))
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
