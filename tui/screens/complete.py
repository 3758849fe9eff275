"""`e`: complete a candidate by choosing its actor from the factions, by display name.

A candidate is a sentence naming a crossing and an event word whose actor the rules could
not resolve (store.counted). One choice fills the gap: the app writes the correction
`{"actor": id}` with the decision "accepted", and from then on the candidate counts as an
event. A single-choice list (Enter picks) rather than the filter pickers' checklist: a
candidate has one actor.
"""
from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Label, OptionList
from textual.widgets.option_list import Option

from store.names import also_known_as, faction_names
from store.sanitize import safe_line
from tui.screens.sizes import SizeClasses


def actor_options() -> list[tuple[str, str]]:
    """(faction id, what the analyst reads) for every known faction: its name and a few others it
    goes by ("Syrian Democratic Forces — SDF, YPG, ..."), never the id."""
    def label(fid: str, name: str) -> str:
        others = also_known_as(fid)
        return f"{name} — {', '.join(others)}" if others else name

    return sorted(((fid, label(fid, name)) for fid, name in faction_names().items()), key=lambda option: option[1].casefold())


class ActorScreen(SizeClasses, ModalScreen[str | None]):
    """Dismisses with the chosen faction id, or None when cancelled."""

    BINDINGS = [Binding("escape", "cancel", "Cancel", id="complete.cancel")]

    def __init__(self, sentence: str, current: str | None = None) -> None:
        super().__init__()
        self.sentence = sentence
        self.current = current

    def compose(self) -> ComposeResult:
        with Vertical(id="complete", classes="dialog") as box:
            box.border_title = "Complete the candidate: who?"
            yield Label(Text(safe_line(self.sentence)[:300]), classes="quote")
            yield Label("↑↓: choose · enter: accept with this actor · esc: cancel", classes="hint")
            yield OptionList(*(Option(Text(safe_line(label)), id=fid) for fid, label in actor_options()))

    def on_mount(self) -> None:
        options = self.query_one(OptionList)
        if self.current:
            try:
                options.highlighted = options.get_option_index(self.current)
            except Exception:  # an actor no longer among the factions: start at the top
                pass
        options.focus()

    def on_option_list_option_selected(self, message: OptionList.OptionSelected) -> None:
        self.dismiss(message.option.id)

    def action_cancel(self) -> None:
        self.dismiss(None)


def complete_candidate(screen, event: dict, done=None) -> None:
    """Open the chooser for `event`; a choice is written through the app, then `done()` runs."""

    def chosen(actor: str | None) -> None:
        if actor is not None and screen.app.decide(event["id"], "accepted", {"actor": actor}):
            screen.notify(safe_line(f"Completed: {faction_names().get(actor, actor)}, accepted."), markup=False)
            if done is not None:
                done()

    screen.app.push_screen(ActorScreen(event.get("sentence") or "", event.get("actor")), chosen)
