"""Change over time, coverage, the documentation of the marts, dbt docs and the data-only build of
an unchanged project (issue 6)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import duckdb
import pytest
import yaml

from ingest.run.dbt import project_fingerprint, run_dbt
from tests.conftest import REPO, SEEDS, fazhi, load_script

MARTS_DIR = REPO / "dbt_project" / "models" / "marts"


def _generator():
    return load_script("generate_mart_docs")


def test_same_county_over_years(query):
    # dev/006, dev/018 and dev/019 are 闵行区's 2018, 2020 and 2021 reports; the 2018 excerpt has no
    # classified figure, and 2020/2021 share one indicator: the district's rank.
    years = {r[0] for r in query("select distinct report_year from marts.dim_document where region_name = '闵行区'")}
    assert years == {2018, 2020, 2021}
    rows = query(
        "select previous_year, report_year, years_between, previous_value, value, change_absolute, change_relative, "
        "is_like_for_like from marts.fct_indicator_change where region_name = '闵行区'")
    assert rows == [(2020, 2021, 1, 1.0, 1.0, 0.0, 0.0, True)]
    # dev/005 and dev/021 are 南昌县's 2019 and 2020 reports: no indicator in common, so no change row
    # (the arithmetic is pinned by the unit test change_has_gap_absolute_and_relative_change).
    assert len(query("select distinct report_year from marts.fct_indicator_observation where region_name = '南昌县'")) == 2
    assert query("select count(*) from marts.fct_indicator_change where region_name = '南昌县'") == [(0,)]


def test_change_rows_match_the_observations(query):
    # every change row is two observations of the long table, the newer one and the previous one
    mismatches = query("""
        select count(*) from marts.fct_indicator_change c
        left join marts.fct_indicator_observation n
            on n.reporter_id = c.reporter_id and n.indicator_code = c.indicator_code and n.report_year = c.report_year
        left join marts.fct_indicator_observation p
            on p.reporter_id = c.reporter_id and p.indicator_code = c.indicator_code and p.report_year = c.previous_year
        where n.value is distinct from c.value or p.value is distinct from c.previous_value""")
    assert mismatches == [(0,)]


def test_coverage_lists_what_each_county_year_reports(query):
    columns = [r[0] for r in query(
        "select column_name from information_schema.columns "
        "where table_schema = 'marts' and table_name = 'mart_region_year_coverage' and column_name like '%_indicators'")]
    domains = {r[0] for r in query("select distinct domain from marts.dim_indicator")}
    assert set(columns) == {f"{d}_indicators" for d in domains}
    total, legal_services, codes = query(
        "select indicators_reported, legal_services_indicators, indicator_codes from marts.mart_region_year_coverage "
        "where region_name = '蓝山县' and year = 2024")[0]
    listed = codes.split(", ")
    assert total == len(listed) == query(
        "select count(*) from marts.fct_indicator_observation where region_name = '蓝山县' and report_year = 2024 "
        "and is_county_level and period = 'report'")[0][0]  # coverage counts the year's figures, not stocks
    assert {"legal_aid_cases", "mediation_cases", "mediation_success_rate"} <= set(listed)
    assert legal_services >= 1
    # a county-year whose report has no classified figure is still listed, with nothing comparable
    assert query("select indicators_reported, indicator_codes from marts.mart_region_year_coverage "
                 "where region_name = '海港区' and year = 2022") == [(0, None)]


def test_wide_mart_docs_match_the_catalog():
    generator = _generator()
    assert generator.TARGET.read_text(encoding="utf-8") == generator.render(), "run scripts/generate_mart_docs.py"


def test_wide_mart_docs_go_stale_when_the_catalog_changes(tmp_path: Path):
    generator = _generator()
    catalog = tmp_path / "indicators.csv"
    catalog.write_text(generator.CATALOG.read_text(encoding="utf-8")
                       + "legal_aid_hotline_calls,法律援助热线来电,legal_services,count,次,,,Calls to the legal-aid hotline.\n",
                       encoding="utf-8")
    rendered = generator.render(catalog)
    assert rendered != generator.TARGET.read_text(encoding="utf-8")
    assert '- name: legal_aid_hotline_calls\n        description: "法律援助热线来电 (次): Calls to the legal-aid hotline."' in rendered


def test_every_mart_column_is_documented(query):
    documented: dict[str, set[str]] = {}
    for path in MARTS_DIR.glob("*.yml"):
        for model in yaml.safe_load(path.read_text(encoding="utf-8")).get("models", []):
            documented[model["name"]] = {c["name"] for c in model.get("columns", []) if c.get("description")}
    tables = [r[0] for r in query("select table_name from information_schema.tables where table_schema = 'marts'")]
    assert {p.stem for p in MARTS_DIR.glob("*.sql")} <= set(tables)
    for table in tables:
        actual = {r[0] for r in query(
            "select column_name from information_schema.columns where table_schema = 'marts' and table_name = ?",
            [table])}
        assert actual == documented.get(table), table


def test_unit_tests_ran_in_the_sample_build(sample_warehouse: Path):
    results = json.loads((sample_warehouse.parent / "dbt_target" / "fazhi_node_results.json").read_text(encoding="utf-8"))
    unit_tests = {r["unique_id"].split(".")[-1]: r["status"] for r in results
                  if r["unique_id"].startswith("unit_test.")}
    assert {"rate_is_derived_only_from_counts_the_text_relates", "candidates_rank_by_fit_not_position",
            "two_exact_figures_of_equal_fit_are_a_conflict", "listed_parts_of_an_unstated_total_are_withheld",
            "corrections_replace_add_and_remove",
            "version_choice_is_a_pure_function_of_the_documents",
            "previous_year_is_the_last_reported_year", "change_has_gap_absolute_and_relative_change",
            "unclassified_quantity_leaves_out_decided_figures"} <= set(unit_tests)
    assert set(unit_tests.values()) == {"pass"}


def test_dbt_docs_generate(sample_warehouse: Path, tmp_path: Path):
    copy = tmp_path / "docs.duckdb"
    shutil.copy(sample_warehouse, copy)  # docs generate must not touch the session's warehouse
    outcome = run_dbt(copy, "docs generate")
    assert outcome.success, outcome.failures
    catalog = json.loads((tmp_path / "dbt_target" / "catalog.json").read_text(encoding="utf-8"))
    assert {"model.fazhi.fct_indicator_change", "model.fazhi.mart_region_year_coverage"} <= set(catalog["nodes"])


def test_project_fingerprint_follows_project_and_seed_files(tmp_path: Path):
    project, seeds = tmp_path / "dbt_project", tmp_path / "seeds"
    (project / "models").mkdir(parents=True)
    (project / "target").mkdir()
    seeds.mkdir()
    (project / "models" / "m.sql").write_text("select 1", encoding="utf-8")
    (seeds / "regions.csv").write_text("region_code\n1\n", encoding="utf-8")
    first = project_fingerprint(project, seeds)
    (project / "target" / "manifest.json").write_text("{}", encoding="utf-8")  # dbt's own output
    (seeds / ".catalog_ready").write_text("", encoding="utf-8")
    assert project_fingerprint(project, seeds) == first
    (seeds / "regions.csv").write_text("region_code\n2\n", encoding="utf-8")
    second = project_fingerprint(project, seeds)
    assert second != first
    (project / "models" / "m.sql").write_text("select 2", encoding="utf-8")
    assert project_fingerprint(project, seeds) not in (first, second)


def test_run_on_unchanged_project_rebuilds_only_what_depends_on_data(sample_warehouse: Path, tmp_path: Path):
    warehouse = tmp_path / "wh" / "fazhi.duckdb"
    warehouse.parent.mkdir()
    shutil.copy(sample_warehouse, warehouse)
    # a second version of 蓝山县's 2024 report with the same publish date and a longer text (a corrected
    # reissue): the marts use it because it is longer, not because it was ingested later
    new = tmp_path / "new.txt"
    new.write_text(SEEDS[0].read_text(encoding="utf-8").replace("155件", "156件（更正）"), encoding="utf-8")
    result = fazhi("run", str(new), warehouse=warehouse)
    assert result.returncode == 0, result.stdout + result.stderr
    results = json.loads((tmp_path / "wh" / "dbt_target" / "fazhi_node_results.json").read_text(encoding="utf-8"))
    kinds = {r["unique_id"].split(".")[0] for r in results}
    built = {r["unique_id"].split(".")[2] for r in results if r["unique_id"].startswith("model.")}
    assert kinds == {"model", "seed", "test"}  # no unit test; the seeds are the analysts' two (issue 15)
    assert {r["unique_id"].split(".")[2] for r in results if r["unique_id"].startswith("seed.")} == {
        "corrections", "document_choices"}
    assert {"fct_indicator_observation", "dim_document", "mart_region_year_coverage", "int_build__changes"} <= built
    # views (the wide domain marts among them) follow the data without a rebuild
    assert not built & {"dim_region", "dim_indicator", "stg_raw__facts", "stg_reference__indicators", "mart_legal_aid"}
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        assert con.execute("select selection from raw.dbt_builds order by built_at").fetchall()[-2:] == [
            ("full",), ("data only",)]
        assert con.execute("select legal_aid_cases from marts.mart_legal_aid where region_name = '蓝山县' "
                           "and year = 2024").fetchall() == [(pytest.approx(156),)]
        assert con.execute("select count(*) from marts.dim_document where region_name = '蓝山县' "
                           "and report_year = 2024").fetchone()[0] == 2
        assert con.execute("select count(*) from quality.dq_findings").fetchone()[0] > 0
        # issue 16: the incremental models replaced only 蓝山县's rows (its reporter is the one changed)
        assert con.execute("select list(reporter_id) from intermediate.int_build__changes where kind = 'changed'").fetchone()[0] == [
            con.execute("select distinct reporter_id from marts.dim_document where region_name = '蓝山县'").fetchone()[0]]
    finally:
        con.close()
