"""The main screen's filters: what the event list shows, and how the analyst narrows it.

Filters combine (crossing AND side AND faction AND type AND text AND dates AND
article); the store answers each from its indexes. Esc steps back one filter
change. Grouping by incident reorders the shown events in a worker.
"""
from __future__ import annotations

from dataclasses import replace

from textual import work
from textual.widgets import Input

from store.filters import EventFilter
from store.incidents import group_incidents
from store.names import crossing_name, crossing_words, faction_name, faction_words, post_names
from store.sanitize import safe_line
from tui.keymap import shown_key
from tui.screens.describe import events_title, events_title_short, filter_parts
from tui.toasts import say
from tui.widgets.chips import FilterChips
from tui.widgets.lists import EventList

FACETS = {"crossings": ("crossing", "Crossings"), "factions": ("actor", "Factions"), "types": ("type", "Event types")}


def incident_rows(shown: list[dict]) -> tuple[list[dict], dict[str, str], int]:
    """The shown events with each incident's reports together (┌ │ └), then those in no incident."""
    incidents = group_incidents(shown)
    rows, marks = [], {}
    for incident in incidents:
        last = len(incident.events) - 1
        for i, event in enumerate(incident.events):
            rows.append(event)
            if last:
                marks[event["id"]] = "┌" if i == 0 else "└" if i == last else "│"
    placed = {event["id"] for event in rows}
    rows += [event for event in shown if event["id"] not in placed]  # rejected, naming no crossing, or an open candidate
    return rows, marks, len(incidents)


class Filtering:
    """Mixed into MainScreen: the filter state and every key and command that changes it."""

    flt: EventFilter
    back_stack: list[EventFilter]
    shown: list[dict]
    grouped: bool
    search_pending: bool
    incidents_found: int | None

    def rank(self) -> dict[str, int]:
        """Every event's place in the store's order: the store's map, shared with its index thread."""
        return self.app.store.positions()

    def apply_filter(self, flt: EventFilter, remember: bool = True) -> None:
        """Show the events passing `flt`; `remember` lets Esc come back to the previous one."""
        if remember and flt != self.flt:
            self.back_stack.append(self.flt)
        self.flt = flt
        self.shown = self.app.store.events(flt)  # the store answers from its indexes; kept, not copied
        event_list = self.query_one(EventList)
        event_list.set_empty_text(self.no_events_text(flt))
        event_list.set_events(self.shown, self.rank)
        if self.grouped:
            self.group_shown(flt, self.shown)
        self.update_events_title()

    def no_events_text(self, flt: EventFilter) -> str:
        """What the empty event list says."""
        if not flt.is_empty:
            return "no events match — Esc clears"
        return "no events in the store — add reports: Ctrl+P, “Add reports”"

    @property
    def events_heading(self) -> str:
        """The events pane's whole heading, every filter named, whether or not the title has room for it."""
        return events_title(len(self.shown), self.app.store.count(), self.flt, self.app.articles, self._grouping()).plain

    def _grouping(self) -> str:
        return f" · by incident ({self.incidents_found})" if self.grouped and self.incidents_found is not None else ""

    def update_events_title(self) -> None:
        """The counts and the filters in the pane's title where they fit; where they do not, the title
        says how many filters and the chips line under it lists them (all of them on `i`)."""
        pane = self.query_one("#events-pane")
        chips = self.query_one(FilterChips)
        grouping = self._grouping()
        whole = events_title(len(self.shown), self.app.store.count(), self.flt, self.app.articles, grouping)
        parts = filter_parts(self.flt, self.app.articles)
        room = pane.size.width - 6  # the corners and the spaces around the title
        if not parts or pane.size.width == 0 or whole.cell_length <= room:
            pane.border_title = whole
            chips.display = False
            return
        pane.border_title = events_title_short(len(self.shown), self.app.store.count(), self.flt, len(parts), grouping)
        chips.set_parts(parts, shown_key(self.app, "filters"))
        chips.display = True

    def action_show_filters(self) -> None:
        """`i`: every active filter in full, one a line."""
        parts = filter_parts(self.flt, self.app.articles)
        if not parts:
            say(self.app, "filters", "No filter: every event is shown.", title="Filters")
            return
        said = "\n".join(f"• {safe_line(part)}" for part in parts)
        say(self.app, "filters", f"{said}\nEsc steps back one filter.", title=f"Filters ({len(parts)}) · {len(self.shown)} events",
            timeout=12)

    def action_group(self) -> None:
        """Toggle grouping the shown events by incident (the same happening, reported several times)."""
        self.grouped = not self.grouped
        self.incidents_found = None
        if self.grouped:
            self.notify("Grouping the shown events by incident …")
            self.group_shown(self.flt, self.shown)
        else:
            self.query_one(EventList).set_events(self.shown, self.rank)
        self.update_events_title()

    @work(thread=True, exclusive=True, group="incidents")
    def group_shown(self, flt: EventFilter, shown: list[dict]) -> None:
        rows, marks, incidents = incident_rows(shown)
        self.app.call_from_thread(self._show_grouped, flt, rows, marks, incidents)

    def _show_grouped(self, flt: EventFilter, rows: list[dict], marks: dict[str, str], incidents: int) -> None:
        if self.grouped and flt == self.flt:
            self.incidents_found = incidents
            self.query_one(EventList).set_events(rows, None, marks)
            self.update_events_title()

    def action_back(self) -> None:
        search = self.query_one("#search", Input)
        if search.has_focus:  # Esc in the search box drops the search
            with search.prevent(Input.Changed):
                search.value = ""
            search.display = False
            self.apply_filter(replace(self.flt, text=""), remember=False)
            if self.back_stack and self.back_stack[-1] == self.flt:
                self.back_stack.pop()
            self.query_one(EventList).focus()
            search.can_focus = False
        elif self.back_stack:
            self.apply_filter(self.back_stack.pop(), remember=False)
            with search.prevent(Input.Changed):
                search.value = self.flt.text
            search.display = bool(self.flt.text)
        elif not self.flt.is_empty:
            self.apply_filter(EventFilter(), remember=False)
            search.display = False
        else:
            say(self.app, "back", "No filter to clear.")

    def action_filter_text(self) -> None:
        search = self.query_one("#search", Input)
        search.display = True
        search.can_focus = True
        search.value = self.flt.text
        search.focus()
        if not self.back_stack or self.back_stack[-1] != self.flt:
            self.back_stack.append(self.flt)

    def _search_now(self) -> None:
        self.search_pending = False
        text = self.query_one("#search", Input).value
        if text != self.flt.text:
            self.apply_filter(replace(self.flt, text=text), remember=False)

    def facet_options(self, facet: str) -> list[tuple[str, str, tuple[str, ...]]]:
        """(value, label, other names) per value the events carry, by name: "Al Waleed / Al Tanf  (12)",
        found also by its posts' names and spellings ("Tanf"); a faction by its aliases ("Daesh")."""
        field, _ = FACETS[facet]
        name, words = {"crossings": (crossing_name, crossing_words()), "factions": (faction_name, faction_words())}.get(
            facet, (str, {}))
        options = [(value, f"{name(value)}  ({n})", words.get(value, ())) for value, n in self.value_counts(field).items()]
        return sorted(options, key=lambda option: option[1].casefold())

    def action_pick(self, facet: str) -> None:
        from tui.screens.picker import PickerScreen

        _, title = FACETS[facet]

        def picked(chosen: frozenset | None) -> None:
            if chosen is not None:
                self.apply_filter(replace(self.flt, **{facet: chosen}))

        self.app.push_screen(PickerScreen(title, self.facet_options(facet), getattr(self.flt, facet)), picked)

    def action_pick_dates(self) -> None:
        from tui.screens.dates import DateRangeScreen

        def picked(days) -> None:
            if days is not None:
                self.apply_filter(replace(self.flt, date_from=days[0], date_to=days[1]))

        self.app.push_screen(DateRangeScreen(self.flt.date_from, self.flt.date_to), picked)

    def clear_filters(self) -> None:
        self.apply_filter(EventFilter())

    def filter_to(self, facet: str, value: str) -> None:
        self.apply_filter(replace(self.flt, **{facet: frozenset([value])}))

    def filter_to_post(self, crossing: str, side: str) -> None:
        self.apply_filter(replace(self.flt, crossings=frozenset([crossing]), sides=frozenset([side])))

    def post_counts(self, crossings) -> dict[tuple[str, str], int]:
        """Events per (crossing, side) of the given crossings, for the posts the gazetteer knows."""
        counts = {}
        for crossing, side in post_names():
            if crossing in crossings:
                n = len(self.app.store.events(EventFilter(crossings=frozenset([crossing]), sides=frozenset([side]))))
                if n:
                    counts[(crossing, side)] = n
        return counts

    def value_counts(self, field: str) -> dict[str, int]:
        return {value: n for value, n in self.app.store.values(field).items() if value}
