"""Every test runs against its own store and config folders, never the user's."""
from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
ARTICLES = REPO / "data" / "articles"


@pytest.fixture(autouse=True)
def isolated_user_dirs(tmp_path, monkeypatch):
    monkeypatch.setenv("CROSSWATCH_STORE", str(tmp_path / "user-store"))
    monkeypatch.setenv("CROSSWATCH_CONFIG", str(tmp_path / "user-config"))
    monkeypatch.setenv("CROSSWATCH_ANALYST", "test-analyst")
    yield


@pytest.fixture
def bundled_articles() -> list[Path]:
    return sorted(ARTICLES.glob("*.txt"))
