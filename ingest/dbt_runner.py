"""Stage 2 of a run: dbt build (seeds, models, tests) on the warehouse being built.

dbt runs in a child process (ingest/dbt_worker.py): dbt-duckdb keeps its DuckDB connection open for
the life of the process, and a connection left open in ours would pin (and could later write to) a
file we are about to publish. The child's results come back through dbt's run_results.json.
"""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from datetime import datetime, timezone
from importlib import metadata
from pathlib import Path

import duckdb

from ingest.paths import DBT_PROJECT_DIR, SEEDS_DIR
from ingest.quality_config import load_thresholds

# What `fazhi run` builds when the dbt project and seeds are unchanged since the warehouse's last
# build: the tables downstream of the loaded data (raw.*) and the data tests on them. Seeds, views,
# tables built from seeds alone (dim_region, dim_indicator), their tests and the unit tests depend
# only on the fingerprinted project files, so they are in place and passed already; skipping them
# saves a few seconds per run.
DATA_ONLY_SELECTION = ["--select", "source:raw+,config.materialized:table", "source:raw+,resource_type:test",
                       "--exclude", "resource_type:unit_test"]
_NOT_PROJECT_FILES = {"target", "logs", "dbt_packages"}
_BUILDS_DDL = """
create schema if not exists raw;
create table if not exists raw.dbt_builds (
    built_at timestamp not null,
    project_fingerprint varchar not null,  -- project_fingerprint() of the build
    selection varchar not null,            -- full | data only
    nodes integer not null
);
"""


@dataclass
class DbtOutcome:
    success: bool
    failures: list[str] = field(default_factory=list)  # "model or test name: message"
    warnings: list[str] = field(default_factory=list)
    nodes: int = 0
    log_path: Path | None = None


def run_dbt(database: Path, command: str = "build", extra: list[str] | None = None,
            worker: DbtWorker | None = None) -> DbtOutcome:
    """Run a dbt command ("build", "docs generate") against `database` and summarise what failed. dbt's
    log and target folder sit beside the warehouse (dbt_logs/, dbt_target/): one per warehouse, so runs
    on two warehouses never share compiled state, and the next run on the same one reuses dbt's partial
    parse. `worker`: a DbtWorker started earlier for this database (it has dbt loaded already); its
    owner closes it."""
    if worker is not None:
        return worker.run(command, extra or [])
    with DbtWorker(database, prepare=False) as child:
        return child.run(command, extra or [])


class DbtWorker:
    """dbt in a child process (ingest/dbt_worker.py), started before it is needed: while the caller
    ingests, the child imports dbt and parses the project. `run` then only builds. Use as a context
    manager: leaving it stops a child that was never asked to run (or is still running)."""

    def __init__(self, database: Path, prepare: bool = True) -> None:
        self.database = database
        self.target_dir = database.parent / "dbt_target"
        self.log_dir = database.parent / "dbt_logs"
        self._common = [
            "--project-dir", str(DBT_PROJECT_DIR),
            "--profiles-dir", str(DBT_PROJECT_DIR),
            "--target-path", str(self.target_dir),
            "--log-path", str(self.log_dir),
            "--vars", json.dumps(load_thresholds()),
        ]
        env = {
            **os.environ,
            "FAZHI_DBT_DATABASE": str(database.resolve()),
            "DBT_SEND_ANONYMOUS_USAGE_STATS": "false",
            "DBT_USE_COLORS": "false",
        }
        # dbt's console output goes to a file, not a pipe: a pipe nobody reads while dbt works fills up
        # and stalls it. Its last lines explain a dbt that could not start.
        self._output = tempfile.TemporaryFile(mode="w+", encoding="utf-8", errors="replace")
        self._process = subprocess.Popen(
            [sys.executable, "-m", "ingest.dbt_worker", "prepare" if prepare else "direct", json.dumps(self._common)],
            stdin=subprocess.PIPE, stdout=self._output, stderr=subprocess.STDOUT, text=True, env=env,
            cwd=DBT_PROJECT_DIR)

    def __enter__(self) -> DbtWorker:
        return self

    def __exit__(self, *exc_info) -> None:
        self.close()

    def run(self, command: str, extra: list[str]) -> DbtOutcome:
        """Run `dbt COMMAND EXTRA…` in the child and wait for it; once per worker."""
        (self.target_dir / "run_results.json").unlink(missing_ok=True)
        try:
            self._process.stdin.write(json.dumps([*command.split(), *self._common, *extra]) + "\n")
            self._process.stdin.close()
        except (BrokenPipeError, OSError):
            pass  # the child died early; its output says why
        returncode = self._process.wait()
        self._output.seek(0)
        return _outcome(returncode, self._output.read(), self.target_dir, self.log_dir / "dbt.log")

    def close(self) -> None:
        if self._process.poll() is None:
            self._process.kill()  # staging copies are discarded on failure: nothing to finish cleanly
            self._process.wait()
        if self._process.stdin and not self._process.stdin.closed:
            self._process.stdin.close()
        self._output.close()


def _outcome(returncode: int, output: str, target_dir: Path, log_path: Path) -> DbtOutcome:
    """What dbt's run_results.json (or, when dbt could not start, its output) says about a command."""
    outcome = DbtOutcome(success=returncode == 0, log_path=log_path)
    run_results = target_dir / "run_results.json"
    if not run_results.exists():
        lines = [line for line in output.splitlines() if line.strip()]
        outcome.success = False
        outcome.failures.append("dbt could not run: " + " | ".join(lines[-6:]))
        return outcome
    results = json.loads(run_results.read_text(encoding="utf-8")).get("results", [])
    for result in results:
        outcome.nodes += 1
        parts = result.get("unique_id", "?").split(".")
        name = parts[2] if parts[0] == "test" and len(parts) > 3 else parts[-1]
        message = (result.get("message") or result.get("status") or "").strip().splitlines()
        line = f"{name}: {message[0] if message else result.get('status')}"
        if result.get("status") in ("error", "fail", "runtime error"):
            outcome.failures.append(line)
        elif result.get("status") == "warn":
            outcome.warnings.append(line)
    if returncode != 0 and not outcome.failures:
        outcome.failures.append("dbt exited with status %d" % returncode)
    return outcome


def project_fingerprint(project_dir: Path = DBT_PROJECT_DIR, seeds_dir: Path = SEEDS_DIR) -> str:
    """sha256 of everything that decides what dbt builds apart from the raw data: the seed files, the
    dbt project's files, the threshold vars and the versions of dbt and DuckDB."""
    digest = hashlib.sha256()
    for root in (project_dir, seeds_dir):
        for path in sorted(root.rglob("*")):
            relative = path.relative_to(root)
            if not path.is_file() or relative.parts[0] in _NOT_PROJECT_FILES or any(p.startswith(".") for p in relative.parts):
                continue
            digest.update(f"{root.name}/{relative.as_posix()}\0".encode())
            digest.update(path.read_bytes() + b"\0")
    digest.update(json.dumps(load_thresholds(), sort_keys=True).encode())
    for package in ("dbt-core", "dbt-duckdb", "duckdb"):
        digest.update(f"{package}={metadata.version(package)}\0".encode())
    return digest.hexdigest()


def last_build_fingerprint(database: Path) -> str | None:
    """The project fingerprint of the last successful build of this warehouse, if it recorded one."""
    con = duckdb.connect(str(database), read_only=True)
    try:
        row = con.execute("select project_fingerprint from raw.dbt_builds order by built_at desc limit 1").fetchone()
    except duckdb.CatalogException:
        return None  # built before builds were recorded, or never built
    finally:
        con.close()
    return row[0] if row else None


def record_build(database: Path, fingerprint: str, selection: str, nodes: int) -> None:
    """Note a successful build in the warehouse itself, so the note is published (or discarded) with it."""
    con = duckdb.connect(str(database))
    try:
        con.execute(_BUILDS_DDL)
        con.execute("insert into raw.dbt_builds values (?, ?, ?, ?)",
                    [datetime.now(timezone.utc).replace(tzinfo=None), fingerprint, selection, nodes])
    finally:
        con.close()
