"""Overrides that match nothing, clearing stored overrides, hostile sidecars and file names, through the
real CLI."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.conftest import REPORTS, SEEDS, assert_ok, documents_by_file, fazhi

DEV027 = REPORTS / "dev" / "027.txt"  # 鲁山县人民政府, 2024


def _documents(warehouse: Path) -> dict[str, tuple]:
    return documents_by_file(warehouse, "region_status, region_name, report_year, override_region, override_year")


def test_sidecar_region_matching_nothing_skips_the_file_and_keeps_the_stored_region(tmp_path: Path):
    batch = tmp_path / "batch"
    batch.mkdir()
    shutil.copy(DEV027, batch / "027.txt")
    shutil.copy(SEEDS[0], batch / "seed.txt")
    warehouse = tmp_path / "wh.duckdb"
    assert_ok(fazhi("ingest", str(batch), warehouse=warehouse))
    assert _documents(warehouse)["027.txt"][:2] == ("resolved", "鲁山县")
    sidecar = tmp_path / "s.csv"
    sidecar.write_text("file,region,year\n027.txt,火星县,\n", encoding="utf-8")
    # the only file named: it is skipped with the reason, nothing loads, the run fails
    alone = fazhi("ingest", str(batch / "027.txt"), "--sidecar", str(sidecar), warehouse=warehouse)
    assert alone.returncode != 0, alone.stdout + alone.stderr
    assert "Traceback" not in alone.stderr
    assert "override '火星县' matches no region" in alone.stderr and "skipped" in alone.stderr
    # with the rest of the batch: the others load, the bad row's file is listed as skipped
    batch_run = fazhi("ingest", str(batch), "--sidecar", str(sidecar), warehouse=warehouse)
    assert_ok(batch_run)
    assert "027.txt: override '火星县' matches no region" in batch_run.stderr
    assert _documents(warehouse)["027.txt"][:4] == ("resolved", "鲁山县", 2024, None)


def test_region_flag_matching_nothing_fails_the_run(tmp_path: Path):
    warehouse = tmp_path / "wh.duckdb"
    result = fazhi("ingest", str(DEV027), "--region", "火星县", warehouse=warehouse)
    assert result.returncode != 0
    assert "override '火星县' matches no region" in result.stderr
    assert "Traceback" not in result.stderr
    extract = fazhi("extract", str(DEV027), "--region", "火星县")
    assert extract.returncode == 1 and "Traceback" not in extract.stderr
    (line,) = extract.stderr.strip().splitlines()
    assert "override '火星县' matches no region" in line


def test_stored_overrides_can_be_cleared(tmp_path: Path):
    warehouse = tmp_path / "wh.duckdb"
    assert_ok(fazhi("ingest", str(DEV027), "--region", "苍溪县", "--year", "2021", warehouse=warehouse))
    assert _documents(warehouse)["027.txt"] == ("resolved", "苍溪县", 2021, "苍溪县", 2021)
    assert_ok(fazhi("ingest", str(DEV027), warehouse=warehouse))  # a plain run leaves the overrides in place
    assert _documents(warehouse)["027.txt"][1] == "苍溪县"
    cleared = fazhi("ingest", str(DEV027), "--clear-overrides", warehouse=warehouse)
    assert_ok(cleared)
    assert "re-extracted: 1" in cleared.stdout
    assert _documents(warehouse)["027.txt"] == ("resolved", "鲁山县", 2024, None, None)
    # a sidecar '-' cell clears one field
    assert_ok(fazhi("ingest", str(DEV027), "--region", "苍溪县", "--year", "2021", warehouse=warehouse))
    sidecar = tmp_path / "s.csv"
    sidecar.write_text(f"file,region,year\n{DEV027.name},-,\n", encoding="utf-8")
    assert_ok(fazhi("ingest", str(DEV027), "--sidecar", str(sidecar), warehouse=warehouse))
    assert _documents(warehouse)["027.txt"] == ("resolved", "鲁山县", 2024, None, None)
    conflict = fazhi("ingest", str(DEV027), "--clear-overrides", "--region", "苍溪县", warehouse=warehouse)
    assert conflict.returncode == 2 and len(conflict.stderr.strip().splitlines()) == 1


@pytest.mark.parametrize("kind", ["directory", "missing", "fifo"])
def test_unreadable_sidecar_is_one_line_and_exit_2(tmp_path: Path, kind: str):
    import os

    sidecar = tmp_path / "s.csv"
    if kind == "directory":
        sidecar.mkdir()
    elif kind == "fifo":
        os.mkfifo(sidecar)
    warehouse = tmp_path / "wh.duckdb"
    result = fazhi("ingest", str(DEV027), "--sidecar", str(sidecar), warehouse=warehouse, timeout=60)
    assert result.returncode == 2, result.stdout + result.stderr
    (line,) = result.stderr.strip().splitlines()
    assert line.startswith(f"error: sidecar {sidecar}: ")
    assert not warehouse.exists()


def test_extract_shows_control_characters_in_file_names_escaped(tmp_path: Path):
    hostile = "bad\x1b[31m\nname"
    not_report = tmp_path / f"{hostile}.txt"
    not_report.write_text("hello world\n" * 20, encoding="utf-8")
    refused = fazhi("extract", str(not_report))
    assert refused.returncode == 1
    assert "\x1b" not in refused.stderr
    (line,) = refused.stderr.strip().splitlines()
    assert "no Chinese report text found" in line and "\\x1b[31m\\nname.txt" in line
    report = tmp_path / f"{hostile}.txt"
    shutil.copy(DEV027, report)
    shown = fazhi("extract", str(report), env={"COLUMNS": "250"})
    assert shown.returncode == 0, shown.stderr
    assert "\x1b" not in shown.stdout and "\x1b" not in shown.stderr
    assert shown.stdout.splitlines()[0].startswith("bad\\x1b[31m\\nname.txt: 鲁山县")
