"""Issue 16: a data-only `fazhi run` revalidates only the changed reporters when the stored findings
describe the last build; otherwise (a `fazhi build` since, or no findings yet) it revalidates every
row. Either way the findings and the report equal what a full `fazhi check` gives."""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb

from tests.conftest import REPO, fazhi, load_script

SEED = sorted((REPO / "data" / "reports" / "seed").glob("*.txt"))
# the report's pages against a full check's, apart from the time written and the note on a partial validation
compare_reports = load_script("check_incremental").compare_reports


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
    assert compare_reports(warehouse.parent / "dq_report", full.parent / "dq_report") == 0
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
    assert compare_reports(warehouse.parent / "dq_report", full.parent / "dq_report") == 0
