"""Bad input gets a one-line reason per file, the rest loads, and nothing half-written is left (issue 3)."""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb
import pytest

from tests.conftest import SEEDS, fazhi


def _no_traceback(result) -> None:
    assert "Traceback" not in result.stdout + result.stderr


def test_bad_inputs_are_reported_and_the_rest_loads(tmp_path: Path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "empty.txt").write_bytes(b"")
    (folder / "binary.txt").write_bytes(bytes(range(256)) * 50)
    shutil.copy(SEEDS[0], folder / "蓝山 县 report.txt")
    empty_folder = tmp_path / "nothing"
    empty_folder.mkdir()
    (empty_folder / "notes.csv").write_text("a,b\n", encoding="utf-8")
    warehouse = tmp_path / "wh.duckdb"
    result = fazhi("ingest", str(folder), str(tmp_path / "missing.txt"), str(empty_folder), warehouse=warehouse)
    _no_traceback(result)
    assert result.returncode == 0, result.stderr
    assert "empty.txt: empty file" in result.stderr
    assert "binary.txt: binary file" in result.stderr
    assert "missing.txt: no such file or folder" in result.stderr
    assert "holds no report files" in result.stderr
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        assert con.execute("select count(*) from raw.documents").fetchone()[0] == 1
        assert con.execute("select count(*) from raw.ingest_errors").fetchone()[0] == 4
    finally:
        con.close()


def test_nothing_loadable_exits_non_zero_and_writes_nothing(tmp_path: Path):
    (tmp_path / "empty.txt").write_bytes(b"")
    warehouse = tmp_path / "wh.duckdb"
    result = fazhi("ingest", str(tmp_path / "empty.txt"), str(tmp_path / "nope"), warehouse=warehouse)
    _no_traceback(result)
    assert result.returncode == 1
    assert "nothing could be loaded" in result.stderr
    assert not warehouse.exists()
    assert not list(tmp_path.glob("wh.duckdb.staging*"))


def test_failed_ingest_leaves_published_warehouse_unchanged(tmp_path: Path):
    warehouse = tmp_path / "wh.duckdb"
    assert fazhi("ingest", str(SEEDS[0]), warehouse=warehouse).returncode == 0
    before = warehouse.read_bytes()
    (tmp_path / "empty.txt").write_bytes(b"")
    result = fazhi("ingest", str(tmp_path / "empty.txt"), warehouse=warehouse)
    assert result.returncode == 1
    assert warehouse.read_bytes() == before


def test_build_and_check_without_warehouse(tmp_path: Path):
    warehouse = tmp_path / "none.duckdb"
    for command, code in (("build", 1), ("check", 2)):
        result = fazhi(command, warehouse=warehouse)
        _no_traceback(result)
        assert result.returncode == code
        assert "no warehouse" in result.stderr


def test_extract_prints_jsonl_without_touching_a_warehouse(tmp_path: Path):
    import json

    warehouse = tmp_path / "untouched.duckdb"
    result = fazhi("extract", str(SEEDS[0]), "--format", "jsonl", warehouse=warehouse)
    assert result.returncode == 0, result.stderr
    records = [json.loads(line) for line in result.stdout.splitlines()]
    text = SEEDS[0].read_text(encoding="utf-8")
    assert len(records) > 50
    assert all(text[r["start"]:r["end"]] == r["surface"] for r in records)
    assert "法律援助" in result.stdout  # not ASCII-escaped
    assert not warehouse.exists()


# each command: the first words of its docstring, the options it must offer, options it must not
COMMAND_HELP = {
    "ingest": ("Read report files and folders, extract facts and load the raw tables.",
               ("--warehouse", "--region", "--year", "--sidecar", "paths"), ("--format", "--fail-on-findings")),
    "build": ("Run dbt build (seeds, models and tests) on the warehouse.", ("--warehouse",), ("--region", "--sidecar")),
    "check": ("Run the data-quality checkpoint. Exit 0: no error finding; 1: an error finding; 2: could not run.",
              ("--warehouse",), ("--region", "--sidecar")),
    "run": ("ingest + build + check, published together; prints a summary.",
            ("--warehouse", "--region", "--year", "--sidecar", "--fail-on-findings"), ("--format",)),
    "extract": ("Print one file's facts without touching the warehouse.", ("--format", "--region", "--year"),
                ("--warehouse", "--sidecar")),
    "eval": ("Precision, recall and F1 of the extractor against gold annotations.", ("--reports", "gold_dir"),
             ("--warehouse", "--region")),
}


@pytest.mark.parametrize("command", COMMAND_HELP)
def test_every_command_has_help(command: str):
    summary, options, foreign = COMMAND_HELP[command]
    result = fazhi(command, "--help", env={"COLUMNS": "250", "TERMINAL_WIDTH": "250"})
    assert result.returncode == 0, result.stderr
    text = " ".join(result.stdout.split())  # box drawing aside, words separated by single spaces
    assert f"Usage: fazhi {command} " in text
    assert summary in text, text
    for option in options:
        assert option in text, (command, option)
    for option in foreign:
        assert option not in text, (command, option)
