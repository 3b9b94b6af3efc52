"""The rule suites (expectations/suites/*.json) with their thresholds filled in from thresholds.yml."""

from __future__ import annotations

import json
from pathlib import Path
from string import Template

from ingest.paths import EXPECTATIONS_DIR
from ingest.quality.config import load_thresholds


class QualityError(Exception):
    """The checkpoint could not run (missing check model, malformed suite)."""


def load_suites(directory: Path = EXPECTATIONS_DIR) -> list[dict]:
    """Suite files with ${threshold} placeholders filled from thresholds.yml."""
    thresholds = {k: str(v) for k, v in load_thresholds(directory).items()}
    suites = []
    for path in sorted((directory / "suites").glob("*.json")):
        try:
            suites.append(json.loads(Template(path.read_text(encoding="utf-8")).substitute(thresholds)))
        except (KeyError, ValueError) as exc:
            raise QualityError(f"malformed suite {path.name}: {exc}") from None
    return suites


def check_model_names() -> list[str]:
    """The dbt check models the suites validate."""
    return [spec["check_model"] for spec in load_suites()]
