"""The columns of a finding (quality.dq_findings): the rule's own, then the columns every dbt check model
shares, read from the check models' contract in dbt_project/models/checks/_checks__models.yml."""

from __future__ import annotations

from functools import cache

import yaml

from ingest.paths import DBT_PROJECT_DIR
from ingest.quality.suites import check_model_names

CHECK_MODELS_YML = DBT_PROJECT_DIR / "models" / "checks" / "_checks__models.yml"
RULE_COLUMNS = {"finding_id": "varchar", "rule_id": "varchar", "severity": "varchar", "title": "varchar"}
CHECK_KEY = "check_id"  # a finding's id is the rule id plus this; not a column of dq_findings


@cache
def finding_types() -> dict[str, str]:
    """dq_findings column -> DuckDB type, in order: the rule's columns, then the columns all check models
    validated by a suite share (their contract), without the check key."""
    models = {m["name"]: m for m in yaml.safe_load(CHECK_MODELS_YML.read_text(encoding="utf-8"))["models"]}
    validated = [models[name] for name in dict.fromkeys(check_model_names())]
    first, *others = validated
    shared = [c for c in first["columns"]
              if all(c["name"] in {o["name"] for o in other["columns"]} for other in others)]
    return {**RULE_COLUMNS, **{c["name"]: c.get("data_type", "varchar") for c in shared if c["name"] != CHECK_KEY}}


def finding_columns() -> list[str]:
    return list(finding_types())
