"""Shared fixtures: the repo's sample reports and one warehouse built from them for the session."""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

REPO = Path(__file__).resolve().parents[1]
REPORTS = REPO / "data" / "reports"
SEEDS = sorted((REPORTS / "seed").glob("*.txt"))
DEV = sorted((REPORTS / "dev").glob("*.txt"))


def fazhi(*args: str, warehouse: Path | None = None, env: dict | None = None, timeout: int = 600) -> subprocess.CompletedProcess:
    """Run the real console entry point in a subprocess, as a user would."""
    full_env = {**os.environ, **(env or {})}
    if warehouse is not None:
        full_env["FAZHI_WAREHOUSE"] = str(warehouse)
    return subprocess.run([sys.executable, "-m", "ingest", *args], capture_output=True, text=True,
                          env=full_env, timeout=timeout, cwd=REPO)


def load_script(name: str):
    """A script under scripts/ imported as a module (scripts/ is not a package)."""
    spec = importlib.util.spec_from_file_location(name, REPO / "scripts" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def table_counts(warehouse: Path, tables: tuple[str, ...]) -> dict[str, int]:
    """Row counts of `tables` in a warehouse, read through a read-only connection."""
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        return {table: con.execute(f"select count(*) from {table}").fetchone()[0] for table in tables}
    finally:
        con.close()


def documents_by_file(warehouse: Path, columns: str) -> dict[str, tuple]:
    """file name -> the given raw.documents columns, read through a read-only connection."""
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        rows = con.execute(f"select file_name, {columns} from raw.documents").fetchall()
    finally:
        con.close()
    return {name: tuple(rest) for name, *rest in rows}


def assert_ok(result: subprocess.CompletedProcess) -> None:
    """A command that exited 0 without a traceback."""
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Traceback" not in result.stderr


@pytest.fixture(scope="session")
def sample_warehouse(tmp_path_factory) -> Path:
    """`fazhi run` on the bundled sample, once per test session."""
    warehouse = tmp_path_factory.mktemp("sample") / "fazhi.duckdb"
    result = fazhi("run", warehouse=warehouse)
    assert result.returncode == 0, result.stdout + result.stderr
    return warehouse


@pytest.fixture
def query(sample_warehouse):
    def run(sql: str, params: list | None = None):
        con = duckdb.connect(str(sample_warehouse), read_only=True)
        try:
            return con.execute(sql, params or []).fetchall()
        finally:
            con.close()
    return run


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Everything under tests/e2e/ starts a real run, dbt, GX or a browser: marked `e2e`, so
    `pytest -m "not e2e"` is the fast loop."""
    e2e = REPO / "tests" / "e2e"
    for item in items:
        if e2e in Path(str(item.fspath)).parents:
            item.add_marker(pytest.mark.e2e)
