"""`fazhi run` on the bundled sample: a real DuckDB file, real dbt, real GX (issue 3)."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import fazhi, table_counts

SEED_COUNTIES = {"蓝山县", "屈原管理区", "长沙县", "衡山县", "曲沃县"}
DATA_TABLES = ("raw.documents", "raw.facts", "marts.fct_indicator_observation", "marts.dim_document",
               "marts.mart_legal_aid", "quality.dq_findings")


def test_sample_run_holds_all_seed_counties(query):
    names = {row[0] for row in query("select distinct region_name from marts.fct_indicator_observation where is_county_level")}
    assert SEED_COUNTIES <= names
    for county in SEED_COUNTIES:
        facts = query(
            "select count(*) from raw.facts f join raw.documents d using (doc_id) where d.region_name = ?", [county]
        )[0][0]
        assert facts > 20, county


def test_summary_names_the_outputs(tmp_path: Path):
    warehouse = tmp_path / "wh.duckdb"
    first = fazhi("run", warehouse=warehouse)
    assert first.returncode == 0, first.stdout + first.stderr
    for label in ("documents", "facts", "county-years", "indicators observed", "findings", "data-quality report"):
        assert label in first.stdout
    assert (tmp_path / "dq_report" / "index.html").exists()
    counts_before = _counts(warehouse)
    second = fazhi("run", warehouse=warehouse)
    assert second.returncode == 0, second.stdout + second.stderr
    assert "new documents: 0" in second.stdout
    assert _counts(warehouse) == counts_before


def _counts(warehouse: Path) -> dict[str, int]:
    return table_counts(warehouse, DATA_TABLES)
