"""Broken user files (config, keymap) never stop Crosswatch: a clear message, then defaults."""
from __future__ import annotations

import asyncio
import json

import pytest

from store.config import analyst_name, config_path

BROKEN = {
    "not JSON": b"analyst = eve",
    "wrong shape": b'["eve"]',
    "binary": bytes(range(256)),
    "deeply nested": b"[" * 100_000 + b"]" * 100_000,
}


@pytest.mark.parametrize("label", BROKEN)
def test_broken_config_falls_back_to_the_environment(label, monkeypatch):
    path = config_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(BROKEN[label])
    monkeypatch.setenv("CROSSWATCH_ANALYST", "eve")
    assert analyst_name() == "eve"
    assert path.read_bytes() == BROKEN[label]  # never rewritten


@pytest.mark.parametrize("label", BROKEN)
def test_broken_keymap_is_refused_in_one_line(label):
    from tui.keymap import KeymapError, keymap_path, load_keymap

    path = keymap_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(BROKEN[label])
    with pytest.raises(KeymapError) as caught:
        load_keymap()
    assert str(path) in str(caught.value) and "\n" not in str(caught.value)


async def test_browser_opens_with_a_broken_keymap_and_says_so(tmp_path):
    from store.db import Store
    from tests.conftest import ARTICLES
    from tui.app import CrosswatchApp
    from tui.keymap import keymap_path

    path = keymap_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps({"no.such.binding": "z", "quit": "[bold]"}))
    folder = tmp_path / "store"
    with Store.open(folder) as st:
        st.ingest([ARTICLES / "004_13ff700055651627.txt"])
    app = CrosswatchApp(folder)
    async with app.run_test(size=(120, 40)) as pilot:
        await asyncio.wait_for(app.ready.wait(), timeout=20)
        await pilot.pause()
        assert app.failed is None
        said = " ".join(str(n.message) for n in app._notifications)
        assert "keymap" in said.lower() or str(path) in said
        assert app.is_running
