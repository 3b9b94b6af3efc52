"""The last run, for `fazhi status` and whoever watches a schedule: a failed run leaves the published
warehouse untouched (its raw.ingest_runs row is discarded with the staging copy), so every `fazhi run`
also writes its outcome to `<warehouse>.last-run.json` beside the file; the status joins that record
with the warehouse's raw.ingest_runs and quality.dq_findings."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from ingest.warehouse.connection import WarehouseError, connect
from ingest.warehouse.exports import LastRun, findings_by_severity, last_ingest_run


def record_path(warehouse: Path) -> Path:
    return warehouse.with_name(warehouse.name + ".last-run.json")


@dataclass
class RunRecord:
    started_at: str  # ISO 8601, UTC
    finished_at: str
    seconds: float
    outcome: str  # succeeded | failed
    message: str = ""
    command: str = "run"


def write_record(warehouse: Path, started: datetime, outcome: str, message: str = "") -> RunRecord:
    finished = datetime.now(UTC)
    record = RunRecord(started.isoformat(timespec="seconds"), finished.isoformat(timespec="seconds"),
                       round((finished - started).total_seconds(), 1), outcome, message)
    path = record_path(warehouse)
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(path.name + ".tmp")
    temporary.write_text(json.dumps(asdict(record), ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    temporary.replace(path)
    return record


def read_record(warehouse: Path) -> RunRecord | None:
    try:
        return RunRecord(**json.loads(record_path(warehouse).read_text(encoding="utf-8")))
    except (OSError, ValueError, TypeError):
        return None


@dataclass
class Status:
    record: RunRecord | None
    ingest: LastRun | None
    findings: dict[str, int] = field(default_factory=dict)

    @property
    def failed(self) -> bool:
        """The last run failed: its record says so, or (no record) its raw.ingest_runs row does."""
        if self.record is not None:
            return self.record.outcome != "succeeded"
        return self.ingest is not None and self.ingest.status == "failed"

    @property
    def known(self) -> bool:
        return self.record is not None or self.ingest is not None

    def rows(self) -> list[tuple[str, str]]:
        """(label, text) lines of `fazhi status`."""
        rows, record, ingest = [], self.record, self.ingest
        if record is not None:
            rows.append(("last run", f"{record.started_at} → {record.finished_at} ({record.seconds:g} s)"))
            rows.append(("outcome", record.outcome + (f": {record.message}" if record.message else "")))
        if ingest is not None:
            rows.append(("last ingest", f"{ingest.started_at} · {ingest.status}"))
            rows.append(("files", f"{ingest.files_seen} seen · {ingest.documents_loaded} new · {ingest.documents_unchanged} "
                                  f"unchanged · {ingest.documents_reextracted} re-extracted · {ingest.files_failed} failed"))
            rows.append(("facts written", str(ingest.facts_loaded)))
        found = self.findings
        rows.append(("findings", f"{found.get('error', 0)} error · {found.get('warning', 0)} warning · {found.get('info', 0)} info"))
        return rows


def read_status(warehouse: Path) -> Status:
    ingest, findings = None, {}
    if warehouse.exists():
        with connect(warehouse, read_only=True) as con:
            try:
                ingest = last_ingest_run(con)
            except WarehouseError:  # not a fazhi warehouse yet (no raw.ingest_runs)
                ingest = None
            findings = findings_by_severity(con)
    return Status(read_record(warehouse), ingest, findings)
