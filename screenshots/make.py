"""Regenerate every SVG in screenshots/ with `crosswatch --screenshot` (headless).

A store is built once from the bundled reports (the real extraction) in a temporary
folder; each picture starts from a fresh copy of it, presses its keys, and saves.
The timeline picture comes from screenshots/timeline.py, the map's from screenshots/map.py.

    .venv/bin/python screenshots/make.py [--only NAME]
"""
from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
SIZE = "160x48"

# name -> keys (comma-separated, Textual key names), what the picture shows
SHOTS = {
    "browser-main": ("j,j,j", "the four panes; the fourth event's sentence lit in its article"),
    "browser-article-events": ("shift+tab,j,j,j,enter", "Enter on an article lists its events"),
    "browser-post-filter": ("tab,tab,j,j,enter", "Enter on a status row filters the events to that post"),
    "browser-note-search": ("j,j,n,c,h,e,c,k,e,d,space,A,F,P,f2,a,slash,c,h,e,c,k,e,d,enter",
                            "a note (✎ in the list and under the sentence), an accepted event (✓), found by searching the note"),
    "browser-as-of": ("left_square_bracket,left_square_bracket,left_square_bracket", "the status stepped back to an earlier change"),
    "browser-picker": ("c,down,space", "the crossing picker"),
    "browser-review": ("r,a,x", "review mode after accepting one event and rejecting the next"),
    "browser-help": ("question_mark", "every key with its binding id"),
}


def build_store(folder: Path) -> Path:
    sys.path.insert(0, str(HERE.parent))
    from store.db import Store

    with Store.open_or_build(folder):
        pass
    return folder


def shoot(template: Path, work: Path, name: str, keys: str) -> None:
    store = work / name
    shutil.copytree(template, store, ignore=shutil.ignore_patterns(".lock"))
    out = HERE / f"{name}.svg"
    command = [sys.executable, "-m", "tui", "--store", str(store), "--screenshot", str(out), "--size", SIZE, "--press", keys]
    subprocess.run(command, check=True, cwd=HERE.parent)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", choices=sorted(SHOTS) + ["timeline", "map"])
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="crosswatch-shots-") as tmp:
        template = build_store(Path(tmp) / "template")
        for name, (keys, _) in SHOTS.items():
            if args.only in (None, name):
                shoot(template, Path(tmp), name, keys)
        if args.only in (None, "timeline") and (HERE / "timeline.py").exists():
            subprocess.run([sys.executable, str(HERE / "timeline.py"), "--store", str(template)], check=True)
        if args.only in (None, "map") and (HERE / "map.py").exists():
            subprocess.run([sys.executable, str(HERE / "map.py"), "--store", str(template)], check=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
