"""Fuzz the reader and the extractor with mutated reports for a while; print how many inputs were tried.

Each input is a bundled report mutated at random (spliced, cut, shuffled, sprinkled with
escape sequences, markup, controls, odd Unicode and date-like noise), sometimes as raw bytes
through the reader. Every input must extract without an exception, and every event's offsets
must hold (`text[start:end] == sentence`). A failing input is saved for replay.

    python bench/fuzz.py --seconds 180 [--seed N] [--save-dir DIR]
"""
from __future__ import annotations

import argparse
import random
import sys
import time
import traceback
from datetime import date
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from store.extract import extract_article  # noqa: E402
from store.reader import UnreadableFile, decode_bytes  # noqa: E402
from store.sanitize import is_safe, safe_text  # noqa: E402

NOISE = [
    "\x1b[2J", "\x1b]52;c;cHduZWQ=\x07", "\x1b]8;;http://x/\x1b\\", "\x00", "\x07", "\x08" * 5, "\u202e", "\u2066",
    "[bold red]", "[/]", "[link=file:///etc/passwd]", "[@click=app.quit]", "\r", "\r\n", "\t", "\xa0", "\u200b",
    "---\n", "title: ", "published: ", "2014-13-45", "Feb. 30", "June 31, 2014", "yesterday", "on Sunday", "Nov.",
    "U.S.", "Lt. Gen.", "“", "”", '"', "(", ")", "...", "…", "—", "\n\n\n", " " * 200, "the crossing", "it",
    "Al Waleed", "Al-Qaim", "Albu Kamal", "Rabia", "Trebil", "Islamic State", "militants", "seized", "withdrew",
    "did not", "reportedly", "سيطر", "معبر الوليد", "𝐁𝐨𝐥𝐝", "Ａ", "ﷺ", "e\u0301" * 30, "\ud7ff", "\U0010ffff",
]


def corpus() -> list[str]:
    return [p.read_text(encoding="utf-8") for p in sorted((REPO / "data" / "articles").glob("*.txt"))]


def mutate(rng: random.Random, texts: list[str]) -> str:
    text = rng.choice(texts)
    for _ in range(rng.randint(1, 12)):
        kind = rng.randrange(7)
        pos = rng.randint(0, len(text))
        if kind == 0:
            text = text[:pos] + rng.choice(NOISE) + text[pos:]
        elif kind == 1:
            other = rng.choice(texts)
            a = rng.randint(0, len(other))
            text = text[:pos] + other[a : a + rng.randint(0, 600)] + text[pos:]
        elif kind == 2:
            text = text[: pos] + text[pos + rng.randint(0, 300) :]
        elif kind == 3:
            lines = text.split("\n")
            rng.shuffle(lines)
            text = "\n".join(lines)
        elif kind == 4:
            text = text[:pos] + "".join(chr(rng.randint(0, 0x2FFF)) for _ in range(rng.randint(1, 20))) + text[pos:]
        elif kind == 5:
            text = text[:pos]
        else:
            text = text.replace(" ", rng.choice([" ", "  ", "\n", "\xa0", "\t"]), rng.randint(0, 50))
    return text.replace("\ud800", "")


def as_bytes(rng: random.Random, text: str) -> bytes:
    encoding = rng.choice(["utf-8", "utf-8-sig", "utf-16", "cp1252", "latin-1"])
    raw = text.encode(encoding, errors="replace")
    if rng.random() < 0.3 and raw:
        flips = bytearray(raw)
        for _ in range(rng.randint(1, 10)):
            flips[rng.randrange(len(flips))] = rng.randrange(256)
        raw = bytes(flips)
    return raw


def check(raw: str, published) -> int:
    result = extract_article(raw, published=published)
    text = result.text
    for event in result.events:
        if text[event["start"] : event["end"]] != event["sentence"]:
            raise AssertionError(f"offsets do not hold: {event['start']}:{event['end']} {event['sentence'][:60]!r}")
        if event["date"] is not None:
            date.fromisoformat(event["date"])
    shown = safe_text(text)
    if not is_safe(shown):
        raise AssertionError("safe_text left a control character")
    return len(result.events)


def fuzz(seconds: float, seed: int, save_dir: Path | None) -> tuple[int, int, int]:
    rng = random.Random(seed)
    texts = corpus()
    tried = failed = events = 0
    deadline = time.perf_counter() + seconds
    while time.perf_counter() < deadline:
        text = mutate(rng, texts)
        published = rng.choice([None, "2014-06-24", date(2015, 5, 25), "not a date"])
        try:
            if rng.random() < 0.25:
                try:
                    text = decode_bytes(as_bytes(rng, text))
                except UnreadableFile:
                    tried += 1
                    continue
            events += check(text, published)
        except Exception:
            failed += 1
            if save_dir:
                save_dir.mkdir(parents=True, exist_ok=True)
                (save_dir / f"fail-{seed}-{tried}.txt").write_text(text, encoding="utf-8", errors="surrogatepass")
            if failed <= 3:
                print(f"input {tried} failed (published={published!r}):", file=sys.stderr)
                traceback.print_exc()
        tried += 1
    return tried, failed, events


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=180.0)
    parser.add_argument("--seed", type=int, default=None)
    parser.add_argument("--save-dir", type=Path, default=None)
    args = parser.parse_args(argv)
    seed = args.seed if args.seed is not None else random.SystemRandom().randrange(2**32)
    started = time.perf_counter()
    tried, failed, events = fuzz(args.seconds, seed, args.save_dir)
    elapsed = time.perf_counter() - started
    print(f"fuzz: seed {seed}, {tried} inputs in {elapsed:.0f} s ({tried / elapsed:.0f}/s), {events} events, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
