"""What each stage of a run does, on a staging copy of the warehouse that is published only on success."""

from __future__ import annotations

import shutil
import threading
import time
import uuid
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from pathlib import Path

from ingest.paths import GX_BUILD_SUFFIX, beside, claim_working_dir, report_dir_for, staging_path
from ingest.quality.findings import finding_types, merge_findings
from ingest.quality.report import report_staging, stage_report, swap_report
from ingest.quality.suites import check_model_names
from ingest.quality.validate import QualityOutcome, QualityPlan, prepare_quality, run_quality
from ingest.resolve.overrides import Overrides
from ingest.run import timing
from ingest.run.dbt import CHANGES_MODEL, FULL_BUILD, DbtOutcome, DbtWorker, build_steps, project_fingerprint, run_dbt
from ingest.run.interrupts import release_import_lock
from ingest.run.load import IngestSummary, run_ingest
from ingest.run.publishing import staged_copy, writer_lock
from ingest.warehouse.connection import connect
from ingest.warehouse.queries import (
    build_state,
    changed_reporters,
    check_models_in_database,
    check_models_in_folder,
    count_documents,
    read_findings,
)
from ingest.warehouse.rows import record_build, write_findings
from ingest.warehouse.schema import ensure_raw_schema

ProgressStart = Callable[[int], None]
ReportWriter = Callable[[QualityOutcome, int], None]  # stages the report of (findings, documents)
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
    with connect(database) as con:
        ensure_raw_schema(con)  # a warehouse of an earlier version gains the raw columns the models read
    fingerprint = project_fingerprint()
    outcome = run_dbt(database, "build", FULL_BUILD)
    _record(database, outcome, fingerprint, data_only=False)
    return outcome


_CHANGES_TABLE = f"intermediate.{CHANGES_MODEL}"  # where the last build listed the reporters it changed


def build_and_check(database: Path, gx_dir: Path, worker: DbtWorker, preparation: QualityPreparation,
                    write_report: ReportWriter | None = None) -> tuple[DbtOutcome, QualityOutcome]:
    """dbt builds the models and exports the check models to Parquet; Great Expectations validates
    those while dbt runs the data tests (dbt.build_steps). Only data-dependent models are built
    when the project is unchanged since the warehouse's last build. When, besides, the stored findings
    describe that build, GX and the tests see only the changed reporters' check rows, only their
    findings are replaced, and `write_report` (when given) writes the report from the findings merged in
    memory while dbt tests (a failing test still fails the run, and the caller discards the report)."""
    fingerprint = project_fingerprint()
    state = build_state(database, _CHANGES_TABLE)
    data_only = state.fingerprint == fingerprint and state.has_changes
    changed_only = data_only and state.findings_built_at is not None and state.findings_built_at == state.built_at
    # read before dbt takes the warehouse's lock: the findings of the reporters this build leaves alone
    previous = read_findings(database) if changed_only and write_report else None
    documents = count_documents(database) if previous is not None else 0
    exported = gx_dir / "check_models"
    exported.mkdir(parents=True, exist_ok=True)
    with timing.stage("dbt models+export"):
        worker.start(build_steps(data_only, check_model_names(), exported, changed_only))
        quality = None
        models_built, models_exported = worker.next_step(), worker.next_step()
    if models_built and models_built.success and models_exported and models_exported.success:
        preparation.join()
        with check_models_in_folder(exported) as read, timing.stage("checks (GX)"):
            quality = run_quality(read, gx_dir / "site", preparation.plan)
    # only the changed reporters' check rows were exported and validated (None: every row): their findings
    # replace theirs, and the report describes the whole table
    changed = changed_reporters(exported / f"{CHANGES_MODEL}.parquet") if changed_only and quality else None
    new_findings = quality.findings if quality is not None else None
    report = None
    # leaving the pool waits for the report, also when dbt fails: never writing into a folder the caller removes
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="report") as pool:
        if quality is not None:
            quality.version = uuid.uuid4().hex
            quality.previous_version = state.findings_version if changed_only else None
            quality.changed_reporters = changed
            if previous is not None:
                quality.findings = merge_findings(previous, new_findings, changed)
                report = pool.submit(write_report, quality, documents)
        with timing.stage("dbt tests (rest)"):
            outcome = worker.finish()
    built_at = _record(database, outcome, fingerprint, data_only)  # a dbt failure first
    if report is not None:
        report.result()  # its error (a full disk) is the run's
    if quality is None:  # dbt succeeded without reporting the export: not expected, but say so
        raise StageFailed("dbt did not export the check models", outcome)
    with timing.stage("findings write"):
        write_findings(database, new_findings, finding_types(), changed, quality.version, built_at)
        if changed_only and previous is None:
            quality.findings = read_findings(database)
    return outcome, quality


def _record(database: Path, outcome: DbtOutcome, fingerprint: str, data_only: bool) -> datetime:
    """Note a successful build in the warehouse; returns when it ended."""
    if not outcome.success:
        raise StageFailed("dbt build failed", outcome)
    built_at = datetime.now(UTC).replace(tzinfo=None)
    record_build(database, fingerprint, "data only" if data_only else "full", outcome.nodes, built_at)
    return built_at


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

    def finish(self, seconds: float = 15) -> None:
        """Wait for the preparation, so that no import runs on at interpreter exit; at most `seconds`, the
        thread being a daemon. Call it from the thread that started this one: an interrupt raised there may
        have left the import lock held, which would keep this thread's next import waiting (released first)."""
        release_import_lock()
        self.join(seconds)


def check(database: Path, gx_dir: Path) -> QualityOutcome:
    """`fazhi check`: validate the check models in the warehouse."""
    with check_models_in_database(database) as read:
        outcome = run_quality(read, gx_dir / "site")
    outcome.version = uuid.uuid4().hex
    write_findings(database, outcome.findings, finding_types(), version=outcome.version,
                   build_at=build_state(database, _CHANGES_TABLE).built_at)
    return outcome


class ReportNotPublished(Exception):
    """The warehouse was published, but the report describing it could not be put in place."""


def staged_run(warehouse: Path, stages: Callable[[Path, Path, ReportWriter], QualityOutcome]) -> tuple[QualityOutcome, Path]:
    """Run `stages(staging database, GX build folder, write_report)` on a staging copy under the writer
    lock; write the data-quality report in full beside the published one (unless the stages did, through
    write_report); then publish the warehouse (one rename) and right after it the report (two renames).
    When a stage or the report's writing fails (a full disk), or the process is killed, neither the
    warehouse nor the report changes."""
    report_dir = report_dir_for(warehouse)
    gx_dir = beside(report_dir, GX_BUILD_SUFFIX)
    staged_report = report_staging(report_dir)
    with writer_lock(warehouse):  # which clears what a killed run left (gx_dir, the staged report)
        try:
            copy_started = time.time()
            with staged_copy(warehouse) as database:
                timing.note("staging copy", copy_started)
                written: list[bool] = []

                def write_report(quality: QualityOutcome, documents: int) -> None:
                    with timing.stage("report"):
                        stage_report(report_dir, quality.findings, documents, quality.data_docs_index,
                                     quality.changed_reporters, quality.version, quality.previous_version)
                    written.append(True)

                outcome = stages(database, gx_dir, write_report)
                if not written:
                    write_report(outcome, count_documents(database))
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
