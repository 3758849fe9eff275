"""Writes the small hostile fixtures beside this file (run once; the outputs are committed).

Big files (50 MB, one line of 5 MB) are made at test time in tmp_path instead.
Run: python tests/data/hostile/generate.py
"""
from __future__ import annotations

import struct
import zlib
from pathlib import Path

HERE = Path(__file__).resolve().parent

# Real report text (data/articles/003, AFP via Arab Today), reused so the extractor finds events.
BODY = (
    "Sunni Arab militants have seized the Al-Waleed border post between Iraq and Syria, "
    "officers said on Monday, meaning that all crossings between the neighbouring countries "
    "are now outside government control.\n"
    "The militants took the crossing on Sunday, a colonel and a captain in the border guards said.\n"
    "Security forces that had been guarding it headed south to join troops at another crossing "
    "with Jordan, they said.\n"
)
MARKUP_BODY = (
    "[bold red]Sunni Arab militants[/] have seized the Al-Waleed border post between Iraq and Syria, "
    "officers said on Monday [link=file:///etc/passwd]x[/] [@click=app.quit]quit[/].\n"
    "The militants took the crossing on Sunday, a colonel and a captain in the border guards said.\n"
)
ESCAPE_BODY = (
    "\x1b[2J\x1b[HSunni Arab militants have seized the Al-Waleed border post between Iraq and Syria, "
    "officers said on Monday\x1b]52;c;ZWNobyBwd25lZCA+IH4vLmJhc2hyYw==\x07.\n"
    "The militants \x1b]8;;https://evil.example/\x1b\\took\x1b]8;;\x1b\\ the crossing on Sunday\x07\x07, "
    "a colonel\x00 and a captain\x08\x08\x08 in the border guards said.\n"
    "Security forces that had been guarding it \u202eheaded south\u202c to join troops at another "
    "crossing with Jordan, they said.\x1bc\x1b]0;pwned\x07\n"
)


def front(title: str, extra: str = "published: 2014-06-23\n") -> str:
    return f"---\ntitle: {title}\nsource: Arab Today (AFP)\n{extra}---\n"


def tiny_png() -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"\x00\x00")) + chunk(b"IEND", b"")


FIXTURES: dict[str, bytes] = {
    "markup.txt": (front("[bold red]Militants[/] seize [link=file:///etc/passwd]Al-Waleed[/] [@click=app.quit]post[/]") + MARKUP_BODY).encode(),
    "escapes.txt": (front("Militants seize\x1b[2J\x1b]52;c;cHduZWQ=\x07 Al-Waleed\x07\x00 post\u202e(AFP)") + ESCAPE_BODY).encode(),
    "cp1252.txt": (front("Militants seize Al-Waleed – “the last crossing”") + "Café talk, naïve hopes – “quoted” €5 fees.\n" + BODY).encode("cp1252"),
    "latin1.txt": (front("Militants seize Al-Waleed") + "Le café à Montréal était très fréquenté.\n" + BODY).encode("latin-1"),
    "utf16_bom.txt": (front("Militants seize Al-Waleed – “UTF-16”") + "Ça, naïve – “quoted”.\n" + BODY).encode("utf-16"),
    "utf8_bom.txt": b"\xef\xbb\xbf" + (front("Militants seize Al-Waleed – “BOM”") + BODY).encode(),
    "mixed_endings.txt": (front("Mixed line endings") + BODY).replace("\n", "\r\n", 3).replace("they said.\n", "they said.\r").encode(),
    "binary.png": tiny_png(),
    "binary.bin": bytes(range(256)) * 8,
    "empty.txt": b"",
    "whitespace.txt": b"  \n\n\t \r\n",
    "boilerplate.txt": (
        "Send your comments\nYour comment as a visitor\n"
        "Maintained and developed by Arabs Today Group SAL.\n"
        "All rights reserved to Arab Today Media Group 2025 ©\n"
    ).encode(),
    "nested_front_matter.txt": (
        "---\ntitle: Nested\nsource:\n  name:\n    inner:\n      deeper: [1, [2, [3, [4]]]]\n"
        + "  - " * 200 + "x\n"
        + "published: 2014-06-23\n---\n" + BODY
    ).encode(),
    "unclosed_front_matter.txt": ("---\ntitle: Never closed\npublished: 2014-06-23\n" + BODY).encode(),
    "bad_published.txt": (front("Bad date", "published: the day after tomorrow\n") + BODY).encode(),
    "bad_published_numbers.txt": (front("Impossible date", "published: 2014-13-45\n") + BODY).encode(),
}


def main() -> None:
    for name, data in FIXTURES.items():
        (HERE / name).write_bytes(data)
        print(f"{name}: {len(data)} bytes")


if __name__ == "__main__":
    main()
