"""Draw the corpus's dev/test split once, at random, keeping each story's copies together.

    python tests/data/corpus/make_split.py [--seed N]

Wire stories and their reprints are one story: if a copy sat in each half, rules fitted to
the dev copy would be scored on its twin. Reports are grouped by shared 8-word shingles
(a tenth of the smaller report's shingles in common: wire copies cut at different places still meet), then whole groups are shuffled with
a fixed seed and dealt to the half with fewer reports so far. The result is `split.json`;
it was made once and is kept in the repo, so that no rule is fitted to the test half.
"""
from __future__ import annotations

import argparse
import json
import random
import re
from pathlib import Path

HERE = Path(__file__).parent


def shingles(text: str, n: int = 8) -> set[str]:
    words = re.findall(r"[a-z0-9]+", text.lower())
    return {" ".join(words[i:i + n]) for i in range(max(0, len(words) - n + 1))}


def stories(files: list[str]) -> list[list[str]]:
    prints = {f: shingles((HERE / "texts" / f).read_text(encoding="utf-8")) for f in files}
    parent = {f: f for f in files}

    def root(f: str) -> str:
        while parent[f] != f:
            parent[f] = parent[parent[f]]
            f = parent[f]
        return f

    for i, a in enumerate(files):
        for b in files[i + 1:]:
            small = min(len(prints[a]), len(prints[b])) or 1
            if len(prints[a] & prints[b]) / small >= 0.10:
                parent[root(a)] = root(b)
    groups: dict[str, list[str]] = {}
    for f in files:
        groups.setdefault(root(f), []).append(f)
    return sorted(groups.values())


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seed", type=int, default=20261203)
    args = parser.parse_args()
    gold = json.loads((HERE / "gold.json").read_text(encoding="utf-8"))
    groups = stories(sorted(a["file"] for a in gold["articles"]))
    random.Random(args.seed).shuffle(groups)
    halves: dict[str, list[str]] = {"dev": [], "test": []}
    for group in groups:
        half = "dev" if len(halves["dev"]) <= len(halves["test"]) else "test"
        halves[half].extend(group)
    split = {"about": __doc__.split("\n\n")[1].replace("\n", " "), "seed": args.seed,
             "stories": len(groups), "dev": sorted(halves["dev"]), "test": sorted(halves["test"])}
    (HERE / "split.json").write_text(json.dumps(split, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"{len(groups)} stories: dev {len(halves['dev'])} reports, test {len(halves['test'])} reports")


if __name__ == "__main__":
    main()
