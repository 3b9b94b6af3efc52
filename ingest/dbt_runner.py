"""Stage 2 of a run: dbt build (seeds, models, tests) on the warehouse being built."""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from pathlib import Path

from ingest.paths import DBT_PROJECT_DIR
from ingest.quality_config import load_thresholds

DBT_LOG_PATH = DBT_PROJECT_DIR / "logs" / "dbt.log"


@dataclass
class DbtOutcome:
    success: bool
    failures: list[str] = field(default_factory=list)  # "model|test name: message"
    warnings: list[str] = field(default_factory=list)
    nodes: int = 0
    log_path: Path = DBT_LOG_PATH


def run_dbt(database: Path, command: str = "build", extra: list[str] | None = None) -> DbtOutcome:
    """Run a dbt command against `database` in-process (dbtRunner) and summarise what failed."""
    os.environ["FAZHI_DBT_DATABASE"] = str(database.resolve())
    os.environ.setdefault("DBT_SEND_ANONYMOUS_USAGE_STATS", "false")
    from dbt.cli.main import dbtRunner  # imported late: dbt is slow to import and not needed by extract

    args = [
        command,
        "--vars", json.dumps(load_thresholds()),
        "--project-dir", str(DBT_PROJECT_DIR),
        "--profiles-dir", str(DBT_PROJECT_DIR),
        "--quiet",
        *(extra or []),
    ]
    result = dbtRunner().invoke(args)
    outcome = DbtOutcome(success=bool(result.success))
    if result.exception is not None:
        outcome.success = False
        outcome.failures.append(f"dbt could not run: {result.exception}")
        return outcome
    for node_result in getattr(result.result, "results", None) or []:
        outcome.nodes += 1
        status = str(getattr(node_result, "status", ""))
        name = getattr(getattr(node_result, "node", None), "name", "?")
        message = (getattr(node_result, "message", None) or "").strip().splitlines()
        line = f"{name}: {message[0] if message else status}"
        if status in ("error", "fail", "runtime error"):
            outcome.failures.append(line)
        elif status == "warn":
            outcome.warnings.append(line)
    return outcome
