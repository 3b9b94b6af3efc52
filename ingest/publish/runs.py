"""`fazhi export`, and `fazhi run` as a schedule runs it: the pipeline's run, then (optionally) the
exports, around it the inbox's moves and the record of the run's outcome (status.py)."""

from __future__ import annotations

import shutil
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from ingest.paths import STAGING_SUFFIX, beside, claim_working_dir, swap_folder, working_dir
from ingest.publish.dictionary import build_data_dictionary
from ingest.publish.explorer import build_explorer
from ingest.publish.export import ExportSummary, export_marts
from ingest.publish.inbox import InboxOutcome, pending_files, reasons_of, settle
from ingest.publish.status import write_record
from ingest.resolve.overrides import Overrides

DATA_DICTIONARY = "data_dictionary.html"
EXPLORER = "explorer.html"


def exports_dir(warehouse: Path) -> Path:
    """The warehouse's exports/ beside it (one per warehouse, like dq_report/: paths.working_dir)."""
    return working_dir(warehouse, "exports")


@dataclass
class Published:
    folder: Path
    marts: ExportSummary
    data_dictionary: Path
    explorer: Path

    def rows(self) -> list[tuple[str, str]]:
        return [("exports", f"{self.folder} ({len(self.marts.marts)} marts as Parquet and CSV, datapackage.json)"),
                ("data dictionary", str(self.data_dictionary)), ("indicator explorer", str(self.explorer))]


def export(warehouse: Path) -> Published:
    """Every mart as Parquet + CSV + datapackage.json, the data dictionary and the indicator explorer,
    written in full to exports.staging/, then swapped in place of exports/."""
    from ingest.run.interrupts import raise_if_interrupted
    from ingest.run.stages import StageFailed

    if not warehouse.exists():
        raise StageFailed(f"no warehouse at {warehouse}; run 'fazhi run' first")
    folder = exports_dir(warehouse)
    staging = beside(folder, STAGING_SUFFIX)
    shutil.rmtree(staging, ignore_errors=True)
    try:
        marts = export_marts(warehouse, staging)
        build_explorer(warehouse, staging / EXPLORER)
        build_data_dictionary(warehouse, staging / DATA_DICTIONARY)
        claim_working_dir(staging, warehouse)
        raise_if_interrupted()
        swap_folder(staging, folder)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    marts.folder, marts.datapackage = folder, folder / "datapackage.json"
    return Published(folder, marts, folder / DATA_DICTIONARY, folder / EXPLORER)


@dataclass
class ScheduledRun:
    result: object | None = None  # pipeline.RunResult; None when an inbox had nothing new
    published: Published | None = None
    inbox: InboxOutcome | None = None
    waiting: list[Path] = field(default_factory=list)


def run(warehouse: Path, paths: list[Path], overrides: Overrides | None = None, *, inbox: Path | None = None,
        export_after: bool = False, on_start=None, on_progress=None) -> ScheduledRun:
    """pipeline.run on `paths` (or the files waiting in `inbox`), then the exports when asked; the outcome
    is recorded beside the warehouse (fazhi status) whether it succeeds or fails."""
    from ingest.run import pipeline
    from ingest.run.stages import StageFailed

    outcome = ScheduledRun()
    if inbox is not None:
        outcome.waiting = pending_files(inbox)
        if not outcome.waiting:
            return outcome  # nothing new: no run, nothing recorded
        paths = outcome.waiting
    started = datetime.now(UTC)
    try:
        outcome.result = pipeline.run(warehouse, paths, overrides, on_start=on_start, on_progress=on_progress)
    except StageFailed as exc:
        if inbox is not None and exc.summary is not None and exc.summary.nothing_loaded:
            outcome.inbox = settle(inbox, outcome.waiting, _all_rejected(exc.summary, outcome.waiting))
            exc.inbox = outcome.inbox
        write_record(warehouse, started, "failed", str(exc))
        raise
    except BaseException as exc:
        write_record(warehouse, started, "failed", f"{type(exc).__name__}: {exc}".rstrip(": "))
        raise
    if inbox is not None:
        outcome.inbox = settle(inbox, outcome.waiting, reasons_of(outcome.result.ingest, outcome.waiting))
    try:
        if export_after:
            outcome.published = export(warehouse)
    except BaseException as exc:
        write_record(warehouse, started, "failed", f"the warehouse was published, but the export failed: {exc}")
        if not isinstance(exc, Exception):  # an interrupt: the CLI's message says what was published
            exc.after_publish = True
        raise
    write_record(warehouse, started, "succeeded")
    return outcome


def _all_rejected(summary, files: list[Path]) -> dict[Path, str]:
    reasons = reasons_of(summary, files)
    return {p.resolve(): reasons.get(p.resolve(), "nothing could be loaded from this batch") for p in files}
