"""Bytes of unknown encoding to text, or one line saying why they are not text.

Encodings by byte-order mark first, then UTF-16 without one, then UTF-8, then
charset-normalizer's best guess (cp1252 winning its ties). Binary formats are refused
by their signature or their share of control bytes. Line endings come out as `\\n`
whatever the file used (a lone `\\r` would move the terminal's cursor).
"""
from __future__ import annotations

from charset_normalizer import from_bytes

# Signatures of the binary formats a user is most likely to drop into a batch by mistake
# (none that plain text could begin with: executables and the rest fail on their control bytes).
_SIGNATURES = (
    (b"%PDF-", "PDF document"),
    (b"\x89PNG\r\n\x1a\n", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF87a", "GIF image"),
    (b"GIF89a", "GIF image"),
    (b"PK\x03\x04", "ZIP archive or Office document"),
    (b"\x1f\x8b", "gzip archive"),
    (b"\xfd7zXZ\x00", "xz archive"),
    (b"7z\xbc\xaf\x27\x1c", "7-Zip archive"),
    (b"\x7fELF", "executable"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "old Office document"),
    (b"SQLite format 3\x00", "SQLite database"),
)
_BOMS = (
    (b"\x00\x00\xfe\xff", "utf-32"),
    (b"\xff\xfe\x00\x00", "utf-32"),
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
)
# Control characters that text never needs (tab, newlines, form feed and ESC aside:
# hostile text may carry escape sequences, which the sanitizer removes later).
_BINARY_CONTROLS = frozenset(chr(c) for c in range(32) if chr(c) not in "\t\n\r\f\v\x1b") | {"\x7f"}
_SAMPLE = 65536
# Western news text that is not UTF-8 is nearly always cp1252 (a superset of latin-1's
# printable range); charset-normalizer often ranks cp1250 or cp775 first on such text, so
# cp1252 wins whenever it decodes with as little chaos as the best guess.
_PREFERRED_SINGLE_BYTE = "cp1252"


class UnreadableFile(Exception):
    """The file was skipped; `str(err)` is the reason, one line, for the user."""


def _binary_kind(raw: bytes) -> str | None:
    for signature, kind in _SIGNATURES:
        if raw.startswith(signature):
            return kind
    return None


def _looks_binary(text: str) -> bool:
    """More than 5% control characters (and more than a few) in the first 64 K characters."""
    sample = text[:_SAMPLE]
    count = sum(1 for ch in sample if ch in _BINARY_CONTROLS)
    return count > 4 and count > len(sample) * 0.05


def _utf16_without_bom(raw: bytes) -> str | None:
    """Plain ASCII-range text in UTF-16 has a NUL in every other byte."""
    sample = raw[:4096]
    if len(sample) < 4:
        return None
    for encoding, zeros in (("utf-16-le", sample[1::2]), ("utf-16-be", sample[0::2])):
        if zeros.count(0) > len(zeros) * 0.9:
            try:
                return raw.decode(encoding)
            except UnicodeDecodeError:
                return None
    return None


def _utf16_by_guess(raw: bytes) -> str | None:
    """UTF-16 or UTF-32 without a BOM in a script beyond ASCII (Arabic, say): charset-normalizer tells."""
    best = from_bytes(raw[:_SAMPLE]).best()
    if best is None or not best.encoding.startswith(("utf_16", "utf_32")):
        return None
    try:
        return raw.decode(best.encoding)
    except UnicodeDecodeError:
        return None


def _best_guess(raw: bytes) -> str:
    matches = list(from_bytes(raw))
    if not matches:
        if b"\x00" in raw[:_SAMPLE]:
            raise UnreadableFile("binary file (NUL bytes), not text")
        raise UnreadableFile("not text in any known encoding")
    least_chaos = min(match.chaos for match in matches)
    for match in matches:
        if match.encoding == _PREFERRED_SINGLE_BYTE and match.chaos <= least_chaos + 0.01:
            return str(match)
    return str(matches[0])


def _decode_unchecked(raw: bytes) -> str:
    failure = None
    for bom, encoding in _BOMS:  # a UTF-16 BOM then a NUL character reads as a UTF-32 BOM: try both
        if raw.startswith(bom):
            try:
                return raw.decode(encoding)
            except UnicodeDecodeError as err:
                failure = failure or f"{encoding} byte-order mark but undecodable: {err.reason}"
    if failure:
        raise UnreadableFile(failure)
    kind = _binary_kind(raw)
    if kind:
        raise UnreadableFile(f"binary file ({kind}), not text")
    has_nul = b"\x00" in raw[:4096]
    if has_nul and (utf16 := _utf16_without_bom(raw)) is not None:
        return utf16
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        text = None
    if text is not None and not _looks_binary(text):
        return text
    if has_nul and (utf16 := _utf16_by_guess(raw)) is not None:
        return utf16
    return text if text is not None else _best_guess(raw)


def decode_bytes(raw: bytes) -> str:
    """Bytes of unknown encoding to text with `\\n` line endings, or UnreadableFile."""
    text = _decode_unchecked(raw)
    if _looks_binary(text):
        raise UnreadableFile("binary file (control bytes), not text")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise UnreadableFile("empty file")
    return text
