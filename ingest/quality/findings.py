"""The columns of a finding (quality.dq_findings): the rule's own, then the columns every dbt check model
shares, read from the check models' contract (the `finding_columns` anchor of
dbt_project/models/checks/_checks__models.yml), so the list is defined once."""

from __future__ import annotations

from functools import cache

import pandas as pd
import yaml

from ingest.paths import DBT_PROJECT_DIR

CHECK_MODELS_YML = DBT_PROJECT_DIR / "models" / "checks" / "_checks__models.yml"
RULE_COLUMNS = {"finding_id": "varchar", "rule_id": "varchar", "severity": "varchar", "title": "varchar"}
CHECK_KEY = "check_id"  # a finding's id is the rule id plus this; not a column of dq_findings


@cache
def finding_types() -> dict[str, str]:
    """dq_findings column -> DuckDB type, in order: the rule's columns, then the check models' shared
    columns (the `finding_columns` anchor of their contract) without the check key."""
    document = yaml.safe_load(CHECK_MODELS_YML.read_text(encoding="utf-8"))
    shared = next(item["finding_columns"] for item in document["anchors"] if "finding_columns" in item)
    return {**RULE_COLUMNS, **{c["name"]: c["data_type"] for c in shared if c["name"] != CHECK_KEY}}


def finding_columns() -> list[str]:
    return list(finding_types())


def merge_findings(previous: pd.DataFrame, new: pd.DataFrame, changed: frozenset[str] | None) -> pd.DataFrame:
    """The findings after a data-only build, in memory (what rows.write_findings leaves in the table):
    `previous` without the `changed` reporters' findings and those of no reporter, plus `new`; `new`
    alone after a full rebuild (`changed` None)."""
    if changed is None:
        return new
    kept = previous[previous["reporter_id"].notna() & ~previous["reporter_id"].isin(changed)]
    if not len(new):
        return kept.reset_index(drop=True)
    return pd.concat([kept, new[list(previous.columns)]], ignore_index=True) if len(kept) else new

