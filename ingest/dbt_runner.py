"""Stage 2 of a run: dbt build (seeds, models, tests) on the warehouse being built.

dbt runs in a child process: dbt-duckdb keeps its DuckDB connection open for the life of the
process, and a connection left open in ours would pin (and could later write to) a file we are
about to publish. The child's results come back through dbt's run_results.json.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

from ingest.paths import DBT_PROJECT_DIR
from ingest.quality_config import load_thresholds



@dataclass
class DbtOutcome:
    success: bool
    failures: list[str] = field(default_factory=list)  # "model or test name: message"
    warnings: list[str] = field(default_factory=list)
    nodes: int = 0
    log_path: Path | None = None


def run_dbt(database: Path, command: str = "build", extra: list[str] | None = None) -> DbtOutcome:
    """Run a dbt command ("build", "docs generate") against `database` and summarise what failed. dbt's log and target folder
    sit beside the warehouse (dbt_logs/, dbt_target/): one per warehouse, so runs on two warehouses
    never share compiled state, and the next run on the same one reuses dbt's partial parse."""
    target_dir = database.parent / "dbt_target"
    (target_dir / "run_results.json").unlink(missing_ok=True)
    return _run(database, command, extra or [], target_dir, database.parent / "dbt_logs")


def _run(database: Path, command: str, extra: list[str], target_dir: Path, log_dir: Path) -> DbtOutcome:
    env = {
        **os.environ,
        "FAZHI_DBT_DATABASE": str(database.resolve()),
        "DBT_SEND_ANONYMOUS_USAGE_STATS": "false",
        "DBT_USE_COLORS": "false",
    }
    args = [
        sys.executable, "-m", "dbt.cli.main", *command.split(),
        "--project-dir", str(DBT_PROJECT_DIR),
        "--profiles-dir", str(DBT_PROJECT_DIR),
        "--target-path", str(target_dir),
        "--log-path", str(log_dir),
        "--vars", json.dumps(load_thresholds()),
        *extra,
    ]
    completed = subprocess.run(args, capture_output=True, text=True, env=env, cwd=DBT_PROJECT_DIR)
    outcome = DbtOutcome(success=completed.returncode == 0, log_path=log_dir / "dbt.log")
    run_results = target_dir / "run_results.json"
    if not run_results.exists():
        lines = [line for line in (completed.stdout + completed.stderr).splitlines() if line.strip()]
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
    if completed.returncode != 0 and not outcome.failures:
        outcome.failures.append("dbt exited with status %d" % completed.returncode)
    return outcome
