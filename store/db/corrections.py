"""What an analyst may write as a correction: checked and made safe before it reaches the journal.

A correction is shown everywhere an extracted value is (the panes, the palette, the status,
the exports, the Markdown brief), so it is held to the extractor's shapes at the store's
boundary: `type` one of the event types, `date` an ISO day or nothing, `hedged` true or
false, and `actor`, `crossing`, `side`, `source` one line of text (or nothing, bar the
crossing) with escape sequences, control and bidi characters removed. Anything else is
refused before a byte is written (`BadCorrection`, which is a StoreError and a ValueError).
"""
from __future__ import annotations

import re
from datetime import date

from ..sanitize import safe_line
from .errors import StoreError

EVENT_TYPES = ("captured", "withdrew", "attacked", "holds", "reinforced", "closed", "reopened")  # docs/EVENTS.md
TEXT_FIELDS = ("actor", "crossing", "side", "source")
NULLABLE = ("actor", "side", "source", "date")
MAX_TEXT = 200
ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


class BadCorrection(StoreError, ValueError):
    """A correction the store refuses; `str(err)` is one line. Nothing was written."""


def clean_value(field: str, value):
    """The value as stored, made safe; raises BadCorrection (a one-line reason) when it cannot be one."""
    if value is None:
        if field in NULLABLE:
            return None
        raise BadCorrection(f"{field} cannot be empty")
    if field == "hedged":
        if type(value) is not bool:
            raise BadCorrection(f"hedged must be true or false, not {_shown(value)}")
        return value
    if not isinstance(value, str):
        raise BadCorrection(f"{field} must be {'an ISO day (YYYY-MM-DD)' if field == 'date' else 'text'}, not {_shown(value)}")
    if field == "date":
        day = value.strip()
        if not ISO_DAY.fullmatch(day):
            raise BadCorrection(f"date must be an ISO day (YYYY-MM-DD), not {_shown(value)}")
        try:
            date.fromisoformat(day)
        except ValueError:
            raise BadCorrection(f"date {_shown(value)} is not a day of the calendar") from None
        return day
    text = safe_line(value, placeholder="")  # escapes, controls and bidi overrides removed, white space folded
    if field == "type":
        if text not in EVENT_TYPES:
            raise BadCorrection(f"type must be one of {', '.join(EVENT_TYPES)}, not {_shown(value)}")
        return text
    if len(text) > MAX_TEXT:
        raise BadCorrection(f"{field} is {len(text)} characters long; at most {MAX_TEXT}")
    if not text:
        if field in NULLABLE and not value.strip():
            return None  # "" clears the field, as None does
        raise BadCorrection(f"{field} holds no text once control characters are removed")
    return text


def clean_corrections(corrections) -> dict:
    """{field: value} with every value checked and made safe; BadCorrection names the first bad one."""
    from .journal import CORRECTABLE

    if not isinstance(corrections, dict):
        raise BadCorrection(f"corrections must be a mapping of field to value, not {_shown(corrections)}")
    unknown = [field for field in corrections if field not in CORRECTABLE]
    if unknown:
        raise BadCorrection(f"cannot correct {', '.join(sorted(map(_shown, unknown)))}; correctable fields: {', '.join(CORRECTABLE)}")
    return {field: clean_value(field, value) for field, value in corrections.items()}


def stored_problem(corrections: dict) -> str | None:
    """Why corrections read back from the journal cannot be served (a hand edit, an older version), or None."""
    try:
        clean_corrections(corrections)
    except BadCorrection as err:
        return str(err)
    return None


def _shown(value) -> str:
    """A value in an error message: short, and its escapes shown as escapes (ascii)."""
    text = ascii(value) if not isinstance(value, (list, dict, tuple, set)) else f"a {type(value).__name__}"
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        text = f"the number {value!r}"
    return text if len(text) <= 60 else text[:57] + "..."
