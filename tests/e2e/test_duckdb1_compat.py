"""The published warehouse opens in DuckDB 1.x (issue 17): an older duckdb wheel from PyPI, in a
throwaway venv, reads a mart of the sample warehouse. DuckDB 2.0's own format would get "version
number 999, we can only read 64–67"."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

OLD_DUCKDB = "duckdb==1.4.2"


def test_duckdb_1x_reads_the_published_warehouse(sample_warehouse: Path, tmp_path: Path):
    python = shutil.which("python3.11") or sys.executable
    venv = tmp_path / "old-duckdb"
    subprocess.run([python, "-m", "venv", str(venv)], check=True, timeout=120)
    pip = subprocess.run([str(venv / "bin" / "pip"), "install", "--quiet", OLD_DUCKDB], capture_output=True, text=True, timeout=600)
    assert pip.returncode == 0, pip.stderr
    copy = tmp_path / "published.duckdb"
    shutil.copyfile(sample_warehouse, copy)  # the old library must not touch the session's warehouse
    script = ("import duckdb, sys; con = duckdb.connect(sys.argv[1], read_only=True); "
              "print(duckdb.__version__, con.execute('select count(*) from marts.fct_indicator_observation').fetchone()[0], "
              "con.execute(\"select count(*) from marts.mart_legal_aid where domain = 'legal_services'\").fetchone()[0])")
    result = subprocess.run([str(venv / "bin" / "python"), "-c", script, str(copy)], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    version, facts, rows = result.stdout.split()
    assert version == "1.4.2" and int(facts) > 100 and int(rows) > 0


def test_the_duckdb_cli_installed_by_make_reads_it(sample_warehouse: Path):
    cli = Path(sys.executable).parent / "duckdb"  # PyPI duckdb-cli (a 1.x build) in the venv, as the README suggests
    result = subprocess.run([str(cli), "-readonly", str(sample_warehouse), "-csv", "-c",
                             "select count(*) from marts.mart_region_year_coverage"], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert int(result.stdout.split()[-1]) > 0
