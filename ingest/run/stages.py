"""What each stage of a run does, on a staging copy of the warehouse that is published only on success."""

from __future__ import annotations

import shutil
import threading
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from ingest.paths import claim_working_dir, report_dir_for, staging_path
from ingest.quality.findings import finding_types
from ingest.quality.report import report_staging, stage_report, swap_report
from ingest.quality.suites import check_model_names
from ingest.quality.validate import QualityOutcome, QualityPlan, prepare_quality, run_quality
from ingest.resolve.overrides import Overrides
from ingest.run import timing
from ingest.run.dbt import CHANGES_MODEL, FULL_BUILD, DbtOutcome, DbtWorker, build_steps, project_fingerprint, run_dbt
from ingest.run.load import IngestSummary, run_ingest
from ingest.run.publishing import staged_copy, writer_lock
from ingest.warehouse.connection import connect
from ingest.warehouse.queries import (
    changed_reporters,
    check_models_in_database,
    check_models_in_folder,
    count_documents,
    last_build_fingerprint,
    read_findings,
)
from ingest.warehouse.rows import record_build, write_findings

ProgressStart = Callable[[int], None]
Progress = Callable[[str], None]


class StageFailed(Exception):
    """A stage could not complete; the published warehouse is unchanged."""

    def __init__(self, message: str, dbt: DbtOutcome | None = None, summary: IngestSummary | None = None) -> None:
        super().__init__(message)
        self.dbt = dbt
        self.summary = summary


def ingest_files(database: Path, paths: list[Path], overrides: Overrides | None,
                 on_start: ProgressStart | None, on_progress: Progress | None) -> IngestSummary:
    with connect(database) as con, timing.stage("read+extract+load"):
        summary = run_ingest(con, paths, overrides, on_progress=on_progress, on_start=on_start)
    if summary.nothing_loaded:
        raise StageFailed("nothing could be loaded", summary=summary)
    return summary


def build(database: Path) -> DbtOutcome:
    """`fazhi build`: dbt builds everything."""
    fingerprint = project_fingerprint()
    outcome = run_dbt(database, "build", FULL_BUILD)
    _record(database, outcome, fingerprint, data_only=False)
    return outcome


def build_and_check(database: Path, gx_dir: Path, worker: DbtWorker,
                    preparation: QualityPreparation) -> tuple[DbtOutcome, QualityOutcome]:
    """dbt builds the models and exports the check models to Parquet; Great Expectations validates
    those while dbt runs the data tests (dbt.build_steps). Only data-dependent models are built
    when the project is unchanged since the warehouse's last build."""
    fingerprint = project_fingerprint()
    data_only = last_build_fingerprint(database) == fingerprint
    exported = gx_dir / "check_models"
    exported.mkdir(parents=True, exist_ok=True)
    with timing.stage("dbt models+export"):
        worker.start(build_steps(data_only, check_model_names(), exported))
        quality = None
        models_built, models_exported = worker.next_step(), worker.next_step()
    if models_built and models_built.success and models_exported and models_exported.success:
        preparation.join()
        with check_models_in_folder(exported) as read, timing.stage("checks (GX)"):
            quality = run_quality(read, gx_dir / "site", preparation.plan)
    with timing.stage("dbt tests (rest)"):
        outcome = worker.finish()
    _record(database, outcome, fingerprint, data_only)
    if quality is None:  # dbt succeeded without reporting the export: not expected, but say so
        raise StageFailed("dbt did not export the check models", outcome)
    # a data-only build exported and validated only the changed reporters' check rows: their findings
    # replace theirs, and the report describes the whole table
    changes = exported / f"{CHANGES_MODEL}.parquet" if data_only else None
    with timing.stage("findings write"):
        write_findings(database, quality.findings, finding_types(), changes)
        if data_only:
            quality.findings = read_findings(database)
            quality.changed_reporters = changed_reporters(changes)
    return outcome, quality


def _record(database: Path, outcome: DbtOutcome, fingerprint: str, data_only: bool) -> None:
    if not outcome.success:
        raise StageFailed("dbt build failed", outcome)
    record_build(database, fingerprint, "data only" if data_only else "full", outcome.nodes,
                 datetime.now(UTC).replace(tzinfo=None))


class QualityPreparation(threading.Thread):
    """Import Great Expectations and register the suites and checkpoints while files are read and dbt
    builds in its child process, so the check stage only validates. A failure is left for the check
    stage, which prepares again and reports it."""

    def __init__(self, docs_dir: Path) -> None:
        super().__init__(name="prepare-great-expectations", daemon=True)
        self.docs_dir = docs_dir
        self.plan: QualityPlan | None = None
        self.start()

    def run(self) -> None:
        try:
            self.plan = prepare_quality(self.docs_dir)
        except Exception:
            pass  # plan stays None


def check(database: Path, gx_dir: Path) -> QualityOutcome:
    """`fazhi check`: validate the check models in the warehouse."""
    with check_models_in_database(database) as read:
        outcome = run_quality(read, gx_dir / "site")
    write_findings(database, outcome.findings, finding_types())
    return outcome


class ReportNotPublished(Exception):
    """The warehouse was published, but the report describing it could not be put in place."""


def staged_run(warehouse: Path, stages: Callable[[Path, Path], QualityOutcome]) -> tuple[QualityOutcome, Path]:
    """Run `stages(staging database, GX build folder)` on a staging copy under the writer lock; write
    the data-quality report in full beside the published one; then publish the warehouse (one rename)
    and right after it the report (two renames). When a stage or the report's writing fails (a full
    disk), or the process is killed, neither the warehouse nor the report changes."""
    report_dir = report_dir_for(warehouse)
    gx_dir = report_dir.with_name(report_dir.name + ".gx-build")
    staged_report = report_staging(report_dir)
    with writer_lock(warehouse):  # which clears what a killed run left (gx_dir, the staged report)
        try:
            copy_started = time.time()
            with staged_copy(warehouse) as database:
                timing.note("staging copy", copy_started)
                outcome = stages(database, gx_dir)
                documents = count_documents(database)
                with timing.stage("report"):
                    stage_report(report_dir, outcome.findings, documents, outcome.data_docs_index, outcome.changed_reporters)
                claim_working_dir(staged_report, warehouse)
                publish_started = time.time()
        except BaseException:
            shutil.rmtree(staged_report, ignore_errors=True)
            raise
        finally:
            shutil.rmtree(gx_dir, ignore_errors=True)
            # DuckDB's spill folder (memory_limit, issue 16), left by the dbt child that exits without teardown
            shutil.rmtree(staging_path(warehouse).with_name(staging_path(warehouse).name + ".tmp"), ignore_errors=True)
        try:
            path = swap_report(report_dir, staged_report)
            timing.note("publish", publish_started)
        except OSError as exc:
            shutil.rmtree(staged_report, ignore_errors=True)
            raise ReportNotPublished(
                f"the warehouse {warehouse} was published, but its data-quality report could not be put in "
                f"place ({exc.strerror or exc}: {exc.filename or report_dir}); run `fazhi check` to write it") from None
    return outcome, path
