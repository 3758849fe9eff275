"""Score the extractor on the real-report corpus (tests/data/corpus/), one half at a time.

    python -m tests.corpus_score dev|test|extra|fresh|all [-v] [--candidates]

The corpus is real reports written by others, gold labelled by hand before the extractor was
run on them; `split.json` was drawn once at random and says which half each report is in.
Rules are fitted to the dev half only; the test half is scored to measure, never to tune.
`extra` are 276 more real reports collected after the split (four batches) (`gold-extra.json`), for rule work
only, like the dev half; `fresh` are 40 more collected at the end of session 4, after its rules were
written, and kept like the test half: scored to measure, never to tune (`gold-fresh.json`); `all` is
the two halves.
`-v` lists misses and extras (use it on dev). `--candidates` also counts the candidates as
events (how much an analyst working the review queue could recover).
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from store.extract import extract_article  # noqa: E402
from tests.scoring import fold, score  # noqa: E402

CORPUS = Path(__file__).parent / "data" / "corpus"


def load_gold(half: str) -> dict:
    if half in ("extra", "fresh"):
        return json.loads((CORPUS / f"gold-{half}.json").read_text(encoding="utf-8"))
    gold = json.loads((CORPUS / "gold.json").read_text(encoding="utf-8"))
    if half == "all":
        return gold
    chosen = set(json.loads((CORPUS / "split.json").read_text(encoding="utf-8"))[half])
    return {"articles": [a for a in gold["articles"] if a["file"] in chosen]}


def extract_half(gold: dict, candidates: bool = False) -> dict[str, list[dict]]:
    by_file = {}
    for article in gold["articles"]:
        path = CORPUS / "texts" / article["file"]
        result = extract_article(path.read_text(encoding="utf-8"))
        found = result.events + (result.candidates if candidates else [])
        by_file[article["file"]] = [dict(event, article=str(path)) for event in found]
    return by_file


def tally(half: str, candidates: bool = False):
    gold = load_gold(half)
    return score(gold, extract_half(gold, candidates))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("half", choices=("dev", "test", "extra", "fresh", "all"))
    parser.add_argument("-v", "--verbose", action="store_true")
    parser.add_argument("--candidates", action="store_true")
    args = parser.parse_args()
    t, misses, extras = tally(args.half, args.candidates)
    if args.verbose:
        for f, g in misses:
            print(f"MISS {f}: {g['type']} {g['crossing']} {'/'.join(g['actors'])}{' (hard)' if g.get('hard') else ''}: {g['snippet']!r}")
        for f, ev in extras:
            print(f"EXTRA {f}: {ev.get('type')} {ev.get('crossing')} {ev.get('actor')}: {fold(ev.get('sentence'))[:110]!r}")
    articles = len(load_gold(args.half)["articles"])
    print(f"{args.half}: {articles} reports | gold {t['owed']} (easy {t['owed_easy']}) extracted {t['extracted']} | "
          f"dates {t['dated_ok']}/{t['dated']} spurious {t['spurious_dates']} | sides {t['sided_ok']}/{t['sided']}")
    print(f"precision {t['precision']:.3f} recall {t['recall']:.3f} recall_easy {t['recall_easy']:.3f} "
          f"f1 {t['f1']:.3f} date_accuracy {t['date_accuracy']:.3f}")


if __name__ == "__main__":
    main()
