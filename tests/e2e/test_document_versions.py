"""One county-year arriving more than once, and a report whose region is unknown, through `fazhi run`
(issue 5): same text after normalisation = one document; a changed version is kept and the marts use
the chosen one (latest publish date; an analyst's pick in seeds/document_choices.csv is covered by
the dbt unit test version_choice_prefers_analyst_then_latest_publish_date)."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from tests.conftest import REPORTS, SEEDS, fazhi

LANSHAN = SEEDS[0].read_text(encoding="utf-8")  # 蓝山县 2024: "办理法律援助案件155件"
assert LANSHAN.count("法律援助案件155件") == 1


@pytest.fixture(scope="module")
def versions_run(tmp_path_factory) -> tuple[Path, object, dict[str, str]]:
    folder = tmp_path_factory.mktemp("versions")
    batch = folder / "in"
    batch.mkdir()
    original = LANSHAN + "\n蓝山县人民政府\n2025年3月20日\n"
    revised = LANSHAN.replace("法律援助案件155件", "法律援助案件160件") + "\n蓝山县人民政府\n2025年4月10日\n"
    # the revision sorts (and is ingested) first, so "latest ingested" would pick the original:
    # only the publish-date rule picks the revision
    (batch / "1_revised.txt").write_text(revised, encoding="utf-8")
    (batch / "2_original.txt").write_text(original, encoding="utf-8")
    # the same report re-encoded (GBK has no no-break space: a mirror that turned them into spaces)
    (batch / "3_original_gb18030.txt").write_bytes(original.replace("\xa0", " ").encode("gb18030"))
    (batch / "025.txt").write_bytes((REPORTS / "dev" / "025.txt").read_bytes())  # names no region
    warehouse = folder / "fazhi.duckdb"
    result = fazhi("run", str(batch), warehouse=warehouse)
    assert result.returncode == 0, result.stdout + result.stderr
    con = duckdb.connect(str(warehouse), read_only=True)
    ids = dict(con.execute("select file_name, doc_id from raw.documents").fetchall())
    con.close()
    return warehouse, result, ids


def _query(warehouse: Path, sql: str, params: list | None = None) -> list[tuple]:
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        return con.execute(sql, params or []).fetchall()
    finally:
        con.close()


def test_same_text_in_two_encodings_is_one_document(versions_run):
    warehouse, _, ids = versions_run
    rows = _query(warehouse, "select file_name, encoding, content_hash from raw.documents "
                             "where file_name like '%original%' order by file_name")
    assert [(name, encoding) for name, encoding, _ in rows] == [("2_original.txt", "utf-8"),
                                                                 ("3_original_gb18030.txt", "gb18030")]
    assert rows[0][2] == rows[1][2]  # equal content_hash, two raw rows (two doc_ids)
    assert ids["2_original.txt"] != ids["3_original_gb18030.txt"]
    flags = dict((name, rest) for name, *rest in _query(
        warehouse, "select file_name, is_duplicate_content, same_as_doc_id, is_chosen_version from marts.dim_document "
                   "where file_name like '%original%'"))
    duplicate = [name for name, (is_dup, _, _) in flags.items() if is_dup]
    assert len(duplicate) == 1
    kept = ({"2_original.txt", "3_original_gb18030.txt"} - set(duplicate)).pop()
    assert flags[duplicate[0]][1:] == [ids[kept], False]  # points at the copy kept, never chosen
    assert flags[kept][:2] == [False, ids[kept]]


def test_changed_version_is_kept_and_latest_publish_date_is_chosen(versions_run):
    warehouse, _, ids = versions_run
    rows = _query(warehouse, "select file_name, publish_date::varchar, version_rank, version_count, is_chosen_version "
                             "from marts.dim_document where region_name = '蓝山县' and not is_duplicate_content "
                             "order by version_rank")
    assert rows == [("1_revised.txt", "2025-04-10", 1, 2, True), ("2_original.txt", "2025-03-20", 2, 2, False)]
    assert _query(warehouse, "select legal_aid_cases from marts.mart_legal_aid where region_name = '蓝山县' and year = 2024") == [(160.0,)]
    observed = _query(warehouse, "select value, doc_id from marts.fct_indicator_observation "
                                 "where region_name = '蓝山县' and report_year = 2024 and indicator_code = 'legal_aid_cases'")
    assert observed == [(160.0, ids["1_revised.txt"])]
    # every observation of 蓝山县 2024 comes from the chosen version, once
    docs = _query(warehouse, "select distinct doc_id from marts.fct_indicator_observation "
                             "where region_name = '蓝山县' and report_year = 2024")
    assert docs == [(ids["1_revised.txt"],)]


def test_unresolved_region_is_listed_by_run_and_in_the_quality_report(versions_run):
    warehouse, result, ids = versions_run
    assert "unresolved region: 025.txt (no region name found" in result.stdout
    assert _query(warehouse, "select region_status, region_code from marts.dim_document where file_name = '025.txt'") == [
        ("unresolved", None)]
    findings = _query(warehouse, "select severity, doc_id from quality.dq_findings "
                                 "where rule_id = 'coverage.unresolved_region' and file_name = '025.txt'")
    assert findings == [("warning", ids["025.txt"])]
    # the summary links to a page of the reports without a region (issue 16: one page per province)
    assert 'href="regions/unresolved.html"' in (warehouse.parent / "dq_report" / "index.html").read_text(encoding="utf-8")
    report = (warehouse.parent / "dq_report" / "regions" / "unresolved.html").read_text(encoding="utf-8")
    # the rule id is in the summary table whatever was found, and 025.txt has other findings: look at
    # the section of reports without a region, and the unresolved-region finding in it
    heading = ">未识别地区 Unresolved region</h2>"
    assert heading in report
    section = report.split(heading, 1)[1]
    assert "(coverage.unresolved_region, 1)" in section and "025.txt" in section.split("(coverage.unresolved_region, 1)", 1)[1]



def test_version_choice_does_not_depend_on_load_order(tmp_path: Path):
    """Two undated versions of one county-year (155 vs 160 legal-aid cases, same length): loaded in
    either order, in separate runs, the marts choose the same version (issue 18, item 2)."""
    first = tmp_path / "a_first.txt"
    second = tmp_path / "b_second.txt"
    first.write_text(LANSHAN, encoding="utf-8")
    second.write_text(LANSHAN.replace("法律援助案件155件", "法律援助案件160件"), encoding="utf-8")
    chosen = []
    for order in ((first, second), (second, first)):
        warehouse = tmp_path / f"{order[0].stem}.duckdb"
        for path in order:
            result = fazhi("ingest", str(path), warehouse=warehouse)
            assert result.returncode == 0, result.stderr
        result = fazhi("build", warehouse=warehouse)
        assert result.returncode == 0, result.stdout + result.stderr
        chosen.append(_query(warehouse, "select d.file_name, d.version_choice_basis, m.legal_aid_cases "
                                        "from marts.dim_document d join marts.mart_legal_aid m "
                                        "on m.region_name = d.region_name and m.year = d.report_year "
                                        "where d.is_chosen_version and d.region_name = '蓝山县'"))
    assert len(chosen[0]) == 1 and chosen[0][0][1] == "smallest content hash"
    assert chosen[0] == chosen[1]
