"""Turn an article body into the text an analyst reads: no web page furniture, tidy spaces.

Cut: reader comments ("2 Comments", "X says:"), author bios, donation appeals, tag lists,
lists of unrelated headlines ("GMT 16:04 2018 Friday ,14 December ...", and everything after a
line that only says "Related", "Most Read", "Read more:" or "See also:"), and site boilerplate
("All rights reserved", "Send your comments", share buttons, agency desk
slugs such as "bur-sk/kir", "AP writers ... contributed"). Kept: the headline (the body's first line).
"""
from __future__ import annotations

import re

from store.sanitize import safe_text

_ODD_SPACES = re.compile(r"[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000\t\f\v]")
_SPACE_RUNS = re.compile(r" {2,}")
_TRAILING_SPACES = re.compile(r" +\n")
_BLANK_RUNS = re.compile(r"\n{3,}")
_ZERO_WIDTH = re.compile(r"[\u200b\u200c\u200d\u2060\ufeff\u00ad]")

# A line that starts what is no longer article text: everything from it on is cut.
_TAIL_START = re.compile(
    r"""^\s*(?:
        \d+\s+(?:Comments?|Responses?|Replies|Reactions)\b.*
      | (?:Leave\s+a\s+(?:Reply|Comment)|Post\s+a\s+comment|Add\s+(?:a\s+)?comment|Comments?\s*(?:\(\d+\))?|Reader\s+comments?)\s*:?\s*
      | (?:GMT|UTC)\s+\d{1,2}:\d{2}\b.*
      | (?:Related|More|Recommended|Popular|Latest|Trending)(?:\s+\w+){0,2}\s*(?:Articles?|Stories|Posts|News|Reads?|Coverage|from\s+.+)\s*:?\s*
      | (?:Related(?:\s+(?:Topics|Content|Links|Headlines))?|Most\s+(?:Popular|Read|Viewed|Shared|Commented)|(?:Read|See)\s+(?:more|also)
         |Also\s+read|More\s+on\s+this(?:\s+story|\s+topic)?)\s*:?\s*
      | Your\s+email\s+address\s+will\s+not\s+be\s+published.*
      | You\s+may\s+(?:also\s+)?like\b.*
    )$""",
    re.VERBOSE | re.IGNORECASE,
)
_COMMENTER = re.compile(r"^\s*[\u2022*\-\u00b7]?\s*[^\s:]{1,40}(?:\s+[^\s:]{1,30}){0,3}\s+(?:says|said|wrote|writes)\s*:\s*$", re.IGNORECASE)
_USERNAME_SAYS = re.compile(r"^\s*(?!(?:the|a|an|he|she|they|it|we)\b)\S{1,30}(?:\s+\S{1,20})?\s+says\s*:\s*$", re.IGNORECASE)
# A line (or paragraph) that is site furniture and is dropped on its own.
_FURNITURE = re.compile(
    r"""^\s*(?:
        Tags?\s*:.*
      | Filed\s+under\s*:.*
      | Categories\s*:.*
      | Share\s+(?:this|on)\b.{0,60}
      | (?:Follow|Like)\s+us\b.{0,80}
      | .{0,80}\bAll\s+rights\s+reserved\b.{0,80}
      | (?:Copyright|\u00a9).{0,100}
      | Maintained\s+and\s+developed\s+by\b.{0,80}
      | Send\s+your\s+comments?\b.{0,40}
      | Your\s+comment\s+as\s+a\s+visitor.{0,40}
      | Click\s+here\b.{0,80}
      | Sign\s+up\s+for\b.{0,120}
      | Subscribe\b.{0,120}
      | Advertisement\s*
      | Print\s*(?:this)?\s*(?:article|page)?\s*
      | (?:Read|See)\s+(?:more|also)\b.{0,200}
      | (?:Like|Share)\s+this\s*:?.{0,40}
      | Loading\.\.\.\s*
      | Posted\s+in\b.{0,120}
      | \((?:Reporting|Additional\s+reporting|Writing|Editing)\s+by\b.{0,200}\)\s*
      | Our\s+Standards\s*:.{0,80}
      | (?:(?:Facebook|Twitter|WhatsApp|E-?mail|LinkedIn|Telegram|Reddit|Pinterest)[\s|,\u00b7]*){2,}
      | (?:Associated\s+Press|AP|AFP|Reuters)\s+(?:writers?|reporters?|correspondents?)\b.{0,200}\bcontributed\b.{0,40}
    )$""",
    re.VERBOSE | re.IGNORECASE,
)
_SLUG = re.compile(r"^\s*[a-z]{2,6}(?:-[a-z]{2,6})*(?:/[a-z]{2,6}(?:-[a-z]{2,6})*)+\s*$")  # an agency's desk slug: "bur-sk/kir"
_APPEAL = re.compile(
    r"\b(?:donat(?:e|ion|ions)|tax-deductible|support\s+our\s+(?:independent\s+)?(?:reporting|journalism|work)|"
    r"become\s+a\s+(?:member|patron|subscriber)|dedicated\s+reader)\b",
    re.IGNORECASE,
)
_APPEAL_CUES = ("donat", "deductible", "support our", "become a", "dedicated reader")
_BIO = re.compile(
    r"^(?:[A-Z][\w.'\u2019-]+\s+){1,4}is\s+(?:a|an|the)\s+(?:[\w-]+\s+){0,6}?"
    r"(?i:editor|fellow|analyst|journalist|correspondent|reporter|writer|contributor|author|researcher|columnist|"
    r"director|professor|producer)\b",
)
_SHORT_LINE = re.compile(r"^\s*[\w'\u2019&.-]+(?:\s+[\w'\u2019&.-]+){0,3}\s*$")


def normalize_spaces(text: str) -> str:
    """Control characters out (via `safe_text`), odd spaces to plain ones, line ends tidied."""
    text = safe_text(text)
    if not text.isascii():
        text = _ZERO_WIDTH.sub("", text)
        text = _ODD_SPACES.sub(" ", text)
    elif "\t" in text or "\f" in text or "\v" in text:
        text = _ODD_SPACES.sub(" ", text)
    text = _SPACE_RUNS.sub(" ", text)
    text = _TRAILING_SPACES.sub("\n", text)
    return _BLANK_RUNS.sub("\n\n", text)


def _paragraphs(lines: list[str]) -> list[list[str]]:
    paragraphs, current = [], []
    for line in lines:
        if line.strip():
            current.append(line)
        elif current:
            paragraphs.append(current)
            current = []
    if current:
        paragraphs.append(current)
    return paragraphs


def _cut_tail(lines: list[str]) -> list[str]:
    """Everything from the first comment, related-headlines or reply-form line on is cut.

    A bare "Name says:" line is a comment only when bulleted, when several follow, or near the
    end: an article may well introduce a quote that way.
    """
    says = [n for n, line in enumerate(lines) if n > 0 and _COMMENTER.match(line)]
    for n, line in enumerate(lines):
        if n == 0:
            continue
        if _TAIL_START.match(line):
            return lines[:n]
        if n in says and (line.lstrip()[:1] in "\u2022*-\u00b7" or len(says) >= 2 or n >= len(lines) * 0.6
                          or _USERNAME_SAYS.match(line)):
            return lines[:n]
    return lines


def _tag_list_start(paragraphs: list[list[str]]) -> int:
    """Where a closing run of three or more one-to-four-word lines (tags, topics) begins."""
    start, lines = len(paragraphs), 0
    for index in range(len(paragraphs) - 1, 0, -1):
        para = paragraphs[index]
        if not all(_SHORT_LINE.match(line) and not line.rstrip().endswith((".", "!", "?", '"', "\u201d")) for line in para):
            break
        start, lines = index, lines + len(para)
    return start if lines >= 3 else len(paragraphs)


def clean_body(body: str) -> str:
    """The readable article text of `body` (front matter already removed)."""
    text = normalize_spaces(body)
    lines = [line.rstrip() for line in text.split("\n")]
    lines = [line for line in _cut_tail(lines) if not _FURNITURE.match(line) and not _SLUG.match(line)]
    paragraphs = _paragraphs(lines)
    kept = []
    for index, para in enumerate(paragraphs[:_tag_list_start(paragraphs)]):
        joined = " ".join(para)
        lowered = joined.lower()
        appeal = any(cue in lowered for cue in _APPEAL_CUES) and _APPEAL.search(joined)
        if index > 0 and (appeal and len(joined) < 600 or _BIO.match(joined) and len(joined) < 500):
            continue
        kept.append("\n".join(line.strip() for line in para))
    return "\n\n".join(kept).strip("\n")
