"""Issue 13 item 8: a store on a read-only file system (or in a folder we may not write) opens
read-only and says so; the browser shows it, and every write is refused in one line."""
from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from test_tui_support import browse, bundled_store_template, press, store_dir  # noqa: F401
from store.db import Store, StoreLocked
from tui.cli import main


def _mount_read_only(folder: Path) -> bool:
    """A read-only bind mount of the folder over itself, where we may mount (root in a container)."""
    if os.geteuid() != 0:
        return False
    if subprocess.run(["mount", "--bind", str(folder), str(folder)], capture_output=True).returncode:
        return False
    if subprocess.run(["mount", "-o", "remount,bind,ro", str(folder)], capture_output=True).returncode:
        subprocess.run(["umount", str(folder)], capture_output=True)
        return False
    return True


@pytest.fixture
def frozen(store_dir):
    """The bundled store, now unwritable: on a read-only file system when we can mount one, else
    with its write permission taken away (which root ignores: then skipped)."""
    if _mount_read_only(store_dir):
        yield store_dir, "read-only file system"
        subprocess.run(["umount", str(store_dir)], check=True)
        return
    if os.geteuid() == 0:
        pytest.skip("cannot mount here, and root ignores permissions")
    for path in [store_dir, *store_dir.rglob("*")]:
        path.chmod(path.stat().st_mode & ~0o222)
    yield store_dir, "no permission to write"
    for path in [store_dir, *store_dir.rglob("*")]:
        path.chmod(path.stat().st_mode | 0o200)


def test_the_store_opens_read_only_and_refuses_writes_in_one_line(frozen):
    folder, why = frozen
    with Store.open(folder) as store:
        assert store.readonly and why in store.readonly_reason
        assert store.count() > 0 and store.article_text(store.articles()[0]["id"])
        with pytest.raises(StoreLocked, match="read-only") as refused:
            store.save_note(store.events()[0]["id"], "a note")
        assert "\n" not in str(refused.value)


async def test_the_browser_opens_says_read_only_and_refuses_a_decision(frozen):
    folder, why = frozen
    async with browse(folder) as (app, pilot):
        assert app.failed is None and app.store.readonly
        said = " ".join(str(n.message) for n in app._notifications)
        assert "READ-ONLY" in said and why in said
        await press(pilot, "a")
        refused = [str(n.message) for n in app._notifications if str(n.message).startswith("Not saved")]
        assert refused and why in refused[-1]
        assert not any(event.get("decision") for event in app.store.events())


def test_ingest_is_refused_in_one_line(frozen, capsys):
    folder, why = frozen
    from tests.conftest import ARTICLES

    assert main(["ingest", str(ARTICLES), "--store", str(folder)]) == 1
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and why in err and "nothing was written" in err
