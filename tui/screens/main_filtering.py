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
from store.names import crossing_names, faction_names
from tui.screens.describe import events_title
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
        self.query_one(EventList).set_events(self.shown, self.rank)
        if self.grouped:
            self.group_shown(flt, self.shown)
        self.update_events_title()

    def update_events_title(self) -> None:
        grouping = f" · by incident ({self.incidents_found})" if self.grouped and self.incidents_found is not None else ""
        self.query_one("#events-pane").border_title = events_title(
            len(self.shown), self.app.store.count(), self.flt, self.app.articles, grouping
        )

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
        elif self.back_stack:
            self.apply_filter(self.back_stack.pop(), remember=False)
            self.query_one("#search", Input).value = self.flt.text
        elif not self.flt.is_empty:
            self.apply_filter(EventFilter(), remember=False)
        else:
            self.notify("No filter to clear.")

    def action_filter_text(self) -> None:
        search = self.query_one("#search", Input)
        search.display = True
        search.value = self.flt.text
        search.focus()
        if not self.back_stack or self.back_stack[-1] != self.flt:
            self.back_stack.append(self.flt)

    def _search_now(self) -> None:
        self.search_pending = False
        text = self.query_one("#search", Input).value
        if text != self.flt.text:
            self.apply_filter(replace(self.flt, text=text), remember=False)

    def facet_options(self, facet: str) -> list[tuple[str, str]]:
        """(value, label) per value the events carry: id, display name, number of events."""
        field, _ = FACETS[facet]
        names = {"crossings": crossing_names(), "factions": faction_names()}.get(facet, {})
        options = []
        for value, n in sorted(self.value_counts(field).items()):
            name = names.get(value)
            options.append((value, f"{value} — {name}  ({n})" if name and name != value else f"{value}  ({n})"))
        return options

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

    def value_counts(self, field: str) -> dict[str, int]:
        return {value: n for value, n in self.app.store.values(field).items() if value}
