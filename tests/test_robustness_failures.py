"""Nothing lost, nothing half-written: killed runs, failing stages, two writers, readers during a
run, and re-extraction after an extractor version change (issue 8)."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest

from ingest import pipeline
from ingest.dbt_runner import DbtOutcome
from ingest.quality_stage import QualityError

from .conftest import REPO, SEEDS, fazhi, table_counts

TABLES = ("raw.documents", "raw.facts", "marts.fct_indicator_observation", "quality.dq_findings")


def _counts(warehouse: Path) -> dict[str, int]:
    return table_counts(warehouse, TABLES)


@pytest.fixture
def published(sample_warehouse: Path, tmp_path: Path) -> Path:
    """A private copy of the sample warehouse, and a new report to add to it."""
    warehouse = tmp_path / "wh" / "fazhi.duckdb"
    warehouse.parent.mkdir()
    shutil.copy(sample_warehouse, warehouse)
    new = tmp_path / "new" / "report.txt"
    new.parent.mkdir()
    new.write_text(SEEDS[0].read_text(encoding="utf-8").replace("155件", "156件"), encoding="utf-8")
    return warehouse


def _start_run(warehouse: Path, *paths: Path) -> subprocess.Popen:
    env = {**os.environ, "FAZHI_WAREHOUSE": str(warehouse)}
    return subprocess.Popen([sys.executable, "-m", "ingest", "run", *map(str, paths)], cwd=REPO, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True)


def test_killed_runs_leave_last_good_warehouse(published: Path):
    """Kill a run (and its dbt child) during ingest, during dbt and late; then run again."""
    from filelock import FileLock

    from ingest.publishing import lock_path

    before_bytes = published.read_bytes()
    new = published.parent.parent / "new"
    for delay in (1.0, 4.0, 8.0):
        process = _start_run(published, new)
        time.sleep(delay)
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()
        assert published.read_bytes() == before_bytes, delay
        _counts(published)  # still opens and reads
        with FileLock(str(lock_path(published)), timeout=0):  # the dead run's lock is gone
            pass
    result = fazhi("run", str(new), warehouse=published)
    assert result.returncode == 0, result.stderr  # the leftover staging file does not block
    assert _counts(published)["raw.documents"] == 41


@pytest.mark.parametrize("stage", ["ingest", "dbt", "check"])
def test_failing_stage_leaves_last_good_warehouse(published: Path, stage: str, monkeypatch):
    before = published.read_bytes()

    def broken_ingest(*args, **kwargs):
        raise RuntimeError("injected extraction failure")

    def broken_dbt(database: Path, command: str = "build", extra=None) -> DbtOutcome:
        return DbtOutcome(success=False, failures=["injected dbt failure"])

    def broken_check(database: Path, docs_dir):
        raise QualityError("injected checkpoint failure")

    if stage == "ingest":
        monkeypatch.setattr(pipeline, "run_ingest", broken_ingest)
    elif stage == "dbt":
        monkeypatch.setattr(pipeline, "run_dbt", broken_dbt)
    else:
        monkeypatch.setattr(pipeline, "_build", lambda database: DbtOutcome(success=True))  # keep it fast
        monkeypatch.setattr(pipeline, "run_quality", broken_check)
    with pytest.raises((RuntimeError, pipeline.StageFailed, QualityError)):
        pipeline.run(published, [published.parent.parent / "new"])
    assert published.read_bytes() == before
    assert not published.with_name(published.name + ".staging").exists()


def test_second_writer_refused_and_readers_see_last_version_during_a_run(published: Path):
    reader = duckdb.connect(str(published), read_only=True)
    try:
        before = reader.execute("select count(*) from raw.documents").fetchone()[0]
        first = _start_run(published, published.parent.parent / "new")
        deadline = time.time() + 30
        while not published.with_name(published.name + ".staging").exists() and time.time() < deadline:
            time.sleep(0.1)
        second = fazhi("ingest", str(published.parent.parent / "new"), warehouse=published)
        assert second.returncode == 2
        assert "another fazhi run is writing" in second.stderr
        assert "Traceback" not in second.stderr
        while first.poll() is None:
            assert reader.execute("select count(*) from raw.documents").fetchone()[0] == before
            time.sleep(0.5)
        assert first.returncode == 0, first.stderr.read()
        assert reader.execute("select count(*) from raw.documents").fetchone()[0] == before
    finally:
        reader.close()
    assert _counts(published)["raw.documents"] == before + 1


def test_extractor_version_change_reextracts_everything(published: Path):
    before = _counts(published)
    code = ("import sys, ingest; ingest.EXTRACTOR_VERSION = '99.0.0-test'; "
            "from ingest.cli import app; sys.argv[0] = 'fazhi'; app()")
    env = {**os.environ, "FAZHI_WAREHOUSE": str(published)}
    result = subprocess.run([sys.executable, "-c", code, "run"], cwd=REPO, env=env, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr
    assert f"re-extracted: {before['raw.documents']}" in result.stdout
    con = duckdb.connect(str(published), read_only=True)
    try:
        assert con.execute("select distinct extractor_version from raw.facts").fetchall() == [("99.0.0-test",)]
        assert con.execute("select distinct extractor_version from marts.fct_indicator_observation").fetchall() == [("99.0.0-test",)]
    finally:
        con.close()
    assert _counts(published)["raw.facts"] == before["raw.facts"]
