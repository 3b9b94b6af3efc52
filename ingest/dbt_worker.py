"""The child process in which dbt runs (started by ingest.dbt_runner.DbtWorker).

    python -m ingest.dbt_worker prepare|direct COMMON_ARGS_JSON

It imports dbt and, with `prepare`, parses the project at once (COMMON_ARGS: project, profiles,
target and log folders, vars), so both overlap with the caller's ingest stage instead of adding
~3 s to the build. It then reads one JSON list from stdin, a whole dbt command line, runs it (with
the parsed manifest when parsing succeeded) and exits 0 on success. Empty stdin means "not
needed": it exits without touching the warehouse. dbt writes its results to run_results.json in
the target folder, where the parent reads them.
"""

from __future__ import annotations

import ctypes
import json
import signal
import sys

_PR_SET_PDEATHSIG = 1


def _die_with_parent() -> None:
    """Ask Linux to kill this process when its parent dies: a `kill -9` of a run must not leave dbt
    writing a staging copy nobody will publish (and that blocks the next run until dbt ends)."""
    try:
        ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    except (OSError, AttributeError):
        pass  # not Linux: the parent's clean-up still terminates us on every exit but SIGKILL


def main(argv: list[str]) -> int:
    _die_with_parent()
    mode, common = argv[0], json.loads(argv[1])
    from dbt.cli.main import dbtRunner

    manifest = None
    if mode == "prepare":
        try:
            parsed = dbtRunner().invoke(["parse", *common, "--quiet", "--no-write-json"])
            manifest = parsed.result if parsed.success else None
        except Exception:  # the build below parses again and reports the error properly
            manifest = None
    line = sys.stdin.readline()
    if not line.strip():
        return 0
    runner = dbtRunner(manifest=manifest) if manifest is not None else dbtRunner()
    result = runner.invoke(json.loads(line))
    return 0 if result.success else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
