"""Fixtures of the e2e tests beyond tests/conftest.py."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import fazhi


@pytest.fixture(scope="session")
def exported(sample_warehouse: Path) -> Path:
    """`fazhi export` of the sample warehouse, once per session: its exports/ folder."""
    result = fazhi("export", warehouse=sample_warehouse)
    assert result.returncode == 0, result.stdout + result.stderr
    return sample_warehouse.parent / "exports"
