"""Who holds each post of each crossing as of a day: holder, since, sources, contested, open.

    compute_status(events, articles, as_of=None, window_days=None) -> dict
    StatusEngine(articles).load(events); engine.replace(event); engine.status(as_of)

`events` are served events (store.db.Store.events(): corrected fields applied, `decision`,
`published`, `outlet`, `article_id`); rejected events are ignored. `articles` are the
store's articles (id, source, published, text) and decide which reports are independent
(store.sources). The rules are documented where they live: effective dates and side-null
spreading in store.claims, holder resolution in store.holders, contested in
store.contest, sources in store.sources. `as_of` defaults to the newest report's date.

A status is computed from all reports, whenever published, about what held on that day:
a 2015 report that dates a capture to June 22, 2014 changes the status as of June 2014.

The engine keeps one resolved history per crossing, so after one decision only that
event's crossing is recomputed (bench/status.py measures it).
"""
from __future__ import annotations

from collections import defaultdict
from datetime import date

from .actors import compatible
from .claims import claims_by_post, make_claim, parse_day
from .contest import disputing
from .crossing_posts import posts_of
from .holders import PostHistory, open_state, resolve
from .incidents import incident_index
from .sources import source_groups
from .status_rules import status_rules


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


class StatusEngine:
    def __init__(self, articles: list[dict], window_days: int | None = None, posts: dict | None = None):
        self.posts = posts  # crossing -> post codes; None: the bundled gazetteer
        self.window = status_rules().contest_window_days if window_days is None else window_days
        self.articles = {a["id"]: a for a in articles}
        self.source_of = source_groups(articles)
        self.events: dict[str, dict] = {}
        self.by_crossing: dict[str, set[str]] = defaultdict(set)
        self._histories: dict[str, dict[str, PostHistory]] = {}
        self._incidents: dict[str, dict[str, str]] = {}

    # -- keeping the events --------------------------------------------------
    def load(self, events: list[dict]) -> StatusEngine:
        self.events.clear()
        self.by_crossing.clear()
        self._histories.clear()
        self._incidents.clear()
        for event in events:
            self._add(event)
        return self

    def _add(self, event: dict) -> None:
        self.events[event["id"]] = event
        if event.get("crossing"):
            self.by_crossing[event["crossing"]].add(event["id"])

    def replace(self, event: dict) -> None:
        """Take in one changed event (a decision or correction); only its crossings are recomputed."""
        old = self.events.get(event["id"])
        if old is not None and old.get("crossing"):
            self.by_crossing[old["crossing"]].discard(event["id"])
            self._histories.pop(old["crossing"], None)
            self._incidents.pop(old["crossing"], None)
        self._add(event)
        if event.get("crossing"):
            self._histories.pop(event["crossing"], None)
            self._incidents.pop(event["crossing"], None)

    def counts(self, event: dict) -> bool:
        return event.get("decision") != "rejected" and bool(event.get("crossing"))

    def source(self, event: dict) -> str:
        aid = event.get("article_id")
        return self.source_of.get(aid) or f"article:{aid}"

    # -- resolving -----------------------------------------------------------
    def crossings(self) -> list[str]:
        return sorted(c for c, ids in self.by_crossing.items() if any(self.counts(self.events[i]) for i in ids))

    def histories(self, crossing: str) -> dict[str, PostHistory]:
        cached = self._histories.get(crossing)
        if cached is None:
            events = [self.events[i] for i in self.by_crossing.get(crossing, ()) if self.counts(self.events[i])]
            claims = [c for c in (make_claim(e, self.source(e)) for e in events) if c is not None]
            seen = {c.side for c in claims}
            posts = tuple(self.posts.get(crossing, ())) if self.posts is not None else posts_of(crossing, seen)
            posts = posts + tuple(sorted(s for s in seen if s and s not in posts)) or (None,)
            by_post = claims_by_post(claims, posts)
            cached = {post: resolve(post, lst) for post, lst in by_post.items()}
            self._histories[crossing] = cached
        return cached

    def newest_report(self) -> date | None:
        days = [parse_day(a.get("published")) for a in self.articles.values()]
        days += [parse_day(e.get("published")) for e in self.events.values()]
        days = [d for d in days if d]
        return max(days) if days else None

    # -- answering -----------------------------------------------------------
    def post_status(self, crossing: str, history: PostHistory, as_of: date) -> dict:
        stretch, holder, support = history.state(as_of)
        seen = [c for c in history.claims if c.day <= as_of]
        since = stretch.start if stretch else None
        against = disputing(history.claims, since, as_of, self.window)
        door, door_claims = open_state(history.claims, as_of)
        index = self.incidents(crossing)
        return {
            "crossing": crossing,
            "side": history.post,
            "holder": holder,
            "since": _iso(since),
            "last_report": _iso(max((c.day for c in seen), default=None)),
            "sources": len({c.source for c in support}),
            "incidents": len({index.get(c.event_id, c.event_id) for c in support}),
            "contested": bool(against),
            "events": [c.event_id for c in support],
            "disputed_by": [c.event_id for c in against if not compatible(c.actor, holder)],
            "open": door,
            "open_events": [c.event_id for c in door_claims],
        }

    def incidents(self, crossing: str) -> dict[str, str]:
        """event id -> incident id for one crossing (cached with its histories)."""
        cached = self._incidents.get(crossing)
        if cached is None or crossing not in self._histories:
            self.histories(crossing)
            events = [self.events[i] for i in self.by_crossing.get(crossing, ()) if self.counts(self.events[i])]
            cached = self._incidents[crossing] = incident_index(events)
        return cached

    def status(self, as_of: date | str | None = None) -> dict:
        day = parse_day(as_of) if as_of is not None else self.newest_report()
        if as_of is not None and day is None:
            raise ValueError(f"as_of is not a date (YYYY-MM-DD): {as_of!r}")
        posts = []
        if day is not None:
            for crossing in self.crossings():
                for history in self.histories(crossing).values():
                    posts.append(self.post_status(crossing, history, day))
        return {"as_of": _iso(day), "posts": posts}


def compute_status(
    events: list[dict], articles: list[dict], as_of=None, window_days: int | None = None, posts: dict | None = None
) -> dict:
    """The status JSON of issue 5 (plus `open`, `incidents`, `disputed_by`, `open_events`)."""
    return StatusEngine(articles, window_days, posts).load(events).status(as_of)


def engine_for(store, window_days: int | None = None) -> StatusEngine:
    """A status engine over a store's articles and served (corrected) events."""
    articles = [{"id": a["id"], "source": a.get("source"), "published": a.get("published"), "text": a.get("text")}
                for a in store.articles()]
    return StatusEngine(articles, window_days).load(store.events())
