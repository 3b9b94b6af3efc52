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
