"""Make untrusted text safe to show: no escape sequences, no control characters.

Report text comes from the open web. It must never drive the terminal, so every
string that reaches a screen or a file passes through `safe_text` first.
"""
from __future__ import annotations

import re

# CSI, OSC (ended by BEL or ST), DCS/SOS/PM/APC strings, and two-byte ESC sequences.
_ESCAPES = re.compile(
    r"""
    \x1b\[[0-?]*[ -/]*[@-~]            # CSI ... final byte
  | \x1b\][^\x07\x1b]*(?:\x07|\x1b\\)? # OSC ... BEL or ST (or cut short)
  | \x1b[PX^_][^\x1b]*(?:\x1b\\)?      # DCS, SOS, PM, APC
  | \x1b[@-Z\\-_]                      # two-byte Fe sequences
  | \x9b[0-?]*[ -/]*[@-~]              # 8-bit CSI
  | \x9d[^\x07\x9c]*(?:\x07|\x9c)?     # 8-bit OSC
    """,
    re.VERBOSE,
)
# C0 and C1 controls except tab and newline; DEL; bidi embeddings, overrides and isolates.
_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]")
PLACEHOLDER = "\ufffd"


def strip_escapes(text: str) -> str:
    return _ESCAPES.sub("", text)


def safe_text(text: str, placeholder: str = PLACEHOLDER) -> str:
    """Escape sequences removed; other controls (bar tab and newline) shown as a placeholder.

    Carriage returns are normalised to newlines first so line endings survive.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return _CONTROLS.sub(placeholder, strip_escapes(text))


def safe_line(text: str, placeholder: str = PLACEHOLDER) -> str:
    """As `safe_text`, for one-line fields (titles, outlets): white space folded."""
    return " ".join(safe_text(text, placeholder).split())
