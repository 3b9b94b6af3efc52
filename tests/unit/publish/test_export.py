"""fazhi export: every mart as Parquet partitioned by report year and as CSV with a BOM, and a
Frictionless datapackage.json whose fields carry types, the dbt YAML's descriptions and units."""

from __future__ import annotations

import json

import pandas as pd

from ingest.publish.export import export_marts, table_schema_type


def test_marts_become_partitioned_parquet_bom_csv_and_a_datapackage(mini_warehouse, tmp_path):
    folder = tmp_path / "exports"
    summary = export_marts(mini_warehouse, folder)
    assert summary.marts == ["dim_indicator", "fct_indicator_observation", "mart_legal_aid", "mart_region_year_coverage"]

    raw = (folder / "csv" / "mart_legal_aid.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # Excel reads UTF-8 only with the BOM
    assert "蓝山县" in raw.decode("utf-8-sig")
    assert sorted(p.name for p in (folder / "parquet" / "mart_legal_aid").iterdir()) == ["report_year=2023", "report_year=2024"]
    frame = pd.read_parquet(folder / "parquet" / "mart_legal_aid")
    assert len(frame) == 4 and set(frame["report_year"].astype(int)) == {2023, 2024}
    assert (folder / "parquet" / "dim_indicator.parquet").is_file()  # no report year: one file

    package = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))
    resources = {r["name"]: r for r in package["resources"]}
    csv_resource, parquet_resource = resources["mart_legal_aid"], resources["mart_legal_aid-parquet"]
    assert csv_resource["path"] == "csv/mart_legal_aid.csv" and csv_resource["encoding"] == "utf-8-sig"
    assert all((folder / p).is_file() for p in parquet_resource["path"]) and parquet_resource["partitioned_by"] == "report_year"
    fields = {f["name"]: f for f in csv_resource["schema"]["fields"]}
    assert fields["legal_aid_cases"]["type"] == "number" and fields["legal_aid_cases"]["unit"] == "件"
    assert fields["report_year"]["type"] == "integer" and fields["region_name"]["type"] == "string"
    assert "法律援助案件" in fields["legal_aid_cases"]["description"]  # from dbt_project/models/marts/_domain_marts.yml
    assert "fct_indicator_observation" in csv_resource["description"]  # says where unit, qualifier and status went
    observation = {f["name"]: f for f in resources["fct_indicator_observation"]["schema"]["fields"]}
    assert observation["value"]["description"]


def test_duckdb_types_map_to_table_schema_types():
    assert [table_schema_type(t) for t in ("VARCHAR", "INTEGER", "BIGINT", "DOUBLE", "DECIMAL(18,3)", "BOOLEAN",
                                           "DATE", "TIMESTAMP", "VARCHAR[]", "JSON")] == [
        "string", "integer", "integer", "number", "number", "boolean", "date", "datetime", "array", "object"]
