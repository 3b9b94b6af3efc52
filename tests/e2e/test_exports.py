"""What analysts open (issue 17): the exports open in pandas, CSV as UTF-8 (with the BOM Excel needs),
the datapackage describes every column, the data dictionary is one offline page linked from the
data-quality report, and the marts' columns carry their descriptions as DuckDB comments."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pandas as pd


def test_every_mart_is_exported_to_parquet_by_year_and_bom_csv(exported: Path, query):
    marts = [row[0] for row in query("select table_name from information_schema.tables where table_schema = 'marts' order by 1")]
    package = json.loads((exported / "datapackage.json").read_text(encoding="utf-8"))
    assert sorted({r["name"].removesuffix("-parquet") for r in package["resources"]}) == marts
    frame = pd.read_parquet(exported / "parquet" / "mart_legal_aid")
    (expected,) = query("select count(*) from marts.mart_legal_aid")[0]
    assert len(frame) == expected and 2024 in set(frame["report_year"].astype(int))
    assert (exported / "parquet" / "fct_indicator_observation" / "report_year=2024").is_dir()
    raw = (exported / "csv" / "fct_indicator_observation.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    assert raw.decode("utf-8").split(",", 1)[0] == "\ufeffreporter_id"  # valid UTF-8; the BOM is what Excel needs
    csv = pd.read_csv(exported / "csv" / "fct_indicator_observation.csv", encoding="utf-8-sig")
    (rows,) = query("select count(*) from marts.fct_indicator_observation")[0]
    assert len(csv) == rows and "蓝山县" in set(csv["region_name"])
    for resource in package["resources"]:
        columns = {c for (c,) in query("select column_name from duckdb_columns() where schema_name = 'marts' and table_name = ?",
                                       [resource["name"].removesuffix("-parquet")])}
        assert {f["name"] for f in resource["schema"]["fields"]} == columns
    fields = {f["name"]: f for f in next(r for r in package["resources"] if r["name"] == "mart_legal_aid")["schema"]["fields"]}
    assert fields["legal_aid_cases"]["unit"] == "件" and fields["legal_aid_cases"]["description"]


def test_mart_columns_have_their_dbt_descriptions_as_duckdb_comments(query):
    comments = dict(query("select table_name || '.' || column_name, comment from duckdb_columns() "
                          "where schema_name = 'marts' and comment is not null"))
    assert comments["mart_legal_aid.legal_aid_cases"].startswith("法律援助案件 (件)")
    assert comments["mart_legal_aid.domain"].startswith("Catalog domain")
    assert comments["fct_indicator_observation.report_year"]
    (table_comment,) = query("select comment from duckdb_tables() where schema_name = 'marts' "
                             "and table_name = 'fct_indicator_observation'")[0]
    assert table_comment and "fact table" in table_comment


def test_wide_marts_name_their_domain_and_report_year(query):
    assert query("select distinct domain from marts.mart_legal_aid") == [("legal_services",)]
    assert query("select count(*) from marts.mart_legal_aid where year is distinct from report_year") == [(0,)]


def test_data_dictionary_is_one_offline_page_linked_from_the_report(exported: Path, sample_warehouse: Path):
    page = (exported / "data_dictionary.html").read_text(encoding="utf-8")
    assert len(page) > 100_000 and "mart_legal_aid" in page and "legal_aid_cases" in page
    assert not re.search(r"<(script|link)[^>]+(src|href)=\"https?://", page)  # nothing fetched from a CDN
    report = (sample_warehouse.parent / "dq_report" / "index.html").read_text(encoding="utf-8")
    assert 'href="../exports/data_dictionary.html"' in report and 'href="../exports/explorer.html"' in report
