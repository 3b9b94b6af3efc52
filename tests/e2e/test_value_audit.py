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
