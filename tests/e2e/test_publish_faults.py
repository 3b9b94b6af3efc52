"""Faults around publishing, through the real command line (issue 18): a DuckDB session's write-ahead
log or a live writer beside the published warehouse, a read-only folder, a full disk, `--warehouse`
naming a folder, two warehouses in one folder."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from ingest.paths import report_dir_for, staging_path
from ingest.run.dbt import DbtWorker
from tests.conftest import SEEDS, fazhi

ROOT = os.geteuid() == 0


def _one_line_error(result, code: int = 2) -> str:
    assert result.returncode == code, result.stdout + result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("error: "), result.stderr
    return lines[0]


def _hash(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _session(warehouse: Path, sql: str) -> subprocess.Popen:
    """A DuckDB session (as the duckdb CLI would be) that opens the warehouse read-write, runs `sql`
    and stays open; it prints 'open' once the statement has committed."""
    code = ("import duckdb, sys, time; c = duckdb.connect(sys.argv[1]); c.execute(sys.argv[2]); "
            "print('open', flush=True); time.sleep(120)")
    process = subprocess.Popen([sys.executable, "-c", code, str(warehouse), sql], stdout=subprocess.PIPE, text=True)
    assert process.stdout.readline().strip() == "open"
    return process


def _kill(process: subprocess.Popen) -> None:
    process.kill()  # SIGKILL: no checkpoint, the write-ahead log stays
    process.wait()
    process.stdout.close()


def _notes(warehouse: Path) -> list:
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        return con.execute("select note from main.analyst_notes").fetchall()
    finally:
        con.close()


def test_write_ahead_log_of_a_killed_session_is_folded_in(tmp_path: Path):
    warehouse = tmp_path / "fazhi.duckdb"
    assert fazhi("ingest", str(SEEDS[0]), warehouse=warehouse).returncode == 0
    _kill(_session(warehouse, "create table main.analyst_notes as select 'kept' as note"))
    wal = warehouse.with_name(warehouse.name + ".wal")
    assert wal.exists()
    result = fazhi("ingest", str(SEEDS[1]), warehouse=warehouse)
    assert result.returncode == 0, result.stderr
    assert not wal.exists()
    assert _notes(warehouse) == [("kept",)]  # opens, with the session's committed row


def test_a_live_writer_on_the_published_warehouse_is_refused(tmp_path: Path):
    warehouse = tmp_path / "fazhi.duckdb"
    assert fazhi("ingest", str(SEEDS[0]), warehouse=warehouse).returncode == 0
    session = _session(warehouse, "create table main.analyst_notes as select 'live' as note")
    try:
        before = _hash(warehouse)
        line = _one_line_error(fazhi("ingest", str(SEEDS[1]), warehouse=warehouse))
        assert "open for writing in another process" in line and str(warehouse) in line, line
        assert _hash(warehouse) == before
        assert not staging_path(warehouse).exists()
    finally:
        _kill(session)
    assert fazhi("ingest", str(SEEDS[1]), warehouse=warehouse).returncode == 0  # once it has ended
    assert _notes(warehouse) == [("live",)]


def test_warehouse_option_naming_a_folder_is_refused(tmp_path: Path):
    line = _one_line_error(fazhi("ingest", str(SEEDS[0]), "--warehouse", str(tmp_path)))
    assert "is a folder" in line, line
    assert sorted(p.name for p in tmp_path.iterdir()) == []


@pytest.fixture
def tmpfs(tmp_path: Path):
    """A small tmpfs of its own (root only): `mount(size)` mounts it, `remount(options)` changes it."""
    if not ROOT:
        pytest.skip("mounting a tmpfs needs root")
    point = tmp_path / "mnt"
    point.mkdir()
    mounted = []

    def mount(size: str) -> Path:
        done = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(point)], capture_output=True)
        if done.returncode:
            pytest.skip(f"cannot mount a tmpfs here: {done.stderr.decode().strip()}")
        mounted.append(point)
        return point

    yield mount
    for path in mounted:
        subprocess.run(["umount", str(path)], check=False)


def test_read_only_folder_is_one_line_and_changes_nothing(tmp_path: Path, request):
    if ROOT:  # root writes into a chmod 555 folder anyway: a read-only tmpfs instead
        folder = request.getfixturevalue("tmpfs")("8m")
    else:
        folder = tmp_path / "wh"
        folder.mkdir()
    warehouse = folder / "fazhi.duckdb"
    assert fazhi("ingest", str(SEEDS[0]), warehouse=warehouse).returncode == 0
    before = {p.name: _hash(p) for p in folder.iterdir() if p.is_file()}
    if ROOT:
        subprocess.run(["mount", "-o", "remount,ro", str(folder)], check=True)
    else:
        folder.chmod(0o555)
    try:
        for command in (["ingest", str(SEEDS[1])], ["check"]):
            _one_line_error(fazhi(*command, warehouse=warehouse))
    finally:
        if ROOT:
            subprocess.run(["mount", "-o", "remount,rw", str(folder)], check=True)
        else:
            folder.chmod(0o755)
    assert {p.name: _hash(p) for p in folder.iterdir() if p.is_file()} == before


def test_full_disk_during_ingest_is_one_line_and_keeps_the_warehouse(tmpfs, tmp_path: Path):
    folder = tmpfs("4m")  # the warehouse (1.8 MB) and its staging copy fit; a large report does not
    warehouse = folder / "fazhi.duckdb"
    assert fazhi("ingest", str(SEEDS[0]), warehouse=warehouse).returncode == 0
    before = _hash(warehouse)
    large = tmp_path / "large.txt"
    large.write_text(SEEDS[1].read_text(encoding="utf-8") * 300, encoding="utf-8")
    line = _one_line_error(fazhi("ingest", str(large), warehouse=warehouse))
    assert "No space left on device" in line or "disk" in line.lower(), line
    assert _hash(warehouse) == before
    assert sorted(p.name for p in folder.iterdir()) == ["fazhi.duckdb", "fazhi.duckdb.lock"]


def test_two_warehouses_in_one_folder_keep_their_reports_and_dbt_folders(tmp_path: Path):
    a, b = tmp_path / "a.duckdb", tmp_path / "b.duckdb"
    first = fazhi("run", str(SEEDS[0]), warehouse=a)
    assert first.returncode == 0, first.stderr
    a_files = {p: _hash(p) for p in report_dir_for(a).rglob("*") if p.is_file()}
    second = fazhi("run", str(SEEDS[1]), warehouse=b)
    assert second.returncode == 0, second.stderr
    assert report_dir_for(a) != report_dir_for(b)
    assert {p: _hash(p) for p in report_dir_for(a).rglob("*") if p.is_file()} == a_files  # b left a's report alone
    assert (report_dir_for(b) / "index.html").exists()
    for warehouse in (a, b):
        worker = DbtWorker(staging_path(warehouse), prepare=False)
        try:
            assert (worker.target_dir / "fazhi_node_results.json").exists()
            assert (worker.log_dir / "dbt.log").exists()
        finally:
            worker.close()
    third = fazhi("run", str(SEEDS[2]), warehouse=a)  # a's next run finds its own folders again
    assert third.returncode == 0, third.stderr
    assert (report_dir_for(b) / "index.html").exists()
    assert not any(p.name.endswith((".staging", ".gx-build", ".old")) for p in tmp_path.iterdir())
