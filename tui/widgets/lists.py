"""The three tables of the main screen: articles, events, crossing status.

Each takes plain dicts (as the store serves them) and turns fields into
plain text through `safe_line`, so a title like `[bold]` or an ESC byte is shown as
text. Marks never rely on colour: `?` hedged, `✎` note, `✓`/`✗` decision,
`◌` a candidate not yet completed and accepted (its actor cell says "◌ no actor"),
`⚠` contested, `≡` a syndicated copy of another article, `┌│└` one incident's reports.
"""
from __future__ import annotations

from bisect import bisect_left
from typing import Callable, Hashable, Mapping, Sequence


from store.counted import open_candidate, still_missing
from store.names import holder_text
from store.sanitize import safe_line
from tui.widgets.row_table import Column, RowTable

HEDGED_MARK, NOTE_MARK = "?", "✎"
DECISION_MARKS = {"accepted": "✓", "rejected": "✗"}
CONTESTED_MARK = "⚠"
CANDIDATE_MARK = "◌"


def cell(value: object, style: str = "") -> tuple[str, str]:
    """A table cell: the value as one safe line of plain text, and its style."""
    return ("" if value is None else safe_line(str(value)), style)


def event_date(event: Mapping) -> str:
    """The event's own date, else `~` and the article's publication date."""
    if event.get("date"):
        return event["date"]
    return f"~{event['published']}" if event.get("published") else "—"


def crossing_side(event: Mapping) -> str:
    crossing = event.get("crossing") or "?"
    return f"{crossing}·{event['side']}" if event.get("side") else crossing


COPY_MARK = "≡"


class ArticleList(RowTable):
    COLUMNS = (Column(COPY_MARK, 1), Column("title"), Column("outlet", 20), Column("date", 10), Column("ev", 3, "right"))

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.articles: dict[Hashable, Mapping] = {}
        self.copies: Mapping[Hashable, str | None] = {}  # article id -> the article it is a syndicated copy of

    def set_copies(self, copies: Mapping[Hashable, str | None]) -> None:
        self.copies = copies
        self.forget_drawn()
        self.refresh()

    def set_articles(self, articles: Sequence[Mapping]) -> None:
        self.articles = {a["id"]: a for a in articles}
        self.set_rows(list(articles))

    def key_of(self, row: Mapping) -> Hashable:
        return row["id"]

    def row_cells(self, a: Mapping) -> Sequence[tuple[str, str]]:
        return (
            cell(COPY_MARK if self.copies.get(a["id"]) else "", "bold"),
            cell(a.get("title") or a.get("name")),
            cell(a.get("source"), "italic"),
            cell(a.get("published") or "—"),
            cell(a.get("n_events", 0)),
        )


class EventList(RowTable):
    COLUMNS = (
        Column("┆", 1),  # incident bracket when grouped by incident
        Column("date", 11),
        Column("type", 10),
        Column("actor", 14),
        Column("crossing·side", 16),
        Column(HEDGED_MARK, 1),
        Column(NOTE_MARK, 1),
        Column("✓", 1),
        Column("sentence"),
    )

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.rank: Callable[[], Mapping[Hashable, int]] | None = dict
        self.incident_marks: Mapping[Hashable, str] = {}

    def set_events(self, shown: Sequence[Mapping], rank: Callable[[], Mapping[Hashable, int]] | None,
                   incident_marks: Mapping[Hashable, str] | None = None) -> None:
        """`shown`: the events passing the filters; `rank()`: every id's place in the store's order
        when `shown` follows that order (None when grouped by incident); `incident_marks`: id -> ┌│└.

        With the rank, finding an event among 100,000 rows is a binary search, not a scan.
        """
        self.rank = rank
        if (incident_marks or {}) != self.incident_marks:
            self.forget_drawn()
        self.incident_marks = incident_marks or {}
        self.set_rows(shown)

    def key_of(self, row: Mapping) -> Hashable:
        return row["id"]

    def locate(self, key: Hashable) -> int | None:
        rank = self.rank() if self.rank is not None else {}
        target = rank.get(key)
        if target is None:
            return super().locate(key)
        at = bisect_left(self.rows, target, key=lambda e: rank.get(e["id"], -1))
        if at < len(self.rows) and self.rows[at]["id"] == key:
            return at
        return None

    def row_cells(self, e: Mapping) -> Sequence[tuple[str, str]]:
        decision = e.get("decision")
        pending = e.get("candidate") and open_candidate(e)
        missing = still_missing(e) if pending else ()
        return (
            cell(self.incident_marks.get(e["id"], ""), "bold"),
            cell(event_date(e)),
            cell(e.get("type"), "bold"),
            cell(f"{CANDIDATE_MARK} no actor" if "actor" in missing else e.get("actor"), "italic" if missing else ""),
            cell(crossing_side(e)),
            cell(HEDGED_MARK if e.get("hedged") else ""),
            cell(NOTE_MARK if e.get("note") else ""),
            cell(CANDIDATE_MARK if pending and decision != "rejected" else DECISION_MARKS.get(decision, ""), "bold"),
            cell(e.get("sentence"), "dim" if decision == "rejected" or pending else ""),
        )


class StatusTable(RowTable):
    """Rows are posts: (crossing, side) pairs, as `store.status` reports them."""

    COLUMNS = (
        Column("crossing", 14),
        Column("side", 4),
        Column("holder"),
        Column("since", 10),
        Column("last rep.", 10),
        Column("src", 3, "right"),
        Column(CONTESTED_MARK, 1),
        Column("gate", 6),
    )

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.posts: dict[Hashable, Mapping] = {}

    def set_posts(self, posts: Sequence[Mapping]) -> None:
        self.posts = {(p["crossing"], p.get("side")): p for p in posts}
        self.set_rows(list(posts))

    def key_of(self, row: Mapping) -> Hashable:
        return (row["crossing"], row.get("side"))

    def row_cells(self, p: Mapping) -> Sequence[tuple[str, str]]:
        is_open = p.get("open")
        return (
            cell(p["crossing"], "bold"),
            cell(p.get("side") or "—"),
            cell(holder_text(p, names=False) or "unknown", "" if p.get("holder") and not p.get("assumed") else "dim"),
            cell(p.get("since") or "—"),
            cell(p.get("last_report") or "—"),
            cell(p.get("sources", 0)),
            cell(CONTESTED_MARK if p.get("contested") else "", "bold"),
            cell({True: "open", False: "shut", "open": "open", "closed": "shut"}.get(is_open, "")),
        )
