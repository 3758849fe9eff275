"""The three tables of the main screen: articles, events, crossing status.

Each takes plain dicts (as the store serves them) and turns fields into
plain text through `safe_line`, so a title like `[bold]` or an ESC byte is shown as
text. Marks never rely on colour: `?` hedged, `✎` note, `✓`/`✗` decision,
`◌` a candidate not yet completed and accepted (its actor cell says "◌ no actor"),
`⚠` contested, `≡` a syndicated copy of another article, `┌│└` one incident's reports.
Factions and posts are shown by name (store.names), never by id: an actor as it was named on the
event's day ("YPG" before the SDF existed), a post with its country ("Al Tanf (Syria)").
"""
from __future__ import annotations

from bisect import bisect_left
from typing import Callable, Hashable, Mapping, Sequence


from store.counted import open_candidate, still_missing
from store.names import event_day, faction_name, holder_text, post_label
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
    """The post by name with its country ("Al Tanf (Syria)"), or the crossing's name when no side is given."""
    return post_label(event.get("crossing"), event.get("side")) if event.get("crossing") else "?"


def actor_name(event: Mapping, short: bool = True) -> str | None:
    """The actor by name as it was on the event's day; `short` for a table column ("Iraqi forces")."""
    actor = event.get("actor")
    return faction_name(actor, event_day(event), short) if actor else None


def event_summary(event: Mapping) -> str:
    """One line naming an event for a dialog: "captured · Islamic State · Al Waleed (Iraq) · 2014-06-22"
    (and "· hedged" for a report told as unconfirmed)."""
    return " · ".join(str(x) for x in (event.get("type"), actor_name(event, short=False) or "actor not known",
                                       crossing_side(event), event_date(event), "hedged" if event.get("hedged") else None) if x)


COPY_MARK = "≡"
INCIDENT_COLUMN = "┆"


class ArticleList(RowTable):
    # narrow: the event count goes first, then the date, then the outlet; the title stays
    COLUMNS = (Column(COPY_MARK, 1), Column("title", least=16), Column("outlet", 20, drop=1, least=12),
               Column("date", 10, drop=2), Column("ev", 3, "right", drop=3))

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
    # Type, actor and crossing stay at every width (shrinking last); narrow, the sentence goes first
    # (the article pane shows it lit), then the date; the room a dropped sentence leaves lets long
    # actor and post names show whole.
    COLUMNS = (
        Column(INCIDENT_COLUMN, 1, drop=3),  # incident bracket: shown only when grouped by incident
        Column("date", 11, drop=2),
        Column("type", 10, least=8),
        Column("actor", 15, least=10, most=17),
        Column("crossing / post", 19, least=14, most=25),
        Column(HEDGED_MARK, 1),
        Column(NOTE_MARK, 1),
        Column("✓", 1),
        Column("sentence", drop=4, least=16),
    )
    EMPTY = "no events"

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.rank: Callable[[], Mapping[Hashable, int]] | None = dict
        self.incident_marks: Mapping[Hashable, str] = {}
        self.hidden_columns = frozenset([INCIDENT_COLUMN])

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
        self.hide_columns(frozenset() if self.incident_marks else frozenset([INCIDENT_COLUMN]))
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
            cell(f"{CANDIDATE_MARK} no actor" if "actor" in missing else actor_name(e), "italic" if missing else ""),
            cell(crossing_side(e)),
            cell(HEDGED_MARK if e.get("hedged") else ""),
            cell(NOTE_MARK if e.get("note") else ""),
            cell(CANDIDATE_MARK if pending and decision != "rejected" else DECISION_MARKS.get(decision, ""), "bold"),
            cell(e.get("sentence"), "dim" if decision == "rejected" or pending else ""),
        )


class StatusTable(RowTable):
    """Rows are posts: (crossing, side) pairs, as `store.status` reports them; shown by name, the
    holder as named on the status day."""

    # narrow: the last report goes first, then the source count, the gate, the date since; post,
    # holder and the contested mark stay
    COLUMNS = (
        Column("post", 20, least=14),
        Column("holder", least=12),
        Column("since", 10, drop=1),
        Column("last rep.", 10, drop=4),
        Column("src", 3, "right", drop=3),
        Column(CONTESTED_MARK, 1),
        Column("gate", 4, drop=2),
    )

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.posts: dict[Hashable, Mapping] = {}
        self.day: str | None = None

    def set_posts(self, posts: Sequence[Mapping], day: str | None = None) -> None:
        """`day`: the status date, on which the holders are named."""
        if day != self.day:
            self.forget_drawn()
        self.day = day
        self.posts = {(p["crossing"], p.get("side")): p for p in posts}
        self.set_rows(list(posts))

    def key_of(self, row: Mapping) -> Hashable:
        return (row["crossing"], row.get("side"))

    def row_cells(self, p: Mapping) -> Sequence[tuple[str, str]]:
        is_open = p.get("open")
        return (
            cell(post_label(p["crossing"], p.get("side")), "bold"),
            cell(holder_text(p, on=self.day, short=True) or "unknown", "" if p.get("holder") and not p.get("assumed") else "dim"),
            cell(p.get("since") or "—", "dim italic" if p.get("since_approx") else ""),  # no report states that day
            cell(p.get("last_report") or "—"),
            cell(p.get("sources", 0)),
            cell(CONTESTED_MARK if p.get("contested") else "", "bold"),
            cell({True: "open", False: "shut", "open": "open", "closed": "shut"}.get(is_open, "")),
        )
