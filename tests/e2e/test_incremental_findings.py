"""Issue 16: a data-only `fazhi run` revalidates only the changed reporters when the stored findings
describe the last build; otherwise (a `fazhi build` since, or no findings yet) it revalidates every
row. Either way the findings and the report equal what a full `fazhi check` gives."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import duckdb

from tests.conftest import REPO, fazhi

SEED = sorted((REPO / "data" / "reports" / "seed").glob("*.txt"))
# what may differ: the time written, and the note that a run validated only the changed reporters' rows
STAMP = re.compile(r"\d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC| \(this run validated the check rows of .*?cover all\)")


def _ok(result) -> None:
    assert result.returncode in (0, 1), result.stdout[-2000:] + result.stderr[-2000:]
    assert "published warehouse is unchanged" not in result.stdout + result.stderr, result.stderr[-2000:]


def _findings(warehouse: Path) -> list[tuple]:
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        return sorted(con.execute("select finding_id, reporter_id, observed from quality.dq_findings").fetchall(),
                      key=repr)
    finally:
        con.close()


def _pages(report: Path) -> dict[str, str]:
    return {p.relative_to(report).as_posix(): STAMP.sub("", p.read_text(encoding="utf-8"))
            for p in [report / "index.html", *sorted(report.glob("regions/*.html"))]}


def test_a_run_after_fazhi_build_revalidates_every_reporter(tmp_path: Path):
    warehouse = tmp_path / "w" / "fazhi.duckdb"
    _ok(fazhi("run", *map(str, SEED[:2]), warehouse=warehouse))
    _ok(fazhi("ingest", str(SEED[2]), warehouse=warehouse))
    _ok(fazhi("build", warehouse=warehouse))  # builds the third reporter's rows, writes no findings
    _ok(fazhi("run", str(SEED[3]), warehouse=warehouse))
    full = tmp_path / "full" / "fazhi.duckdb"
    full.parent.mkdir()
    shutil.copy(warehouse, full)
    _ok(fazhi("check", warehouse=full))
    assert _findings(warehouse) == _findings(full)
    reporters = {row[1] for row in _findings(warehouse)}
    assert len(reporters - {None}) >= 3, reporters  # the third reporter's findings are there
    assert _pages(warehouse.parent / "dq_report") == _pages(full.parent / "dq_report")
    # and now the findings describe the last build: one more report revalidates only its reporter
    _ok(fazhi("run", str(SEED[4]), warehouse=warehouse))
    con = duckdb.connect(str(warehouse), read_only=True)
    try:  # the data tests' scope went with the run: a `dbt test` by hand reads every row
        assert not con.execute("select count(*) from duckdb_tables() where table_name = 'dbt_test_scope'").fetchall()[0][0]
    finally:
        con.close()
    shutil.copy(warehouse, full)
    _ok(fazhi("check", warehouse=full))
    assert _findings(warehouse) == _findings(full)
    assert _pages(warehouse.parent / "dq_report") == _pages(full.parent / "dq_report")
