"""Command palette (Ctrl+P) providers: every filter, every crossing, faction and type by
name, jumping to an article, and export (facets as providers, as davep/peplum does).

Prompts are `Content` built from plain text, never markup: article titles are untrusted,
and Textual's `Matcher.highlight` would parse them as markup, so matches are styled here.
"""
from __future__ import annotations

import re
from functools import partial
from typing import Callable, Iterable

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content

from store.names import crossing_names, faction_names
from store.sanitize import safe_line

ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
Command = tuple[str, str, Callable[[], object]]  # prompt, help, what to do


class _Commands(Provider):
    """A provider is a list of (prompt, help, callback); search scores them fuzzily."""

    def commands(self) -> Iterable[Command]:
        raise NotImplementedError

    def _main(self):
        from tui.screens.main import MainScreen

        return self.screen if isinstance(self.screen, MainScreen) else None

    async def discover(self) -> Hits:
        for prompt, help_text, callback in self.commands():
            yield DiscoveryHit(Content(prompt), callback, text=prompt, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for prompt, help_text, callback in self.commands():
            score = matcher.match(prompt)
            if score > 0:
                yield Hit(score, self._highlight(matcher, query, prompt), callback, text=prompt, help=help_text)

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
        yield "Export: events as JSONL", "into the store folder's exports/", partial(main.export, "jsonl")
        yield "Export: status brief as Markdown", "into the store folder's exports/", partial(main.export, "md")
        yield "Help: keys", "(?)", self.app.action_help


class CrossingCommands(_Commands):
    def commands(self) -> Iterable[Command]:
        main = self._main()
        if main is None:
            return
        names = crossing_names()
        for crossing, count in sorted(main.value_counts("crossing").items()):
            name = names.get(crossing, "")
            prompt = f"Crossing: {safe_line(str(crossing))}" + (f" ({safe_line(name)})" if name else "")
            yield prompt, f"{count} events", partial(main.filter_to, "crossings", crossing)


class FactionCommands(_Commands):
    def commands(self) -> Iterable[Command]:
        main = self._main()
        if main is None:
            return
        names = faction_names()
        for faction, count in sorted(main.value_counts("actor").items()):
            name = names.get(faction, "")
            prompt = f"Faction: {safe_line(str(faction))}" + (f" ({safe_line(name)})" if name and name != faction else "")
            yield prompt, f"{count} events", partial(main.filter_to, "factions", faction)
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
