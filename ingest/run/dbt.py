"""Stage 2 of a run: dbt build (seeds, models, tests) on the warehouse being built.

dbt runs in a child process (ingest/run/dbt_worker.py): dbt-duckdb keeps its DuckDB connection open for
the life of the process, and a connection left open in ours would pin (and could later write to) a
file we are about to publish. The child reports each step's node results on its stdout (ingest/run/dbt_worker.py).
"""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path

from ingest.classify.suggestions import EXAMPLES_FILE
from ingest.paths import DBT_PROJECT_DIR, SEEDS_DIR, claim_working_dir, working_dir
from ingest.quality.config import load_thresholds

# What `fazhi run` builds when the dbt project and seeds are unchanged since the warehouse's last
# build: the tables downstream of the loaded data (raw.*), plus the analysts' two small seeds (corrections,
# document choices: data, not project, so left out of the fingerprint) re-seeded with everything built on
# them; then the data tests on everything downstream of either. Other seeds, views, tables built from
# seeds alone (dim_region, dim_indicator), their tests and the unit tests depend only on the fingerprinted
# project files, so they are in place and passed already; skipping them saves a few seconds per run.
ANALYST_SEEDS = ("corrections", "document_choices")
# (views downstream of a re-seeded seed read it as they are: only the seeds and the tables after them are built)
# The big tables keyed by reporter are incremental (macros/incremental_by_reporter.sql): a data-only build
# replaces only the rows of the reporters whose documents, facts or corrections changed (int_build__changes);
# every other build passes --full-refresh (FULL_BUILD) and rebuilds them whole.
DATA_ONLY_MODELS = ["--select", *(f"{root}+,config.materialized:{kind}" for root in ("source:raw", *ANALYST_SEEDS)
                                  for kind in ("table", "incremental")), *ANALYST_SEEDS,
                    "--exclude", "resource_type:test", "resource_type:unit_test"]
FULL_BUILD = ["--full-refresh"]
DATA_ONLY_TESTS = ["--select", "source:raw+", *(f"{seed}+" for seed in ANALYST_SEEDS), "--exclude", "resource_type:unit_test"]
CHANGES_MODEL = "int_build__changes"
_NOT_PROJECT_FILES = {"target", "logs", "dbt_packages"}
# rebuilt by every data-only build; the suggestion model's examples are no dbt seed (disabled in dbt_project.yml)
_NOT_PROJECT_SEEDS = {f"{seed}.csv" for seed in ANALYST_SEEDS} | {EXAMPLES_FILE}


@dataclass
class DbtOutcome:
    success: bool
    failures: list[str] = field(default_factory=list)  # "model or test name: message"
    warnings: list[str] = field(default_factory=list)
    nodes: int = 0
    log_path: Path | None = None
    results: list[dict] = field(default_factory=list)  # per node: unique_id, status, message


def run_dbt(database: Path, command: str = "build", extra: list[str] | None = None) -> DbtOutcome:
    """Run a dbt command ("build", "docs generate") against `database` and summarise what failed. dbt's
    log and target folder sit beside the warehouse (dbt_logs/, dbt_target/; paths.working_dir): one per
    warehouse, so runs on two warehouses never share compiled state, and the next run on the same one reuses dbt's partial
    parse."""
    with DbtWorker(database, prepare=False) as child:
        child.start([[*command.split(), *(extra or [])]])
        return child.finish()


def build_steps(data_only: bool, models: list[str], folder: Path, changed_only: bool = False) -> list[list[str]]:
    """The dbt commands of `fazhi run`'s build, in three steps: the seeds, unit tests and models (the
    DATA_ONLY_MODELS when `data_only`); the check `models` copied to Parquet files in `folder`; then the
    data tests. The caller validates the Parquet files while dbt tests, which it could not do on the
    warehouse itself: dbt holds DuckDB's single-writer lock until it exits. A failing test fails the
    build as it would in one `dbt build`, only later. `changed_only` (a data-only build whose stored
    findings describe the last build): only the changed reporters' check rows are exported and tested."""
    arguments = json.dumps({"models": models, "folder": str(folder), "changed_only": changed_only})
    build = ["build", *DATA_ONLY_MODELS] if data_only else ["build", *FULL_BUILD, "--exclude", "resource_type:test"]
    test = ["test", *DATA_ONLY_TESTS] if data_only else ["test", "--exclude", "resource_type:unit_test"]
    # dbt's JSON artifacts (a 1 MB manifest per command) are not needed: results come back in reports.
    # dbt.log at info level (each node's start and result, every error): debug lines slow the build.
    quieter = ["--no-write-json", "--log-level-file", "info"]
    return [[*build, *quieter], ["run-operation", "export_to_parquet", "--args", arguments, *quieter],
            [*test, *quieter]]


class DbtWorker:
    """dbt in a child process (ingest/run/dbt_worker.py), started before it is needed: while the caller
    ingests, the child imports dbt and parses the project. `start` then only runs the steps; the
    caller takes each step's outcome as it ends (`next_step`) and the whole with `finish`. Use as a
    context manager: leaving it stops a child that was never asked to run (or is still running)."""

    def __init__(self, database: Path, prepare: bool = True) -> None:
        self.database = database
        self.target_dir = working_dir(database, "dbt_target")  # dbt_target/, dbt_logs/ for the folder's
        self.log_dir = working_dir(database, "dbt_logs")  # first warehouse, else STEM_dbt_target/, …
        for folder in (self.target_dir, self.log_dir):
            claim_working_dir(folder, database)
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
            "FAZHI_DBT_PARENT": str(os.getpid()),  # the worker leaves if we die before it can watch us
            "DBT_SEND_ANONYMOUS_USAGE_STATS": "false",
            "DBT_USE_COLORS": "false",
        }
        # dbt's console output goes to a file, not a pipe: a pipe nobody reads while dbt works fills up
        # and stalls it. Its last lines explain a dbt that could not start. Step reports come on stdout.
        self._output = tempfile.TemporaryFile(mode="w+", encoding="utf-8", errors="replace")
        self._process = subprocess.Popen(
            [sys.executable, "-m", "ingest.run.dbt_worker", "prepare" if prepare else "direct", json.dumps(self._common)],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=self._output, text=True, encoding="utf-8",
            env=env, cwd=DBT_PROJECT_DIR)
        self._steps: list[DbtOutcome] = []

    def __enter__(self) -> DbtWorker:
        return self

    def __exit__(self, *exc_info) -> None:
        self.close()

    def start(self, steps: list[list[str]]) -> None:
        """Ask the child to run `dbt STEP…` for each step in order (stopping at the first failure); once
        per worker."""
        try:
            self._process.stdin.write(json.dumps([[*step, *self._common] for step in steps]) + "\n")
            self._process.stdin.close()
        except (BrokenPipeError, OSError):
            pass  # the child died early; its output says why

    def next_step(self) -> DbtOutcome | None:
        """Wait for the next step to end and return its outcome; None when the child ended without one
        (it failed to start, crashed, or ran every step)."""
        line = self._process.stdout.readline()
        if not line:
            return None
        outcome = _outcome(json.loads(line))
        self._steps.append(outcome)
        return outcome

    def finish(self) -> DbtOutcome:
        """Wait for the child to end; the outcome of all its steps together."""
        while self.next_step() is not None:
            pass
        returncode = self._process.wait()
        outcome = DbtOutcome(success=returncode == 0 and bool(self._steps) and all(s.success for s in self._steps),
                             log_path=self.log_dir / "dbt.log")
        for step in self._steps:
            outcome.failures += step.failures
            outcome.warnings += step.warnings
            outcome.nodes += step.nodes
            outcome.results += step.results
        if not self._steps:
            self._output.seek(0)
            lines = [line for line in self._output.read().splitlines() if line.strip()]
            outcome.failures.append("dbt could not run: " + " | ".join(lines[-6:]))
            return outcome
        # what ran, for whoever looks into dbt_target/ (the steps skip dbt's run_results.json)
        self.target_dir.mkdir(parents=True, exist_ok=True)
        (self.target_dir / "fazhi_node_results.json").write_text(json.dumps(outcome.results, indent=1), encoding="utf-8")
        if not outcome.success and not outcome.failures:
            outcome.failures.append(f"dbt exited with status {returncode}")
        return outcome

    def close(self) -> None:
        if self._process.poll() is None:
            self._process.kill()  # staging copies are discarded on failure: nothing to finish cleanly
            self._process.wait()
        for stream in (self._process.stdin, self._process.stdout):
            if stream and not stream.closed:
                stream.close()
        self._output.close()


def _outcome(report: dict) -> DbtOutcome:
    """A step's report from the child (see ingest/run/dbt_worker.py) as a DbtOutcome."""
    outcome = DbtOutcome(success=report["success"])
    outcome.results = report["results"]
    for result in report["results"]:
        outcome.nodes += 1
        parts = result["unique_id"].split(".")
        name = parts[2] if parts[0] == "test" and len(parts) > 3 else parts[-1]
        message = (result.get("message") or result["status"] or "").strip().splitlines()
        line = f"{name}: {message[0] if message else result['status']}"
        if result["status"] in ("error", "fail", "runtime error"):
            outcome.failures.append(line)
        elif result["status"] == "warn":
            outcome.warnings.append(line)
    if report.get("error"):  # dbt stopped (compilation error, lost connection): its message on one line
        outcome.failures.append("dbt: " + (" ".join(line.strip() for line in report["error"].splitlines() if line.strip()) or "error"))
    return outcome


def project_fingerprint(project_dir: Path = DBT_PROJECT_DIR, seeds_dir: Path = SEEDS_DIR) -> str:
    """sha256 of everything that decides what dbt builds apart from the raw data: the seed files (but the
    analysts' corrections and document choices, which every data-only build re-seeds), the dbt project's
    files, the threshold vars and the versions of dbt and DuckDB."""
    digest = hashlib.sha256()
    for root in (project_dir, seeds_dir):
        for path in sorted(root.rglob("*")):
            relative = path.relative_to(root)
            if not path.is_file() or relative.parts[0] in _NOT_PROJECT_FILES or any(p.startswith(".") for p in relative.parts):
                continue
            if root == seeds_dir and relative.as_posix() in _NOT_PROJECT_SEEDS:
                continue
            digest.update(f"{root.name}/{relative.as_posix()}\0".encode())
            digest.update(path.read_bytes() + b"\0")
    digest.update(json.dumps(load_thresholds(), sort_keys=True).encode())
    for package in ("dbt-core", "dbt-duckdb", "duckdb"):
        digest.update(f"{package}={metadata.version(package)}\0".encode())
    return digest.hexdigest()
