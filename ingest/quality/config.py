"""Thresholds of the data-quality rules (expectations/thresholds.yml), shared by dbt and GX."""

from __future__ import annotations

from pathlib import Path

import yaml

from ingest.paths import EXPECTATIONS_DIR


def load_thresholds(directory: Path = EXPECTATIONS_DIR) -> dict[str, float]:
    with (directory / "thresholds.yml").open(encoding="utf-8") as handle:
        return yaml.safe_load(handle) or {}
