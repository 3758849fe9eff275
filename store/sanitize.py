"""Make untrusted text safe to show: no escape sequences, no control characters.

Report text comes from the open web. It must never drive the terminal, so every
string that reaches a screen or a file passes through `safe_text` first. Markup
(`[bold]`) is not touched here: it is harmless text as long as the screen shows
it as text (`rich.text.Text`, `markup=False`), which is the TUI's job.
"""
from __future__ import annotations

import re

# Whole escape sequences, so that none of their parameters are left behind as text.
# An unterminated string sequence stops at the end of its line rather than eating the article.
_ESCAPES = re.compile(
    r"""
    \x1b\[[0-?]*[ -/]*[@-~]                 # CSI ... final byte
  | \x1b\][^\x07\x1b\x9c\n]*(?:\x07|\x1b\\|\x9c)?   # OSC ... BEL or ST
  | \x1b[PX^_][^\x1b\x9c\n]*(?:\x1b\\|\x9c)?        # DCS, SOS, PM, APC ... ST
  | \x1b[ -/]*[0-~]                         # nF, Fp, Fe, Fs: ESC ( B, ESC 7, ESC c, ...
  | \x9b[0-?]*[ -/]*[@-~]                   # 8-bit CSI
  | [\x9d\x90\x98\x9e\x9f][^\x07\x1b\x9c\n]*(?:\x07|\x9c)?  # 8-bit OSC, DCS, SOS, PM, APC
    """,
    re.VERBOSE,
)
# C0 and C1 controls except tab and newline; DEL; bidi embeddings, overrides and isolates
# (the "Trojan Source" characters); lone surrogates, which no terminal can encode.
# Bidi marks (LRM, RLM, ALM) stay: Arabic text uses them and they reorder nothing.
_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
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


def is_safe(text: str) -> bool:
    """True when `text` holds nothing `safe_text` would change (tests and asserts use it)."""
    return "\r" not in text and not _CONTROLS.search(text)
