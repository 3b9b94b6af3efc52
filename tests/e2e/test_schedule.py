"""The unattended run (issue 17): the command lines of deploy/fazhi.service and deploy/fazhi.cron run as
written (paths substituted) on an inbox; files are moved to processed/ or rejected/ with a reason;
`fazhi status` reports the last run and exits 1 after a failed one."""

from __future__ import annotations

import os
import re
import shlex
import subprocess
from pathlib import Path

from tests.conftest import REPO, SEEDS, fazhi

DEPLOY = REPO / "deploy"


def _substituted(text: str, data: Path) -> str:
    return text.replace("/opt/fazhi", str(REPO)).replace("/var/lib/fazhi", str(data))


def _service(data: Path) -> tuple[list[str], dict[str, str], Path]:
    unit = _substituted((DEPLOY / "fazhi.service").read_text(encoding="utf-8"), data)
    values: dict[str, list[str]] = {}
    for line in unit.splitlines():
        match = re.match(r"^(\w+)=(.*)$", line)
        if match:
            values.setdefault(match.group(1), []).append(match.group(2))
    env = dict(os.environ)
    for assignment in values.get("Environment", []):
        key, value = assignment.split("=", 1)
        env[key] = value
    (command,) = values["ExecStart"]
    return shlex.split(command), env, Path(values["WorkingDirectory"][0])


def _cron_command(data: Path) -> str:
    lines = [line for line in (DEPLOY / "fazhi.cron").read_text(encoding="utf-8").splitlines() if line and not line.startswith("#")]
    (line,) = lines
    return _substituted(line.split(None, 5)[5], data)  # after minute, hour, day, month, weekday


def test_service_and_cron_lines_run_an_inbox_and_status_reports_them(tmp_path: Path):
    data = tmp_path / "data"
    inbox = data / "inbox"
    inbox.mkdir(parents=True)
    warehouse = data / "warehouse" / "fazhi.duckdb"
    (inbox / SEEDS[0].name).write_bytes(SEEDS[0].read_bytes())
    (inbox / "empty.txt").write_bytes(b"")

    argv, env, cwd = _service(data)
    assert argv[0].endswith("/.venv/bin/fazhi") and "--inbox" in argv
    result = subprocess.run(argv, env=env, cwd=cwd, capture_output=True, text=True, timeout=900)
    assert result.returncode == 0, result.stdout + result.stderr
    assert [p.name for p in (inbox / "processed").iterdir()] == [SEEDS[0].name]
    assert sorted(p.name for p in (inbox / "rejected").iterdir()) == ["empty.txt", "empty.txt.reason.txt"]
    assert "empty" in (inbox / "rejected" / "empty.txt.reason.txt").read_text(encoding="utf-8")
    assert (data / "warehouse" / "exports" / "explorer.html").is_file()  # --export
    status = fazhi("status", warehouse=warehouse)
    assert status.returncode == 0 and "succeeded" in status.stdout, status.stdout + status.stderr

    cron = subprocess.run(["sh", "-c", _cron_command(data)], env=dict(os.environ), capture_output=True, text=True, timeout=900)
    assert cron.returncode == 0, cron.stderr
    assert "no new files" in (data / "fazhi.log").read_text(encoding="utf-8")

    (inbox / "also-empty.txt").write_bytes(b"")  # a batch of which nothing loads: the run fails
    cron = subprocess.run(["sh", "-c", _cron_command(data)], env=dict(os.environ), capture_output=True, text=True, timeout=900)
    assert cron.returncode == 1, (data / "fazhi.log").read_text(encoding="utf-8")
    assert (inbox / "rejected" / "also-empty.txt.reason.txt").is_file()
    status = fazhi("status", warehouse=warehouse)
    assert status.returncode == 1 and "failed" in status.stdout, status.stdout + status.stderr
    assert "1 new" in status.stdout  # the counts of the last published ingest are still shown
