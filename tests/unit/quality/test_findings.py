"""quality.dq_findings' columns come from the check models' contract, defined once in dbt's YAML."""

from __future__ import annotations

import yaml

from ingest.quality.findings import CHECK_MODELS_YML, RULE_COLUMNS, finding_types
from ingest.quality.suites import check_model_names


def test_finding_columns_are_the_contract_of_every_validated_check_model():
    types = finding_types()
    assert list(types)[:len(RULE_COLUMNS)] == list(RULE_COLUMNS)
    shared = {name: data_type for name, data_type in types.items() if name not in RULE_COLUMNS}
    assert {"report_year": "integer", "start_offset": "integer", "sentence": "varchar"}.items() <= shared.items()
    models = {m["name"]: m for m in yaml.safe_load(CHECK_MODELS_YML.read_text(encoding="utf-8"))["models"]}
    for name in set(check_model_names()):
        columns = [(c["name"], c.get("data_type")) for c in models[name]["columns"] if c["name"] != "check_id"]
        assert columns[:len(shared)] == list(shared.items()), name
        assert models[name]["config"]["contract"]["enforced"] is True, name


def test_merged_findings_keep_only_the_reporters_a_data_only_build_left_alone():
    """Issue 16: the report of a data-only build is written from these while dbt tests; they must be what
    rows.write_findings leaves in the table (tests/unit/warehouse/test_rows.py)."""
    import pandas as pd

    from ingest.quality.findings import finding_columns, merge_findings

    def findings(*rows):
        return pd.DataFrame([{**dict.fromkeys(finding_columns()), "finding_id": f, "reporter_id": r} for f, r in rows],
                            columns=finding_columns())

    previous = findings(("old-a", "a"), ("old-b", "b"), ("old-none", None))
    merged = merge_findings(previous, findings(("new-b", "b"), ("new-none", None)), frozenset({"b"}))
    assert sorted(merged["finding_id"]) == ["new-b", "new-none", "old-a"]
    assert sorted(merge_findings(previous, findings(), frozenset())["finding_id"]) == ["old-a", "old-b"]
    assert list(merge_findings(previous, findings(("new-c", "c")), None)["finding_id"]) == ["new-c"]
