"""A defect in the seed files stops ingest, build and run before they write anything, with one line
naming the file, line and column, and exit 2 (issue 18, item 10). FAZHI_SEEDS_DIR points the
commands at a copy of seeds/ with the defect."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from ingest.paths import SEEDS_DIR
from tests.conftest import SEEDS, fazhi


@pytest.mark.parametrize("command", [["ingest", str(SEEDS[0])], ["build"], ["run", str(SEEDS[0])]])
def test_a_bad_correction_stops_the_command_before_anything_is_written(tmp_path: Path, command: list[str]):
    seeds = tmp_path / "seeds"
    shutil.copytree(SEEDS_DIR, seeds, ignore=shutil.ignore_patterns(".*"))
    with (seeds / "corrections.csv").open("a", encoding="utf-8") as handle:
        handle.write("431127,,2023,no_such_indicator,report,replace,5,件,,typo,analyst,2026-12-01\n")
    warehouse = tmp_path / "wh" / "fazhi.duckdb"
    result = fazhi(*command, warehouse=warehouse, env={"FAZHI_SEEDS_DIR": str(seeds)}, timeout=120)
    assert result.returncode == 2, result.stdout + result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert lines == ["error: 1 problem in the seed files: seeds/corrections.csv line 2, "
                     "column indicator_code: unknown indicator code (no_such_indicator)"]
    assert not warehouse.exists()
    # no staging copy (a failed run's status for `fazhi status` may be recorded)
    assert not warehouse.parent.exists() or not list(warehouse.parent.glob("fazhi.duckdb.staging*"))
