"""Every published value of the five seed reports, one line each, against a reviewed snapshot (issue 15,
item 6: "every published value is the one the text means"). A changed line is a changed reading of a
report: review it, then accept it with FAZHI_UPDATE_SNAPSHOTS=1 (the file is rewritten, the test passes).

Line: region | year | indicator | value unit | status | surface | sentence (derived rates quote the formula
and both sentences; stock figures say so after the status)."""

from __future__ import annotations

import difflib
import os
from pathlib import Path

import duckdb
import pytest

pytestmark = pytest.mark.e2e

SNAPSHOT = Path(__file__).resolve().parents[1] / "snapshots" / "value_audit.txt"

AUDIT_SQL = """
select
    observations.region_name,
    observations.report_year,
    observations.indicator_code,
    observations.value,
    observations.unit,
    observations.status,
    observations.period,
    observations.surface,
    observations.sentence,
    observations.formula,
    observations.numerator_sentence,
    observations.denominator_sentence,
    observations.before_value,
    observations.conflict,
    observations.alternatives
from marts.fct_indicator_observation as observations
inner join marts.dim_document as documents on documents.doc_id = observations.doc_id
where observations.is_county_level
    and replace(documents.source_path, '\\', '/') like '%/data/reports/seed/%'
"""


def _number(value: float) -> str:
    return f"{value:.4f}".rstrip("0").rstrip(".") if value != int(value) else str(int(value))


def audit_lines(warehouse: Path) -> list[str]:
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        rows = con.execute(AUDIT_SQL).fetchall()
    finally:
        con.close()
    lines = []
    for (region, year, indicator, value, unit, status, period, surface, sentence, formula, numerator_sentence,
         denominator_sentence, before_value, conflict, alternatives) in rows:
        status_text = status + ("" if period == "report" else f" ({period})")
        if before_value is not None:
            status_text += f" (before {_number(before_value)})"
        if conflict:
            status_text += f" (conflict: {alternatives})"
        if formula is not None and sentence is None:
            quoted = f"{formula}: {numerator_sentence} / {denominator_sentence}"
        else:
            quoted = sentence or ""
        cells = [region, str(year), indicator, f"{_number(value)} {unit or ''}".strip(), status_text, surface or "",
                 " ".join(quoted.split())]
        lines.append(" | ".join(cells))
    return sorted(lines)


def test_value_audit_matches_the_reviewed_snapshot(sample_warehouse: Path):
    lines = audit_lines(sample_warehouse)
    text = "\n".join(lines) + "\n"
    if os.environ.get("FAZHI_UPDATE_SNAPSHOTS") == "1":
        SNAPSHOT.parent.mkdir(parents=True, exist_ok=True)
        SNAPSHOT.write_text(text, encoding="utf-8")
        return
    assert SNAPSHOT.exists(), f"no snapshot yet: run with FAZHI_UPDATE_SNAPSHOTS=1 to write {SNAPSHOT}"
    expected = SNAPSHOT.read_text(encoding="utf-8")
    if text != expected:
        diff = "".join(difflib.unified_diff(expected.splitlines(keepends=True), text.splitlines(keepends=True),
                                            "tests/snapshots/value_audit.txt (reviewed)", "the marts now"))
        pytest.fail("the published values of the seed reports changed; review the diff, then accept it with "
                    "FAZHI_UPDATE_SNAPSHOTS=1:\n" + diff)


# --- the real cases issue 15 names, on the bundled sample ------------------------------------------------

def test_no_rate_from_counts_the_text_does_not_relate(query):
    # 屈原管理区: "优秀文件一份" (regulations) and "50 本案卷" (case files) in other sections: no excellent rate
    assert query("select value, status from marts.fct_indicator_observation where region_name = '屈原管理区' "
                 "and indicator_code = 'quality_review_excellent_rate'") == []
    derived = query("select formula, numerator_value, denominator_value, numerator_sentence, denominator_sentence "
                    "from marts.fct_indicator_observation where status = 'derived'")
    assert derived and all(all(cell is not None for cell in row) for row in derived)


def test_before_after_publishes_the_after_figure_with_the_before_beside_it(query):
    rows = query("select value, before_value, reduction, round(reduction_percent, 2) from marts.fct_indicator_observation "
                 "where region_name = '长沙县' and indicator_code = 'service_windows'")
    assert rows == [(84, 144, -60, -41.67)]  # "前台窗口数量由144个压缩到84个,压减41.7%"
    assert query("select value from marts.fct_indicator_observation where region_name = '长沙县' "
                 "and indicator_code = 'service_windows_reduction_rate'") == [(41.7,)]


def test_stock_figures_are_their_own_observations(query):
    assert query("select value, period from marts.fct_indicator_observation where region_name = '蓝山县' "
                 "and indicator_code = 'enforcement_officers'") == [(1002, "stock")]  # "目前共有行政执法人员1002人"
    assert query("select enforcement_officers from marts.mart_enforcement where region_name = '蓝山县'") == [(None,)]


def test_conflicting_exact_statements_are_flagged(query):
    rows = query("select value, conflict, alternatives from marts.fct_indicator_observation "
                 "where region_name = '长沙县' and indicator_code = 'quality_review_excellent_rate'")
    assert rows == [(80.66, True, "88.5 (88.5%)")]
    assert query("select count(*) from quality.dq_findings where rule_id = 'extraction.conflicting_statements' "
                 "and region_name = '长沙县'") == [(1,)]


def test_every_figure_is_published_or_listed_with_its_reason(query):
    (facts,), = query("select count(*) from raw.facts")
    (published,), = query("select count(*) from marts.fct_indicator_observation where start_offset is not null")
    (befores,), = query("select count(*) from marts.fct_indicator_observation where before_value is not null")
    (listed,), = query("select count(*) from marts.fct_figure_not_published where reason is not null")
    assert published + befores + listed == facts
