"""Fixtures of the classification tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.unit.classify.small_catalog import write_small_catalog


@pytest.fixture()
def seeds(tmp_path: Path) -> Path:
    """A seeds folder holding the small test catalog (tests/unit/classify/small_catalog.py)."""
    return write_small_catalog(tmp_path)
