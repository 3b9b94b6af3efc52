"""Change over time, coverage, and the documentation of the marts (issue 6)."""

from __future__ import annotations

import importlib.util
import shutil
from pathlib import Path

from ingest.dbt_runner import run_dbt

from .conftest import REPO


def test_same_county_over_years(query):
    # dev/018 (2020) and dev/019 (2021) are both 闵行区 reports: its rank is stated in both years.
    rows = query(
        "select previous_year, report_year, previous_value, value, change_absolute from marts.fct_indicator_change "
        "where region_name = '闵行区' and indicator_code = 'performance_rank'")
    assert rows == [(2020, 2021, 1.0, 1.0, 0.0)]
    years = {r[0] for r in query("select distinct report_year from marts.dim_document where region_name = '闵行区'")}
    assert years == {2018, 2020, 2021}


def test_coverage_lists_what_each_county_year_reports(query):
    row = query("select indicators_reported, indicator_codes from marts.mart_region_year_coverage "
                "where region_name = '蓝山县' and year = 2024")[0]
    codes = row[1].split(", ")
    assert row[0] == len(codes)
    assert {"legal_aid_cases", "mediation_cases", "mediation_success_rate"} <= set(codes)


def test_wide_mart_docs_match_the_catalog():
    spec = importlib.util.spec_from_file_location("generate_mart_docs", REPO / "scripts" / "generate_mart_docs.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert module.TARGET.read_text(encoding="utf-8") == module.render(), "run scripts/generate_mart_docs.py"


def test_every_wide_mart_column_is_documented(query):
    import yaml

    docs = yaml.safe_load((REPO / "dbt_project" / "models" / "marts" / "_domain_marts.yml").read_text(encoding="utf-8"))
    for model in docs["models"]:
        documented = {c["name"] for c in model["columns"]}
        actual = {r[0] for r in query(
            "select column_name from information_schema.columns where table_schema = 'marts' and table_name = ?",
            [model["name"]])}
        assert actual and actual == documented, model["name"]


def test_dbt_docs_generate(sample_warehouse, tmp_path: Path):
    copy = tmp_path / "docs.duckdb"
    shutil.copy(sample_warehouse, copy)
    outcome = run_dbt(copy, "docs generate")
    assert outcome.success, outcome.failures
    assert (tmp_path / "dbt_target" / "catalog.json").exists()
