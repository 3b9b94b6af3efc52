"""Faults around publishing (issue 18): a full disk at report publish or during ingest, a shared
warehouse folder, a damaged warehouse. In-process, no dbt: the check stage is replaced by one that
only writes to the staging copy, so a wrongly published warehouse would show."""

from __future__ import annotations

import errno
import hashlib
from pathlib import Path

import duckdb
import pandas as pd
import pytest
import typer

from ingest import cli
from ingest.paths import report_dir_for, staging_path
from ingest.quality.findings import finding_columns
from ingest.quality.validate import QualityOutcome
from ingest.run import pipeline, publishing, stages
from ingest.run.dbt import DbtWorker
from ingest.warehouse import rows
from ingest.warehouse.connection import connect, transaction
from tests.conftest import SEEDS

ENOSPC = OSError(errno.ENOSPC, "No space left on device")


def _hash(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _fake_check(database: Path, gx_dir: Path) -> QualityOutcome:
    """Stands in for the check stage: changes the staging copy, finds nothing."""
    with connect(database) as con:
        con.execute("create or replace table main.touched as select now() as at")
    return QualityOutcome(pd.DataFrame(columns=finding_columns()), None, 0)


def _guarded(action, capsys) -> tuple[int, str]:
    """Run `action` as a command does; its exit code and stderr."""
    capsys.readouterr()
    with pytest.raises(typer.Exit) as exit_:
        cli._guard(action)
    return exit_.value.exit_code, capsys.readouterr().err


@pytest.fixture(scope="module")
def loaded(tmp_path_factory) -> Path:
    """A warehouse holding one sample report (copied by the tests that use it)."""
    warehouse = tmp_path_factory.mktemp("loaded") / "fazhi.duckdb"
    pipeline.ingest(warehouse, [SEEDS[0]])
    return warehouse


def _copy(loaded: Path, target: Path) -> Path:
    import shutil

    shutil.copy(loaded, target)
    return target


@pytest.fixture
def published(loaded: Path, tmp_path: Path, monkeypatch) -> Path:
    """A warehouse (one sample report) and its data-quality report, both published."""
    warehouse = _copy(loaded, tmp_path / "fazhi.duckdb")
    monkeypatch.setattr(stages, "check", _fake_check)
    pipeline.check(warehouse)
    assert (report_dir_for(warehouse) / "index.html").exists()
    return warehouse


def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith((".staging", ".staging.wal", ".gx-build", ".old")))


def test_disk_full_at_report_publish_publishes_neither(published: Path, monkeypatch, capsys):
    report = report_dir_for(published) / "index.html"
    before = (_hash(published), _hash(report))
    real = Path.write_text

    def full_disk(self, *args, **kwargs):
        if self.name == "index.html":
            raise ENOSPC
        return real(self, *args, **kwargs)

    monkeypatch.setattr(Path, "write_text", full_disk)
    code, err = _guarded(lambda: pipeline.check(published), capsys)
    assert code == 2
    assert err.count("\n") == 1 and err.startswith("error: ") and "No space left on device" in err, err
    assert (_hash(published), _hash(report)) == before
    assert _leftovers(published.parent) == []


def test_disk_full_at_warehouse_publish_discards_the_staged_report(published: Path, monkeypatch, capsys):
    report = report_dir_for(published) / "index.html"
    before = (_hash(published), _hash(report))
    monkeypatch.setattr(publishing, "checkpoint", lambda database: (_ for _ in ()).throw(ENOSPC))
    code, err = _guarded(lambda: pipeline.check(published), capsys)
    assert code == 2 and err.count("\n") == 1, err
    assert (_hash(published), _hash(report)) == before
    assert _leftovers(published.parent) == []


def test_disk_full_during_ingest_is_reported_not_the_failed_rollback(published: Path, monkeypatch, capsys):
    from ingest.run import load

    def full_disk(*args, **kwargs):
        raise duckdb.IOException('IO Error: Could not write file "x": No space left on device')

    monkeypatch.setattr(load, "write_documents", full_disk)
    before = _hash(published)
    code, err = _guarded(lambda: pipeline.ingest(published, [SEEDS[1]]), capsys)
    assert code == 2 and err.count("\n") == 1 and "No space left on device" in err, err
    assert _hash(published) == before
    assert _leftovers(published.parent) == []


def test_a_failed_rollback_never_hides_the_error_that_caused_it(tmp_path: Path):
    """DuckDB ends the transaction itself on some I/O errors (a full disk); the rollback then fails
    with 'cannot rollback - no transaction is active', which must not replace the real error."""
    with connect(tmp_path / "t.duckdb") as con:
        con.execute("create table t (v int)")
        with pytest.raises(duckdb.IOException, match="No space left"):
            with transaction(con):
                con.execute("insert into t values (1)")
                con.execute("commit")  # the transaction is over, as after DuckDB's own abort
                raise duckdb.IOException("No space left on device")


class _FullDisk:
    """A connection whose insert of documents fails as on a full disk, after DuckDB ended the transaction."""

    def __init__(self, con) -> None:
        self.con = con

    def __getattr__(self, name):
        return getattr(self.con, name)

    def execute(self, sql, *args):
        if sql.startswith("insert into raw.documents"):
            self.con.execute("commit")
            raise duckdb.IOException("IO Error: No space left on device")
        return self.con.execute(sql, *args)


def test_write_documents_reports_the_full_disk(tmp_path: Path):
    from ingest.warehouse.schema import ensure_raw_schema

    with connect(tmp_path / "t.duckdb") as con:
        ensure_raw_schema(con)
        with pytest.raises(duckdb.IOException, match="No space left on device"):
            rows.write_documents(_FullDisk(con), [{"doc_id": "d"}], [])


def test_two_warehouses_in_one_folder_keep_their_own_working_folders(loaded: Path, tmp_path: Path, monkeypatch):
    monkeypatch.setattr(stages, "check", _fake_check)
    a, b = tmp_path / "a.duckdb", tmp_path / "b.duckdb"
    for warehouse in (a, b):
        pipeline.check(_copy(loaded, warehouse))
    reports = report_dir_for(a), report_dir_for(b)
    assert reports[0] != reports[1]
    assert all((report / "index.html").exists() for report in reports)
    workers = [DbtWorker(staging_path(w), prepare=False) for w in (a, b)]
    try:
        assert workers[0].target_dir != workers[1].target_dir
        assert workers[0].log_dir != workers[1].log_dir
        assert workers[0].target_dir.parent == tmp_path
    finally:
        for worker in workers:
            worker.close()
    assert report_dir_for(tmp_path / "other" / "fazhi.duckdb") == tmp_path / "other" / "dq_report"


def test_default_warehouse_keeps_the_documented_folders(tmp_path: Path):
    warehouse = tmp_path / "fazhi.duckdb"
    worker = DbtWorker(staging_path(warehouse), prepare=False)
    try:
        assert (worker.target_dir, worker.log_dir) == (tmp_path / "dbt_target", tmp_path / "dbt_logs")
    finally:
        worker.close()
    assert report_dir_for(warehouse) == tmp_path / "dq_report"


def _assert_corrupt_message(err: str, warehouse: Path) -> None:
    assert err.count("\n") == 1, err
    assert str(warehouse) in err and ".staging" not in err, err
    assert "backup" in err and "fazhi run" in err, err


def test_damaged_warehouse_message_names_the_published_file_and_how_to_recover(tmp_path: Path, capsys):
    warehouse = tmp_path / "fazhi.duckdb"
    warehouse.write_bytes(b"not a database " * 1000)
    code, err = _guarded(lambda: pipeline.ingest(warehouse, [SEEDS[0]]), capsys)
    assert code == 2
    _assert_corrupt_message(err, warehouse)


def test_damaged_blocks_message_names_the_published_file_and_how_to_recover(loaded: Path, tmp_path: Path, capsys):
    warehouse = _copy(loaded, tmp_path / "fazhi.duckdb")
    data = bytearray(warehouse.read_bytes())
    data[12288:] = b"\xff" * (len(data) - 12288)  # the three headers intact, every block damaged
    warehouse.write_bytes(bytes(data))
    before = _hash(warehouse)
    code, err = _guarded(lambda: pipeline.ingest(warehouse, [SEEDS[1]]), capsys)
    assert code == 2
    _assert_corrupt_message(err, warehouse)
    assert _hash(warehouse) == before
