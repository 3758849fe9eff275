#!/usr/bin/env python3
# Copy of ../shared/tools/score.py so the tests can score without the shared folder.
"""Score extracted crossing events against a gold file.

    python score.py GOLD.json EVENTS.jsonl [-v] [--json]

EVENTS.jsonl is what `crosswatch extract ... --format jsonl` prints. Its `article`
field is matched to the gold `file` by file name. An extracted event matches a gold
event when type, crossing and actor agree (the gold lists the acceptable actors) and
the gold snippet lies inside the extracted sentence (white space folded).

Gold events marked `optional` are neither owed nor held against the extractor.
Gold events marked `hard` need coreference or inference; recall is shown with and
without them. Date accuracy is counted over matched gold events that carry a date
or a date range; `holds` events may carry the publication date where gold has none.
"""
import argparse
import json
import os
import sys


def fold(text):
    return " ".join((text or "").replace("\u00a0", " ").split())


def load_events(path):
    by_file = {}
    with open(path, encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            line = line.strip()
            if not line:
                continue
            try:
                ev = json.loads(line)
            except json.JSONDecodeError as err:
                sys.exit(f"{path}:{n}: not JSON: {err}")
            by_file.setdefault(os.path.basename(str(ev.get("article", ""))), []).append(ev)
    return by_file


def matches(gold, ev):
    return (ev.get("type") == gold["type"]
            and ev.get("crossing") == gold["crossing"]
            and ev.get("actor") in gold["actors"]
            and fold(gold["snippet"]) in fold(ev.get("sentence")))


def date_ok(gold, ev):
    got = ev.get("date")
    if gold.get("date"):
        return got == gold["date"]
    lo_hi = gold.get("date_range")
    if lo_hi:
        return got is None or lo_hi[0] <= str(got) <= lo_hi[1]
    return None


def score(gold_doc, by_file):
    tally = dict(extracted=0, false_pos=0, owed=0, owed_easy=0, found=0, found_easy=0,
                 dated=0, dated_ok=0, spurious_dates=0, sided=0, sided_ok=0)
    misses, extras = [], []
    for art in gold_doc["articles"]:
        evs = list(by_file.get(art["file"], []))
        tally["extracted"] += len(evs)
        used = set()
        # Owed events first, so an optional twin cannot take their match.
        order = sorted(art["events"], key=lambda g: g.get("optional", False))
        for g in order:
            hit = next((i for i, ev in enumerate(evs) if i not in used and matches(g, ev)), None)
            if g.get("optional"):
                if hit is not None:
                    used.add(hit)
                continue
            tally["owed"] += 1
            tally["owed_easy"] += not g.get("hard")
            if hit is None:
                misses.append((art["file"], g))
                continue
            used.add(hit)
            ev = evs[hit]
            tally["found"] += 1
            tally["found_easy"] += not g.get("hard")
            ok = date_ok(g, ev)
            if ok is not None:
                tally["dated"] += 1
                tally["dated_ok"] += ok
            elif ev.get("date") and g["type"] != "holds" and ev.get("date") != art.get("published"):
                tally["spurious_dates"] += 1
            if g.get("side"):
                tally["sided"] += 1
                tally["sided_ok"] += ev.get("side") == g["side"]
        for i, ev in enumerate(evs):
            if i not in used:
                tally["false_pos"] += 1
                extras.append((art["file"], ev))
    t = tally
    ratio = lambda a, b: (a / b) if b else 0.0
    t["precision"] = ratio(t["extracted"] - t["false_pos"], t["extracted"])
    t["recall"] = ratio(t["found"], t["owed"])
    t["recall_easy"] = ratio(t["found_easy"], t["owed_easy"])
    p, r = t["precision"], t["recall"]
    t["f1"] = ratio(2 * p * r, p + r)
    t["date_accuracy"] = ratio(t["dated_ok"], t["dated"])
    t["side_accuracy"] = ratio(t["sided_ok"], t["sided"])
    return t, misses, extras


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("gold")
    ap.add_argument("events")
    ap.add_argument("-v", "--verbose", action="store_true", help="list misses and false positives")
    ap.add_argument("--json", action="store_true", help="print the tally as JSON")
    args = ap.parse_args()
    with open(args.gold, encoding="utf-8") as fh:
        gold_doc = json.load(fh)
    t, misses, extras = score(gold_doc, load_events(args.events))
    if args.verbose:
        for f, g in misses:
            print(f"MISS {f}: {g['type']} {g['crossing']} {'/'.join(g['actors'])}"
                  f"{' (hard)' if g.get('hard') else ''}: {g['snippet']!r}")
        for f, ev in extras:
            print(f"EXTRA {f}: {ev.get('type')} {ev.get('crossing')} {ev.get('actor')}: "
                  f"{fold(ev.get('sentence'))[:110]!r}")
    if args.json:
        print(json.dumps(t, sort_keys=True))
    print(f"gold {t['owed']} (easy {t['owed_easy']}) extracted {t['extracted']} | "
          f"dates {t['dated_ok']}/{t['dated']} spurious {t['spurious_dates']} | "
          f"sides {t['sided_ok']}/{t['sided']}")
    print(f"precision {t['precision']:.3f} recall {t['recall']:.3f} "
          f"recall_easy {t['recall_easy']:.3f} f1 {t['f1']:.3f} date_accuracy {t['date_accuracy']:.3f}")


if __name__ == "__main__":
    main()
