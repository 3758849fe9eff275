"""The Crosswatch browser: opens the store in a worker, then shows the main screen.

The app holds what every screen shares (the open store, its articles and events)
and is the one place that writes: decisions, notes and undo go to the store at
once (the store updates its own event dicts) and the changed ids are announced
to every screen. A failed write is said in one line; the app stays up.
"""
from __future__ import annotations

import asyncio
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Iterable

from textual import work
from textual.app import App
from textual.message import Message

from store.sanitize import safe_line
from tui.keymap import APP_KEYS, KeymapError, load_keymap
from tui.screens.help import HelpScreen
from tui.screens.loading import LoadingScreen


class EventsChanged(Message):
    """These events changed in the store (a note, a decision or an undo)."""

    def __init__(self, event_ids: Iterable[str]) -> None:
        super().__init__()
        self.event_ids = frozenset(event_ids)


class StoreEvents(Mapping):
    """Every event by id, read from the store, which keeps them current: no second copy of 100,000 events."""

    def __init__(self, store) -> None:
        self.store = store

    def __getitem__(self, event_id: str) -> dict:
        return self.store.event(event_id)

    def __iter__(self) -> Iterator[str]:
        return (event["id"] for event in self.store.events())

    def __len__(self) -> int:
        return self.store.count()


class CrosswatchApp(App):
    TITLE = "Crosswatch"
    CSS_PATH = Path(__file__).parent / "styles" / "app.tcss"  # absolute: subclasses live elsewhere
    BINDINGS = [key.binding() for key in APP_KEYS]
    REREAD_ON_OPEN = True  # re-read reports an older extractor read (off for pictures of frozen events)

    def __init__(self, store_dir: Path, build_from: Path | None = None) -> None:
        super().__init__()
        self.store_dir = Path(store_dir)
        self.build_from = build_from
        self.store = None
        self.articles: dict[str, dict] = {}
        self.events: Mapping[str, dict] = {}
        self.user_keymap: dict[str, str] = {}
        self.ready = asyncio.Event()  # set once the main screen shows (or opening failed)
        self.failed: str | None = None

    # -- opening -------------------------------------------------------------------

    def on_mount(self) -> None:
        try:
            self.user_keymap = load_keymap()
        except KeymapError as err:
            self.notify(safe_line(str(err)), title="Keymap ignored", severity="error", timeout=10, markup=False)
        from store.config import config_problem
        from store.datafiles import override_problems

        for line in [config_problem(), *override_problems()]:
            if line:
                self.notify(safe_line(line), title="Setting ignored", severity="error", timeout=10, markup=False)
        self.set_keymap(self.user_keymap)
        self.push_screen(LoadingScreen(f"Opening {self.store_dir} …"))
        self.open_store()

    @work(thread=True, exclusive=True, group="open")
    def open_store(self) -> None:
        from tui.launch import open_or_build

        try:
            store, articles = open_or_build(self.store_dir, self.build_from, self._progress)
        except Exception as err:  # a clear line on screen beats a traceback
            self.call_from_thread(self._open_failed, safe_line(f"Cannot open the store {self.store_dir}: {err}"))
            return
        self.call_from_thread(self._opened, store, articles)

    def _progress(self, done: int, total: int, message: str) -> None:
        self.call_from_thread(self._show_progress, done, total, message)

    def _show_progress(self, done: int, total: int, message: str) -> None:
        if isinstance(self.screen, LoadingScreen):
            self.screen.progress(done, total, message)

    def _open_failed(self, message: str) -> None:
        self.failed = message
        if isinstance(self.screen, LoadingScreen):
            self.screen.failed(message)
        self.ready.set()

    def _opened(self, store, articles: list[dict]) -> None:
        from tui.screens.main import MainScreen

        self.store = store
        self.articles = {a["id"]: a for a in articles}
        self.events = StoreEvents(store)
        if getattr(store, "readonly", False):
            reason = getattr(store, "readonly_reason", None) or "another crosswatch has this store open"
            self.notify(safe_line(f"READ-ONLY: {reason}; nothing you do here is saved."),
                        title="Read-only", severity="warning", timeout=10, markup=False)
        for line in getattr(store, "recovered", ()):  # updates a kill cut short, finished or undone on open
            self.notify(safe_line(line), title="Store repaired", severity="warning", timeout=10, markup=False)
        self.switch_screen(MainScreen())
        self.call_after_refresh(self._first_paint_done)

    def _first_paint_done(self) -> None:
        """The data is on screen: now the store may build its indexes, and its snapshot, in the background."""
        self.store.warm()
        self.store.keep_snapshot()
        if self.REREAD_ON_OPEN and hasattr(self.screen, "start_reread"):
            self.screen.start_reread()  # stale reports are re-read in the background (tui/screens/reread.py)
        self.ready.set()

    async def settled(self, timeout: float = 600) -> None:
        """Wait until workers are done and every screen shows its latest status (tests, screenshots)."""
        deadline = asyncio.get_running_loop().time() + timeout
        while asyncio.get_running_loop().time() < deadline:
            await self.workers.wait_for_complete()
            if not any(getattr(screen, "status_pending", False) for screen in self.screen_stack):
                return
            await asyncio.sleep(0.01)

    def on_unmount(self) -> None:
        if self.store is not None:
            self.store.close()

    # -- writing -------------------------------------------------------------------

    def _writable(self) -> bool:
        if self.store is None or getattr(self.store, "readonly", False):
            self.say_read_only()
            return False
        return True

    def say_read_only(self) -> None:
        """A write refused: one line saying why this store is read-only (another window, a read-only disk)."""
        reason = getattr(self.store, "readonly_reason", None) or "another crosswatch holds it"
        self.notify(safe_line(f"Not saved: the store is read-only ({reason})."), severity="error", markup=False)

    def _reload(self, event_ids: Iterable[str]) -> None:
        ids = [i for i in event_ids if i]  # the store has updated its own dicts already
        for screen in self.screen_stack:
            screen.post_message(EventsChanged(ids))

    def _write(self, what: str, write) -> object:
        """Run one store write; a failure (disk full, lock lost) is said in one line, never raised."""
        from store.db import StoreError

        if not self._writable():
            return None
        try:
            return write()
        except (StoreError, OSError) as err:
            self.notify(safe_line(f"Not saved: {err}"), title=f"Could not {what}", severity="error", timeout=15, markup=False)
            return None

    def decide(self, event_id: str, decision: str | None, corrections: dict | None = None) -> bool:
        """Record a decision (and corrections: None keeps earlier ones). A candidate is accepted
        only once complete (store.counted), so an accept that would leave it open is refused."""
        from store.counted import still_missing

        event = self.events.get(event_id) if self.store is not None else None
        if decision == "accepted" and event is not None and event.get("candidate"):
            missing = still_missing({**event, **(corrections or {})})
            if missing:
                key = self._key_of("complete")
                self.notify(f"complete the {', '.join(missing)} first: {key}", severity="warning", markup=False)
                return False
        if self._write("record the decision", lambda: self.store.decide(event_id, decision, corrections) or True) is None:
            return False
        self._reload([event_id])
        return True

    def _key_of(self, action: str) -> str:
        """The key the current screen binds to `action`, as the footer writes it (the keymap may move it)."""
        for _node, binding, _enabled, _tooltip in self.screen.active_bindings.values():
            if binding.action == action:
                return self.get_key_display(binding)
        return "e"

    def save_note(self, event_id: str, text: str) -> bool:
        if self._write("save the note", lambda: self.store.save_note(event_id, text) or True) is None:
            return False
        self._reload([event_id])
        return True

    # -- keys ----------------------------------------------------------------------

    def action_help(self) -> None:
        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.user_keymap))
