"""The child process in which dbt runs (started by ingest.run.dbt.DbtWorker).

    python -m ingest.run.dbt_worker prepare|direct COMMON_ARGS_JSON

It imports dbt and, with `prepare`, parses the project at once (COMMON_ARGS: project, profiles,
target and log folders, vars), so both overlap with the caller's ingest stage instead of adding
its start-up to the build. It then reads one JSON list from stdin: the dbt command lines to run in order
(with the parsed manifest when parsing succeeded). After each it writes one JSON line to stdout,
the step's report (success, error, node results), so the caller can act on a step while the next
one runs; it stops at the first failure and exits 0 when all succeeded. dbt's own console output
goes to stderr. Empty stdin means "not needed": it exits without touching the warehouse.
"""

from __future__ import annotations

import ctypes
import json
import logging
import os
import signal
import sys
from typing import TextIO

_PR_SET_PDEATHSIG = 1
PARENT_ENV_VAR = "FAZHI_DBT_PARENT"  # the pid of the process that started this worker


def _die_with_parent() -> None:
    """Ask Linux to kill this process when its parent dies: a `kill -9` of a run must not leave dbt
    writing a staging copy nobody will publish (and that blocks the next run until dbt ends)."""
    try:
        ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    except (OSError, AttributeError):
        return  # not Linux: the parent's clean-up still terminates us on every exit but SIGKILL
    # A parent that died before the signal was armed sends none: we were re-parented, so leave now.
    parent = os.environ.get(PARENT_ENV_VAR)
    if parent and os.getppid() != int(parent):
        os._exit(1)


def _report_channel() -> TextIO:
    """Keep the real stdout for step reports and send everything else printed to stdout (dbt's console
    log) to stderr, so nothing dbt prints can be mistaken for a report."""
    channel = os.fdopen(os.dup(sys.stdout.fileno()), "w", encoding="utf-8")
    sys.stdout.flush()
    os.dup2(sys.stderr.fileno(), sys.stdout.fileno())
    return channel


def _step_report(result) -> dict:
    """What the caller needs of a dbtRunnerResult: success, the error that stopped dbt, node results."""
    nodes = []
    for node_result in getattr(result.result, "results", None) or []:
        node = getattr(node_result, "node", None)
        if node is None:  # run-operation's result for the macro itself: the step's success and error tell
            continue
        nodes.append({"unique_id": node.unique_id, "status": str(node_result.status), "message": node_result.message})
    return {"success": bool(result.success), "error": None if result.exception is None else str(result.exception),
            "results": nodes}


def main(argv: list[str]) -> int:
    _die_with_parent()
    reports = _report_channel()
    mode, common = argv[0], json.loads(argv[1])
    from dbt.cli.main import dbtRunner

    manifest = None
    if mode == "prepare":
        try:
            parsed = dbtRunner().invoke(["parse", *common, "--quiet", "--no-write-json"])
            manifest = parsed.result if parsed.success else None
        except Exception:  # the first step parses again and reports the error properly
            manifest = None
    line = sys.stdin.readline()
    if not line.strip():
        return 0
    runner = dbtRunner(manifest=manifest) if manifest is not None else dbtRunner()
    for step in json.loads(line):
        report = _step_report(runner.invoke(step))
        reports.write(json.dumps(report) + "\n")
        reports.flush()
        if not report["success"]:
            return 1
    return 0


if __name__ == "__main__":
    code = main(sys.argv[1:])
    logging.shutdown()  # dbt.log
    sys.stdout.flush()
    sys.stderr.flush()
    # dbt has written and closed everything it writes by now; tearing down its modules only costs time
    os._exit(code)
