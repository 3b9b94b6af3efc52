"""One writer at a time; a failing stage leaves the published warehouse as it was (issues 3, 8)."""

from __future__ import annotations

import os

import duckdb
import pytest

from ingest.paths import lock_path
from ingest.run.publishing import WarehouseBusy, _copy_contents, staged_warehouse


def _make(path, value: int) -> None:
    con = duckdb.connect(str(path))
    con.execute("create or replace table t as select ? as v", [value])
    con.close()


def _read(path) -> int:
    con = duckdb.connect(str(path), read_only=True)
    try:
        return con.execute("select v from t").fetchone()[0]
    finally:
        con.close()


def test_success_publishes(tmp_path):
    warehouse = tmp_path / "wh.duckdb"
    _make(warehouse, 1)
    with staged_warehouse(warehouse) as staging:
        _make(staging, 2)
        assert _read(warehouse) == 1  # readers see the published version during the run
    assert _read(warehouse) == 2


def test_failure_keeps_the_published_file(tmp_path):
    warehouse = tmp_path / "wh.duckdb"
    _make(warehouse, 1)
    with pytest.raises(RuntimeError):
        with staged_warehouse(warehouse) as staging:
            _make(staging, 2)
            raise RuntimeError("dbt failed")
    assert _read(warehouse) == 1
    assert not (tmp_path / "wh.duckdb.staging").exists()


def test_second_writer_is_refused(tmp_path):
    warehouse = tmp_path / "wh.duckdb"
    _make(warehouse, 1)
    with staged_warehouse(warehouse):
        with pytest.raises(WarehouseBusy, match="another fazhi run"):
            with staged_warehouse(warehouse):
                pass
    assert lock_path(warehouse).name == "wh.duckdb.lock"


def test_reader_keeps_old_version_across_publish(tmp_path):
    warehouse = tmp_path / "wh.duckdb"
    _make(warehouse, 1)
    reader = duckdb.connect(str(warehouse), read_only=True)
    try:
        with staged_warehouse(warehouse) as staging:
            _make(staging, 2)
        assert reader.execute("select v from t").fetchone()[0] == 1
    finally:
        reader.close()
    assert _read(warehouse) == 2


def test_the_next_writer_clears_what_a_killed_run_left(tmp_path):
    """kill -9 leaves the GX build folder, a half-written report, or the old report set aside between the
    report's two renames; the next command that takes the writer lock clears them (issue 18)."""
    from ingest.paths import report_dir_for
    from ingest.run.publishing import writer_lock

    warehouse = tmp_path / "fazhi.duckdb"
    report = report_dir_for(warehouse)
    for leftover in ("dq_report.gx-build", "dq_report.staging", "dq_report.old"):
        (tmp_path / leftover).mkdir()
        (tmp_path / leftover / "index.html").write_text(leftover, encoding="utf-8")
    with writer_lock(warehouse):
        pass
    assert sorted(p.name for p in tmp_path.iterdir() if p.is_dir()) == ["dq_report"]
    assert (report / "index.html").read_text(encoding="utf-8") == "dq_report.old"  # the last published report


@pytest.mark.parametrize("refuse_after", [None, 0, 1])
def test_staging_copy_is_the_whole_file_whichever_way_it_is_copied(tmp_path, monkeypatch, refuse_after):
    """The kernel copy (copy_file_range) and the read/write loop it falls back to, also after a partial
    kernel copy, give the same bytes."""
    source = tmp_path / "source.bin"
    data = os.urandom(3 * (1 << 20) + 12345)
    source.write_bytes(data)
    if refuse_after is not None:
        real, calls = os.copy_file_range, []

        def flaky(src, dst, count, offset_src=None, offset_dst=None):
            calls.append(count)
            if len(calls) > refuse_after:
                raise OSError(38, "copy_file_range refused")
            return real(src, dst, min(count, 1 << 20), offset_src, offset_dst)

        monkeypatch.setattr(os, "copy_file_range", flaky)
    target = tmp_path / "target.bin"
    with open(source, "rb") as src, open(target, "wb") as dst:
        _copy_contents(src, dst)
    assert target.read_bytes() == data
