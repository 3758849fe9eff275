"""A few minutes of fuzzing the reader and the extractor (slow: run with `pytest -m slow`)."""
from __future__ import annotations

import os

import pytest

from bench.fuzz import fuzz


@pytest.mark.slow
def test_fuzz_extractor_for_a_few_minutes(tmp_path, capsys):
    seconds = float(os.environ.get("CROSSWATCH_FUZZ_SECONDS", "180"))
    tried, failed, events = fuzz(seconds, seed=20260101, save_dir=tmp_path / "failures")
    with capsys.disabled():
        print(f"\nfuzz: {tried} inputs tried, {events} events, {failed} failed")
    assert tried > 100
    assert failed == 0, f"failing inputs saved in {tmp_path / 'failures'}"
