"""`?`: every key of the browser with its binding id, as remapped by the user's keymap."""
from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from tui.keymap import APP_KEYS, MAIN_KEYS, REVIEW_KEYS, keymap_path
from tui.screens.sizes import SizeClasses

MOVES = (
    ("tab / shift+tab", "next / previous pane; below 120 columns the focused pane is large, the others fold to their title line"),
    ("z", "maximise the focused pane (main screen, timeline); z again or esc restores"),
    ("↑ ↓ / j k, pgup pgdn, home end", "move in a list or the article"),
    ("enter", "open: an article lists its events; a status row filters to its post"),
    ("ctrl+p", "command palette: filters, crossings, posts, factions, articles, export (CSV, JSONL, Markdown)"),
    ("c f, then type", "in a picker (or the palette) find a crossing or faction by any name: YPG, Daesh, Tanf, Abu Kamal"),
)
MARKS = (
    ("▶ ┃", "the lit sentence in the article (gutter)"),
    ("•", "another event's sentence in the article"),
    ("✎", "the event has a note (shown under its sentence)"),
    ("✓ ✗", "accepted / rejected"),
    ("◌", "a candidate: the rules found the crossing and event, not the actor; counts once completed (e) and accepted"),
    ("?", "hedged report (reportedly, claimed, …)"),
    ("⚠", "contested: sources disagree"),
    ("(assumed)", "status: no report names the post's holder yet; shown as its own state's by default"),
    ("a + b", "status: allies holding the post together (data/holding.json)"),
    ("≡", "the article is a syndicated copy of another (one source, not two)"),
    ("┌ │ └", "reports of one incident, when grouped by incident (g)"),
    ("(date)", "no date in the sentence: the publication date"),
)


class HelpScreen(SizeClasses, ModalScreen[None]):
    BINDINGS = [Binding("escape,q,question_mark,f1", "dismiss", "Close", id="help.close")]

    def __init__(self, keymap: dict[str, str]) -> None:
        super().__init__()
        self.keymap = keymap

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help", classes="dialog") as box:
            box.border_title = "Keys"
            yield Static(self.table())

    def shown_keys(self, keys: str) -> str:
        """`question_mark,f1` as the footer writes them: `?, f1`."""
        return ", ".join(self.app.get_key_display(Binding(key, "")) for key in keys.split(",") if key)

    def table(self) -> Table:
        table = Table(box=None, show_header=True, header_style="bold", expand=True)
        table.add_column("key")
        table.add_column("does")
        table.add_column("binding id", style="dim")
        for title, keys in (("Browser", APP_KEYS + MAIN_KEYS), ("Review mode (r)", REVIEW_KEYS)):
            table.add_row(Text(title, style="bold underline"), "", "")
            for key in keys:
                table.add_row(Text(self.shown_keys(self.keymap.get(key.id, key.keys))), Text(key.description), Text(key.id))
        table.add_row(Text("Moving", style="bold underline"), "", "")
        for keys, does in MOVES:
            table.add_row(Text(keys), Text(does), "")
        table.add_row(Text("Marks", style="bold underline"), "", "")
        for mark, means in MARKS:
            table.add_row(Text(mark), Text(means), "")
        table.add_row("", "", "")
        table.add_row(Text("remap keys in"), Text(str(keymap_path())), "")
        return table
