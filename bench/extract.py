"""Extraction throughput: MB of article text per second on one core, with a baseline.

    python bench/extract.py [--mb 5]

Builds a corpus of at least `--mb` MB from the bundled reports, each copy varied (crossing
names swapped for other crossings', years and publication dates shifted) so that nothing is
trivially repeated, then times `extract_article` over all of it. In the same run it times the
bare syntok sentence splitter (the library the brief names, 1.6 MB/s in MEASURED.md) and a
one-regex pass over the same texts: the ratio to syntok is the meaningful figure on a noisy
machine (syntok is a test-only dependency: `pip install -e '.[test]'`; without it the ratio
is to the regex pass). Last, one 5 MB article on a single line: the sentence splitter must
stay linear there. Target: extraction >= 1 MB/s.
"""
from __future__ import annotations

import argparse
import re
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from store.extract import extract_article  # noqa: E402
from store.extract.gazetteer import gazetteer  # noqa: E402
from store.paths import bundled_articles  # noqa: E402

SWAPPABLE = ("Al Waleed", "Al-Waleed", "Al Walid", "Trebil", "Al Tanf", "Al Qaim", "Al-Qaim", "Albu Kamal", "Rabia")


def build_corpus(min_bytes: int) -> list[str]:
    originals = [p.read_text(encoding="utf-8") for p in sorted(bundled_articles().glob("*.txt"))]
    names = [post["name"] for c in gazetteer_data() for post in c["posts"]]
    pattern = re.compile("|".join(map(re.escape, SWAPPABLE)))
    corpus, size, n = [], 0, 0
    while size < min_bytes:
        for k, raw in enumerate(originals):
            swap = names[(n + k) % len(names)]
            shift = n % 9
            text = pattern.sub(lambda m: swap if (m.start() // 97 + n) % 3 else m.group(), raw)
            text = re.sub(r"\b(20(?:1[0-9]))\b", lambda m: str(int(m.group(1)) + shift), text)
            corpus.append(text)
            size += len(text.encode("utf-8"))
        n += 1
    return corpus


def gazetteer_data():
    from store.datafiles import load

    return load("gazetteer.json")["crossings"]


def timed(label: str, func, corpus: list[str], megabytes: float) -> float:
    start = time.perf_counter()
    count = 0
    for text in corpus:
        count += func(text)
    seconds = time.perf_counter() - start
    rate = megabytes / seconds
    print(f"{label:<42} {seconds:7.2f} s  {rate:7.2f} MB/s  ({count} items)")
    return rate


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--mb", type=float, default=5.0, help="corpus size in MB (default 5)")
    args = parser.parse_args()
    gazetteer()  # load the data files outside the timing, as a running app would have
    extract_article("warm-up: IS seized the Al Waleed crossing on Sunday.", published="2015-05-25")
    corpus = build_corpus(int(args.mb * 1_000_000))
    megabytes = sum(len(t.encode("utf-8")) for t in corpus) / 1e6
    print(f"corpus: {len(corpus)} articles, {megabytes:.2f} MB, built from {len(list(bundled_articles().glob('*.txt')))} bundled reports")
    sentence_end = re.compile(r"[.!?][\"'\u201d\u2019)]*\s+(?=[A-Z0-9])")
    base = timed("baseline: one regex pass (sentence ends)", lambda t: len(sentence_end.findall(t)), corpus, megabytes)
    try:
        from syntok import segmenter  # only here: the engine itself does not use syntok
    except ImportError:
        print("baseline: syntok not installed (pip install -e '.[test]'): ratio below is to the regex pass")
    else:
        base = timed("baseline: syntok sentence split (bare)", lambda t: sum(1 for p in segmenter.analyze(t) for _s in p),
                     corpus, megabytes)
    rate = timed("extract_article (clean + events)", lambda t: len(extract_article(t).events), corpus, megabytes)
    print(f"extraction / baseline: {rate / base:.2f}x   target >= 1 MB/s: {'met' if rate >= 1.0 else 'NOT met'}")
    dense = ["ISIS holds Anbar. They seized the Al Waleed crossing, which fell to the Islamic State on Nov. 25 " * 2000]
    dense_mb = len(dense[0]) / 1e6
    timed("worst case: one paragraph, an event a line", lambda t: len(extract_article(t, published="2015-05-25").events),
          dense, dense_mb)
    one_line = [" ".join(" ".join(t.split()) for t in corpus)[:5_000_000]]
    timed("worst case: 5 MB of reports on one line", lambda t: len(extract_article(t, published="2015-05-25").events),
          one_line, len(one_line[0].encode("utf-8")) / 1e6)
    return 0


if __name__ == "__main__":
    sys.exit(main())
