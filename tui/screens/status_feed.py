"""What the status pane needs from `store.status`, in one place.

The status rules live in `store.status` (owned by the status engineer); this
module only calls them and turns their answer into the rows the pane shows.
"""
from __future__ import annotations

from typing import Iterable, Sequence

from store.filters import event_day


def newest_report(events: Iterable[dict]) -> str | None:
    days = [e.get("published") for e in events if e.get("published")]
    return max(days) if days else None


def change_days(events: Sequence[dict]) -> list[str]:
    """Days on which the status may change, oldest first."""
    try:
        from store.status import change_dates
    except ImportError:
        return sorted({d for e in events if e.get("decision") != "rejected" and (d := event_day(e))})
    return [str(d) for d in change_dates(list(events))]


def step_as_of(days: Sequence[str], current: str | None, step: int) -> str | None:
    """The previous (`step` < 0) or next change day from `current`; None when there is none."""
    if not days:
        return None
    if current is None:
        return days[-1]
    if step < 0:
        earlier = [d for d in days if d < current]
        return earlier[-1] if earlier else None
    later = [d for d in days if d > current]
    return later[0] if later else None


def status_posts(events: Sequence[dict], as_of: str | None) -> list[dict]:
    """One row per post: crossing, side, holder, since, last_report, sources, contested, open."""
    from store.status import compute_status

    result = compute_status(list(events), as_of=as_of)
    posts = result.get("posts", []) if isinstance(result, dict) else result
    return [p if isinstance(p, dict) else dict(p.__dict__) for p in posts]


def crossing_names() -> dict[str, str]:
    """Crossing id -> "Al Waleed / Al Tanf", from the bundled gazetteer ({} if unreadable)."""
    import json

    from store.paths import bundled_data

    try:
        gazetteer = json.loads((bundled_data() / "gazetteer.json").read_text(encoding="utf-8"))
        return {c["id"]: c.get("name", "") for c in gazetteer.get("crossings", [])}
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return {}


def export_to_file(store, fmt: str, flt=None) -> str:
    """Run `crosswatch export` in a child process (it opens the store read-only) into exports/."""
    import datetime as dt
    import subprocess
    import sys

    folder = store.folder / "exports"
    folder.mkdir(exist_ok=True)
    path = folder / f"crosswatch-{dt.datetime.now():%Y%m%d-%H%M%S}.{fmt}"
    command = [sys.executable, "-m", "tui", "--store", str(store.folder), "export", "--format", fmt]
    with open(path, "w", encoding="utf-8") as out:
        done = subprocess.run(command, stdout=out, stderr=subprocess.PIPE, text=True, timeout=600)
    if done.returncode != 0:
        path.unlink(missing_ok=True)
        raise RuntimeError((done.stderr.strip().splitlines() or ["crosswatch export failed"])[-1])
    return str(path)
