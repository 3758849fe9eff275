"""JSON in and out for the store's files: orjson when installed (a third faster to parse, far
faster to write), the standard library otherwise; the bytes on disk are plain JSON either way."""
from __future__ import annotations

import json

try:
    import orjson
except ImportError:  # pragma: no cover - orjson is a declared dependency
    orjson = None

# What a file that does not parse raises, whichever parser read it.
DECODE_ERRORS = (ValueError, UnicodeDecodeError, RecursionError)


def loads(raw: bytes):
    """orjson refuses escaped lone surrogates, which the standard library (and `dumps`) allow."""
    if orjson is not None:
        try:
            return orjson.loads(raw)
        except orjson.JSONDecodeError:
            pass
    return json.loads(raw)


def dumps(data) -> bytes:
    """UTF-8 JSON. Text orjson refuses (a lone surrogate from a broken clipboard) is escaped instead."""
    if orjson is not None:
        try:
            return orjson.dumps(data)
        except TypeError:
            pass
    try:
        return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    except UnicodeEncodeError:
        return json.dumps(data, ensure_ascii=True, separators=(",", ":")).encode("ascii")
