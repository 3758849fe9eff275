"""Command palette (Ctrl+P) providers: every filter, every crossing, post, faction and type by
name, jumping to an article, and export as CSV, JSONL or Markdown (facets as providers, as
davep/peplum does).

Crossings, posts and factions are shown by name, never by id, and found by any name they go by
(store.names: "Daesh" finds "Faction: Islamic State", "Tanf" the crossing and "Post: Al Tanf
(Syria)", "Abu Kamal" Al Qaim's), case and hyphens ignored; the name that matched is shown
after the prompt.

Prompts are `Content` built from plain text, never markup: article titles are untrusted,
and Textual's `Matcher.highlight` would parse them as markup, so matches are styled here.
"""
from __future__ import annotations

import asyncio
import re
from functools import partial
from typing import Iterable

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content

from store.names import crossing_name, crossing_words, faction_name, faction_words, matching_name, name_key, post_label, post_words
from store.sanitize import safe_line

ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
PREFIX = re.compile(r"^\s*(crossing|post|faction|type)\s*:\s*", re.IGNORECASE)
Command = tuple  # (prompt, help, what to do) or (prompt, help, what to do, other names it is found by)


class _Commands(Provider):
    """A provider is a list of (prompt, help, callback[, names]); search scores the prompt fuzzily
    and the other names (aliases) by the words typed."""

    def commands(self) -> Iterable[Command]:
        raise NotImplementedError

    def _main(self):
        from tui.screens.main import MainScreen

        return self.screen if isinstance(self.screen, MainScreen) else None

    async def discover(self) -> Hits:
        for prompt, help_text, callback, *_ in self.commands():
            yield DiscoveryHit(Content(prompt), callback, text=prompt, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        words = PREFIX.sub("", query)
        for prompt, help_text, callback, *names in self.commands():
            alias = matching_name(words, names[0]) if names and names[0] else None
            show_alias = alias is not None and name_key(alias) not in name_key(prompt)  # else the prompt shows it
            shown = f"{prompt}  · “{safe_line(alias)}”" if show_alias else prompt
            score = matcher.match(shown)
            if score > 0 or alias is not None:  # "al-tanf" finds "Al Tanf" though the fuzzy matcher wants the hyphen
                yield Hit(score or 1.0, self._highlight(matcher, query, shown), callback, text=prompt, help=help_text)

    def _highlight(self, matcher, query: str, prompt: str) -> Content:
        content = Content(prompt)
        _, offsets = matcher.fuzzy_search.match(query, prompt)
        for offset in offsets:
            content = content.stylize("bold underline", offset, offset + 1)
        return content


class FilterCommands(_Commands):
    def commands(self) -> Iterable[Command]:
        main = self._main()
        if main is None:
            return
        yield "Filter: crossings…", "pick crossings (c)", partial(main.action_pick, "crossings")
        yield "Filter: factions…", "pick factions (f)", partial(main.action_pick, "factions")
        yield "Filter: event types…", "pick event types (t)", partial(main.action_pick, "types")
        yield "Filter: date range…", "from / to dates (d)", main.action_pick_dates
        yield "Filter: search sentences and notes…", "free text (/)", main.action_filter_text
        yield "Filter: clear all", "show every event", main.clear_filters
        yield "Review unreviewed events", "a accept · x reject · space skip (r)", main.action_review
        yield "Status: as of a date…", "set the status date exactly", main.action_pick_as_of
        yield "Status: as of the newest report", "reset the as-of date", main.reset_as_of
        yield "Timeline of the selected crossing", "(l)", main.action_timeline
        yield "Group events by incident (toggle)", "(g)", main.action_group
        yield "Ingest: add reports from a file or folder…", "read, extract and store them (in the background)", main.action_ingest
        yield "Export: events as CSV (spreadsheet)", "the shown events, into the store folder's exports/", partial(main.export, "csv")
        yield "Export: events as JSONL", "the shown events, into the store folder's exports/", partial(main.export, "jsonl")
        yield "Export: brief as Markdown (status and events)", "into the store folder's exports/", partial(main.export, "md")
        yield "Help: keys", "(?)", self.app.action_help


class CrossingCommands(_Commands):
    """A crossing (both posts) and each of its posts, by name; found by any name of the crossing or post."""

    posts: dict = {}

    async def startup(self) -> None:
        """Events per post, counted once per palette opening off the UI thread (a store query per post)."""
        main = self._main()
        if main is not None:
            self.posts = await asyncio.to_thread(main.post_counts, main.value_counts("crossing"))

    def commands(self) -> Iterable[Command]:
        main = self._main()
        if main is None:
            return
        crossings = main.value_counts("crossing")
        posts = self.posts
        for crossing in sorted(crossings, key=lambda c: crossing_name(c).casefold()):
            yield (f"Crossing: {safe_line(crossing_name(crossing))}", f"{crossings[crossing]} events",
                   partial(main.filter_to, "crossings", crossing), crossing_words().get(crossing, (crossing,)))
            for (place, side), count in sorted(posts.items(), key=lambda item: str(item[0][1])):
                if place == crossing:
                    yield (f"Post: {safe_line(post_label(crossing, side))}", f"{count} events",
                           partial(main.filter_to_post, crossing, side), post_words().get((crossing, side), ()))


class FactionCommands(_Commands):
    def commands(self) -> Iterable[Command]:
        main = self._main()
        if main is None:
            return
        factions = main.value_counts("actor")
        for faction in sorted(factions, key=lambda f: faction_name(f).casefold()):
            yield (f"Faction: {safe_line(faction_name(faction))}", f"{factions[faction]} events",
                   partial(main.filter_to, "factions", faction), faction_words().get(faction, (faction,)))
        for kind, count in sorted(main.value_counts("type").items()):
            yield f"Type: {safe_line(str(kind))}", f"{count} events", partial(main.filter_to, "types", kind)


class ArticleCommands(_Commands):
    def commands(self) -> Iterable[Command]:
        main = self._main()
        if main is None:
            return
        for article in self.app.articles.values():
            title = safe_line(article.get("title") or article.get("name") or article["id"])
            # Textual parses `help` as markup, so it carries only numbers and an ISO date, never report text.
            day = article.get("published") or ""
            where = f"{int(article.get('n_events') or 0)} events" + (f" · {day}" if ISO_DAY.fullmatch(str(day)) else "")
            yield f"Article: {title}", where, partial(main.jump_to_article, article["id"])


PALETTE_PROVIDERS = frozenset({FilterCommands, CrossingCommands, FactionCommands, ArticleCommands})
