"""Who holds each post of each crossing as of a day: holder, since, sources, contested, open.

    compute_status(events, articles, as_of=None, window_days=None) -> dict
    StatusEngine(articles).load(events); engine.replace(event); engine.status(as_of)

`events` are served events (store.db.Store.events(): corrected fields applied, `decision`,
`published`, `outlet`, `article_id`); what counts is store.counted's rule (rejected events and
candidates not completed and accepted are ignored). `articles` are the
store's articles (id, source, published, text) and decide which reports are independent
(store.sources). The rules are documented where they live: effective dates and side-null
spreading in store.claims, holder resolution in store.holders, contested in
store.contest, sources in store.sources. `as_of` defaults to the newest report's date.

`holder` null with a `since`: nobody held the post from that day (the holder withdrew) or
reports disagreed with no way to choose; null with no `since`: nothing reported yet.
A status is computed from all reports, whenever published, about what held on that day:
a 2015 report that dates a capture to June 22, 2014 changes the status as of June 2014.

The engine keeps one resolved history per crossing, so after one decision only that
event's crossing is recomputed (bench/status.py measures it). A first status builds it
all once: claims are made while loading (one pass over the event dicts), each post's
claims sorted once, a dated report's incident grouped from its own day's reports only,
with the cyclic garbage collector paused (store.quiet_gc). Finding syndicated copies in
the texts (store.sources) was two thirds of that at 100,000 events; a store keeps what it
learnt (store.print_book, cache/prints.marshal), so a status reads texts only for new ones.
The answers themselves are kept too (store.status_kept, cache/status.marshal): a status of an
unchanged store builds no engine, and after notes and decisions only the crossings they
touch are worked out again (store.status_catch_up, with `status(as_of, crossings)` and
`change_days(crossings)` here).
"""
from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import defaultdict
from datetime import date

from .actors import compatible
from .bounds import bounded_days, relative_span
from .claims import Claim, claims_by_post, effective, make_claim, parse_day
from .contest import disputing
from .counted import counts as event_counts
from .crossing_posts import posts_of
from .holders import PostHistory, open_state, resolve
from .holding import allied, has_allies, state_of
from .ousted import ousted_pins
from .status_update import reresolve
from .incidents import incident_index
from .print_book import PrintBook
from .quiet_gc import collector_paused
from .sources import source_groups, syndication
from .status_rules import status_rules


def _odd_date(event: dict) -> bool:
    """Dated by text that is no day, and told relative to the event before (see StatusEngine.change_dates)."""
    day = event.get("date")
    return bool(day) and parse_day(day) is None and relative_span(event.get("date_text")) is not None


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


def _allies_in(holder: str, support: list[Claim]) -> list[str]:
    """The holder's allies the supporting reports name (store.holding): they hold the post with it.

    Most reported first; "Iraqi troops and the Popular Mobilisation Forces retook ..." gives
    iraq-gov with pmf, shown as both, not a tie."""
    if holder not in has_allies():
        return []
    counts: dict[str, int] = {}
    for c in support:
        if c.actor != holder and c.names_holder and allied(holder, c.actor):
            counts[c.actor] = counts.get(c.actor, 0) + 1
    return sorted(counts, key=lambda a: (-counts[a], a))


class StatusEngine:
    def __init__(self, articles: list[dict], window_days: int | None = None, posts: dict | None = None,
                 book: PrintBook | None = None):
        """`book`: what copy detection knows of these texts (store.print_book; `engine_for` passes
        the store's); without one every text is read."""
        self.posts = posts  # crossing -> post codes; None: the bundled gazetteer
        self.window = status_rules().contest_window_days if window_days is None else window_days
        self.articles = {a["id"]: a for a in articles}
        with collector_paused():
            # article id -> the article it is a syndicated copy of
            self.copies = syndication(articles, book=book)
            self.source_of = source_groups(articles, self.copies)
        if book is not None:
            book.keep(a.get("hash") for a in articles)  # a store's book written back when it learnt something
        self.events: dict[str, dict] = {}
        self.by_crossing: dict[str, set[str]] = defaultdict(set)
        self._histories: dict[str, dict[str, PostHistory]] = {}
        self._incidents: dict[str, dict[str, str]] = {}
        self._incidents_by_type: dict[tuple, dict] = {}  # (crossing, type) -> day or None (all) -> incidents
        self._claims: dict[str, Claim | None] = {}  # event id -> its claim (None: not counted or undatable)
        self._counted: dict[str, int] = defaultdict(int)  # crossing -> counted events
        self._seen: dict[str, tuple] = {}  # event id -> (crossing, type, counted) as last taken in
        self._dirty: dict[str, set[date]] = {}  # crossing -> days whose claims changed since resolved
        self._kind_ids: dict[tuple, set[str]] = defaultdict(set)  # (crossing, type) -> event ids
        self._by_article: dict[str, set[str]] = defaultdict(set)  # article id -> event ids
        self._bounds: dict[str, dict] = {}  # article id -> store.bounds.bounded_days of its events
        self._answers: dict[str, dict[date, list[dict]]] = {}  # crossing -> as_of -> its posts
        self._newest: date | None | bool = False  # False: not computed yet
        self._pins: dict[str, dict[str, str]] = {}  # crossing -> store.ousted pins its histories were built with
        self._odd_dates: set[str] = set()  # counted events dated by text that is no day, told relative to another

    # -- keeping the events --------------------------------------------------
    def load(self, events: list[dict]) -> StatusEngine:
        with collector_paused():
            return self._load(events)

    def _load(self, events: list[dict]) -> StatusEngine:
        for cache in (self.events, self.by_crossing, self._histories, self._incidents, self._incidents_by_type,
                      self._claims, self._counted, self._seen, self._dirty, self._kind_ids, self._by_article,
                      self._bounds, self._answers, self._odd_dates):
            cache.clear()
        self._newest = False
        # what _add does for one event, for all of them at once, and their claims while each event
        # is at hand (one pass over 100,000 dicts scattered in memory, not two)
        by_id, by_article, by_crossing = self.events, self._by_article, self.by_crossing
        seen, counted, kind_ids, odd = self._seen, self._counted, self._kind_ids, self._odd_dates
        claims, source_of, bounded_later = self._claims, self.source_of, []
        for event in events:
            event_id, get = event["id"], event.get
            by_id[event_id] = event
            article = get("article_id")
            by_article[article].add(event_id)
            crossing, kind = get("crossing"), get("type")
            counts = event_counts(event)
            if crossing:
                by_crossing[crossing].add(event_id)
                counted[crossing] += counts
                kind_ids[(crossing, kind)].add(event_id)
            seen[event_id] = (crossing, kind, int(counts))
            if not counts:
                claims[event_id] = None
            elif (day := get("date")) or relative_span(get("date_text")) is None:  # `claim` without a bound
                claims[event_id] = make_claim(event, source_of.get(article) or f"article:{article}", None)
                if day and parse_day(day) is None and _odd_date(event):
                    odd.add(event_id)
            else:  # its bound needs its article's other events
                claims.pop(event_id, None)
                bounded_later.append(event_id)
        self._claims_of(bounded_later)
        return self

    def _add(self, event: dict) -> None:
        self.events[event["id"]] = event
        self._claims.pop(event["id"], None)
        self._by_article[event.get("article_id")].add(event["id"])
        if event.get("crossing"):
            self.by_crossing[event["crossing"]].add(event["id"])
            if self.counts(event):
                self._counted[event["crossing"]] += 1
        self._seen[event["id"]] = (event.get("crossing"), event.get("type"), int(self.counts(event)))
        self._odd_dates.discard(event["id"])
        if _odd_date(event) and self.counts(event):
            self._odd_dates.add(event["id"])
        if event.get("crossing"):
            self._kind_ids[(event["crossing"], event.get("type"))].add(event["id"])

    def replace(self, event: dict) -> None:
        """Take in one changed event (a decision or correction); only its crossings are recomputed."""
        old = self._seen.get(event["id"])
        old_claim = self._claims.get(event["id"], False)  # False: never computed
        article = event.get("article_id")
        # undated siblings told relative to a dated event may move with it (store.bounds)
        siblings = {i: self._claims.get(i, False) for i in self._by_article.get(article, ())
                    if i != event["id"] and relative_span(self.events[i].get("date_text")) is not None}
        self._bounds.pop(article, None)
        if old is not None and old[0]:
            self.by_crossing[old[0]].discard(event["id"])
            self._kind_ids[(old[0], old[1])].discard(event["id"])
            self._counted[old[0]] -= old[2]
            self._forget(old[0], old[1], keep_history=True)
        self._add(event)
        crossing = event.get("crossing")
        if crossing:
            self._forget(crossing, event.get("type"), keep_history=True)
        same_place = old is not None and old[0] == crossing and crossing in self._histories
        if same_place and old_claim is not False:
            days = {c.day for c in (old_claim, self.claim(event["id"])) if c is not None}
            self._dirty.setdefault(crossing, set()).update(days)
        else:
            for place in {crossing, old[0] if old else None} - {None}:
                self._histories.pop(place, None)
                self._dirty.pop(place, None)
        for sibling, before in siblings.items():
            self._moved(sibling, before)
        published = parse_day(event.get("published"))
        if self._newest is not False and published and (self._newest is None or published > self._newest):
            self._newest = published

    def _moved(self, event_id: str, before) -> None:
        """An event whose own fields stayed but whose effective day may have changed."""
        self._claims.pop(event_id, None)
        after = self.claim(event_id)
        if before == after:
            return
        crossing = self.events[event_id].get("crossing")
        if not crossing:
            return
        self._forget(crossing, self.events[event_id].get("type"), keep_history=True)
        if before is False:  # never computed: its crossing is rebuilt
            self._forget(crossing, None)
        elif crossing in self._histories:
            self._dirty.setdefault(crossing, set()).update(c.day for c in (before, after) if c is not None)

    def _forget(self, crossing: str, kind: str | None, keep_history: bool = False) -> None:
        if not keep_history:
            self._histories.pop(crossing, None)
            self._dirty.pop(crossing, None)
        self._incidents.pop(crossing, None)
        self._incidents_by_type.pop((crossing, kind), None)
        self._answers.pop(crossing, None)
    def counts(self, event: dict) -> bool:
        return event_counts(event)

    def source(self, event: dict) -> str:
        aid = event.get("article_id")
        return self.source_of.get(aid) or f"article:{aid}"

    # -- resolving -----------------------------------------------------------
    def crossings(self) -> list[str]:
        return sorted(c for c, n in self._counted.items() if n > 0)

    def histories(self, crossing: str) -> dict[str, PostHistory]:
        cached = self._histories.get(crossing)
        if cached is not None and crossing in self._dirty:
            cached = self._histories[crossing] = self._update(crossing, cached, self._dirty.pop(crossing))
        if cached is None:
            claims = self._claims_of(self.by_crossing.get(crossing, ()))
            seen = {c.side for c in claims}
            posts = tuple(self.posts.get(crossing, ())) if self.posts is not None else posts_of(crossing, seen)
            posts = posts + tuple(sorted(s for s in seen if s and s not in posts)) or (None,)
            pins = self._pins[crossing] = self._ousted(crossing, claims, posts)
            by_post = claims_by_post(claims, posts, pins)
            cached = {post: resolve(post, lst) for post, lst in by_post.items()}
            self._histories[crossing] = cached
        return cached

    def _update(self, crossing: str, old: dict[str, PostHistory], days: set[date]) -> dict[str, PostHistory] | None:
        claims = self._claims_of(self.by_crossing.get(crossing, ()))
        pins = self._ousted(crossing, claims, tuple(old))
        if pins != self._pins.get(crossing):  # a pin spans days (store.ousted): the crossing is rebuilt
            return None
        return reresolve(old, days, [c for c in claims if c.day in days], pins)

    def _ousted(self, crossing: str, claims: list[Claim], posts: tuple) -> dict[str, str]:
        """Side-less claims whose report says which post was left (store.ousted); `claims` made already."""
        events, made, by_article = self.events, self._claims, self._by_article
        withdrawals = [(made[i], events[i].get("article_id")) for i in self._kind_ids.get((crossing, "withdrew"), ())
                       if made.get(i) is not None]

        seen, kept = self._seen, {}

        def siblings(article):  # an article's claims at this crossing, once per article
            found = kept.get(article)
            if found is None:
                found = kept[article] = [c for i in by_article.get(article, ())
                                         if seen[i][0] == crossing and (c := made.get(i)) is not None]
            return found

        return ousted_pins(withdrawals, siblings, claims, posts, status_rules().incident_window_days)

    def claim(self, event_id: str) -> Claim | None:
        if event_id in self._claims:
            return self._claims[event_id]
        event = self.events[event_id]
        claim = make_claim(event, self.source(event), self._bound(event)) if self.counts(event) else None
        self._claims[event_id] = claim
        return claim

    def _claims_of(self, event_ids) -> list[Claim]:
        """The claims of these events: `claim` for each, the missing ones made in one pass."""
        cached = self._claims
        missing = [i for i in event_ids if i not in cached]
        events, source_of = self.events, self.source_of
        for event_id in missing:  # what `claim` does
            event = events[event_id]
            if not event_counts(event):
                cached[event_id] = None
                continue
            get = event.get
            article = get("article_id")
            cached[event_id] = make_claim(event, source_of.get(article) or f"article:{article}",
                                          None if get("date") else self._bound(event))
        return [c for c in map(cached.__getitem__, event_ids) if c is not None]

    def _bound(self, event: dict):
        if event.get("date") or relative_span(event.get("date_text")) is None:
            return None
        article = event.get("article_id")
        bounds = self._bounds.get(article)
        if bounds is None:
            bounds = self._bounds[article] = bounded_days([self.events[i] for i in self._by_article.get(article, ())])
        return bounds.get(event["id"])

    def newest_report(self) -> date | None:
        if self._newest is False:
            # each distinct publication parsed once (100,000 events share a few thousand)
            published = [a.get("published") for a in self.articles.values()]
            published += [e.get("published") for e in self.events.values()]
            try:
                published = set(published)
            except TypeError:  # an odd, unhashable value: parse every one
                pass
            days = [d for d in map(parse_day, published) if d]
            self._newest = max(days) if days else None
        return self._newest

    def change_dates(self) -> list[str]:
        """store.asof.change_dates of the engine's events, from the claims (made once, not again per event)."""
        return sorted({day for days in self.change_days().values() for day in days})

    def change_days(self, crossings=None) -> dict[str, set[str]]:
        """Per crossing (all, or these), the ISO days its counted events take effect: store.asof.change_dates by crossing.

        From the claims, with one difference in how they place an event, a date that is text but no
        day with words that tie it to the event before ("days later"): the claim counts it at
        publication, the as-of days at its bound. Those few are placed as store.asof places them.
        """
        with collector_paused():
            odd, events = self._odd_dates, self.events
            wanted = self.by_crossing if crossings is None else {c: self.by_crossing.get(c, ()) for c in crossings}
            out = {}
            for crossing, ids in wanted.items():
                made = self._claims_of(ids)  # those not made yet (after `replace`) made now
                days = {c.day for c in made if not odd or c.event_id not in odd}
                for event_id in odd.intersection(ids):
                    event = events[event_id]
                    bounds = bounded_days([events[i] for i in self._by_article.get(event.get("article_id"), ())])
                    when = effective(event, bounds.get(event_id))
                    if when is not None:
                        days.add(when[0])
                if days:
                    out[crossing] = {day.isoformat() for day in days}
            return out

    # -- answering -----------------------------------------------------------
    def post_status(self, crossing: str, history: PostHistory, as_of: date) -> dict:
        stretch, holder, support = history.state(as_of)
        seen = bisect_right(history.claim_days, as_of)
        since = stretch.start if stretch else None
        against = disputing(history.holder_claims, since, as_of, self.window, history.holder_days)
        door, door_claims = open_state(history.door_claims, as_of)
        assumed = stretch is None and holder is None and state_of(history.post) is not None
        if assumed:  # no report has named a holder yet: the post's own state's, by assumption
            holder = state_of(history.post)
        since_from = self._since_from(support, since)
        return {
            "crossing": crossing,
            "side": history.post,
            "holder": holder,
            "holders": [holder, *_allies_in(holder, support)] if holder else [],
            "assumed": assumed,
            "since": _iso(since),
            "since_approx": since_from is not None,
            "since_from": since_from,
            "last_report": _iso(history.claim_days[seen - 1] if seen else None),
            "sources": len({c.source for c in support}),
            "incidents": self._count_incidents(crossing, support),
            "contested": bool(against),
            "events": [c.event_id for c in support],
            "disputed_by": [c.event_id for c in against if not compatible(c.actor, holder)],
            "open": door,
            "open_events": [c.event_id for c in door_claims],
        }

    def _since_from(self, support: list, since: date | None) -> str | None:
        """What an approximate `since` rests on, when no report states that day: the words that
        placed the event ("days later", "last week") or its report's date; None when one did."""
        starting = [self.events.get(c.event_id) for c in support if c.day == since] if since else []
        starting = [e for e in starting if e is not None]
        if not starting or any(e.get("date") for e in starting):
            return None
        event = starting[0]
        if event.get("date_text"):
            return f"“{event['date_text']}” in a report of {event.get('published') or 'unknown date'}"
        return f"the date of the report that tells it ({event.get('published') or 'unknown'})"

    def incidents(self, crossing: str) -> dict[str, str]:
        """event id -> incident id for one crossing (cached with its histories)."""
        cached = self._incidents.get(crossing)
        if cached is None:
            with collector_paused():
                cached = {}
                for kind in {kind for (place, kind) in self._kind_ids if place == crossing}:
                    cached.update(self._grouped(crossing, kind, None))
            self._incidents[crossing] = cached
        return cached

    def _grouped(self, crossing: str, kind: str | None, day: date | None) -> dict[str, str]:
        """Incidents of one crossing and type (store.incidents): all, or (`day`) those of the reports dated that day.

        Dated reports are grouped only with the reports dated the same day (undated ones join
        afterwards), so a dated report's incident is found from its day alone: the status
        asks for a handful of reports out of 100,000.
        """
        part = self._incidents_by_type.setdefault((crossing, kind), {})
        if day is not None and None in part:
            day = None
        grouped = part.get(day)
        if grouped is None:
            events, seen = self.events, self._seen
            if day is None:
                members = [events[i] for i in self._kind_ids.get((crossing, kind), ()) if self.counts(events[i])]
            else:  # the counted reports placed on that day (all posts' claims), then those dated that day
                ids = set()
                for history in self.histories(crossing).values():
                    days = history.claim_days
                    ids.update(c.event_id for c in history.claims[bisect_left(days, day) : bisect_right(days, day)])
                members = [events[i] for i in ids if seen[i][1] == kind and parse_day(events[i].get("date")) == day]
            grouped = part[day] = incident_index(members)
        return grouped

    def _count_incidents(self, crossing: str, claims: list[Claim]) -> int:
        """How many incidents these claims report."""
        seen, events = self._seen, self.events
        return len({
            self._grouped(crossing, seen[c.event_id][1], parse_day(events[c.event_id].get("date"))).get(c.event_id, c.event_id)
            for c in claims
        })

    def article_marks(self) -> list[dict]:
        """Per article: its independent source and, for a syndicated copy, the article it copies."""
        return [
            {"id": aid, "outlet": a.get("source"), "published": a.get("published"),
             "source": self.source_of[aid],
             "syndicated_of": self.copies.get(aid)}
            for aid, a in sorted(self.articles.items(), key=lambda kv: (kv[1].get("published") or "", kv[0]))
        ]

    def status(self, as_of: date | str | None = None, crossings=None) -> dict:
        """The posts of every crossing (or only of `crossings`, in the same order) as of a day (default: the newest report)."""
        day = parse_day(as_of) if as_of is not None else self.newest_report()
        if as_of is not None and day is None:
            raise ValueError(f"as_of is not a date (YYYY-MM-DD): {as_of!r}")
        posts = []
        if day is not None:
            with collector_paused():
                for crossing in self.crossings() if crossings is None else [c for c in self.crossings() if c in crossings]:
                    answers = self._answers.setdefault(crossing, {})
                    if day not in answers:
                        answers[day] = [self.post_status(crossing, h, day) for h in self.histories(crossing).values()]
                    posts.extend(dict(p) for p in answers[day])  # copies: callers may annotate rows
        return {"as_of": _iso(day), "posts": posts}


def compute_status(
    events: list[dict], articles: list[dict], as_of=None, window_days: int | None = None, posts: dict | None = None
) -> dict:
    """The status JSON of issue 5 (plus `open`, `incidents`, `disputed_by`, `open_events`)."""
    return StatusEngine(articles, window_days, posts).load(events).status(as_of)


def engine_for(store, window_days: int | None = None) -> StatusEngine:
    """A status engine over a store's articles and served (corrected) events."""
    from .db.prints import store_book

    # the store's own records: a text is read (lazily) only when the store's print book lacks it
    with collector_paused():
        book = store_book(store)
    return StatusEngine(store.articles(), window_days, book=book).load(store.events())
