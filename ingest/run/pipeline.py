"""The stages of a run, each on a staged copy of the warehouse that is published only on success."""

from __future__ import annotations

import shutil
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import duckdb

from ingest.run.dbt import (DbtOutcome, DbtWorker, build_steps, last_build_fingerprint,
                               project_fingerprint, record_build, run_dbt)
from ingest.resolve.metadata import Overrides
from ingest.quality.report import publish_report
from ingest.run.load import IngestSummary, run_ingest
from ingest.paths import report_dir_for
from ingest.run.publishing import staged_copy, staged_warehouse, writer_lock
from ingest.quality.validate import (QualityOutcome, QualityPlan, check_model_names, check_models_in_database,
                                  check_models_in_folder, prepare_quality, run_quality, write_findings)


class StageFailed(Exception):
    """A stage could not complete; the published warehouse is unchanged."""

    def __init__(self, message: str, dbt: DbtOutcome | None = None) -> None:
        super().__init__(message)
        self.dbt = dbt


@dataclass
class RunResult:
    ingest: IngestSummary | None = None
    dbt: DbtOutcome | None = None
    quality: QualityOutcome | None = None
    report_path: Path | None = None


def _ingest(database: Path, paths: list[Path], overrides: Overrides | None,
            on_start: Callable[[int], None] | None, on_progress: Callable[[str], None] | None) -> IngestSummary:
    con = duckdb.connect(str(database))
    try:
        return run_ingest(con, paths, overrides, on_progress=on_progress, on_start=on_start)
    finally:
        con.close()


def _build(database: Path) -> DbtOutcome:
    """`fazhi build`: dbt builds everything."""
    fingerprint = project_fingerprint()
    outcome = run_dbt(database, "build")
    _record(database, outcome, fingerprint, data_only=False)
    return outcome


def _build_and_check(database: Path, gx_dir: Path, worker: DbtWorker,
                     preparation: _QualityPreparation) -> tuple[DbtOutcome, QualityOutcome]:
    """dbt builds the models and exports the check models to Parquet; Great Expectations validates
    those while dbt runs the data tests (dbt_runner.build_steps). Only data-dependent models are built
    when the project is unchanged since the warehouse's last build."""
    fingerprint = project_fingerprint()
    data_only = last_build_fingerprint(database) == fingerprint
    exported = gx_dir / "check_models"
    exported.mkdir(parents=True, exist_ok=True)
    worker.start(build_steps(data_only, check_model_names(), exported))
    quality = None
    models_built, models_exported = worker.next_step(), worker.next_step()
    if models_built and models_built.success and models_exported and models_exported.success:
        preparation.join()
        with check_models_in_folder(exported) as read:
            quality = run_quality(read, gx_dir / "site", preparation.plan)
    outcome = worker.finish()
    _record(database, outcome, fingerprint, data_only)
    if quality is None:  # dbt succeeded without reporting the export: not expected, but say so
        raise StageFailed("dbt did not export the check models", outcome)
    write_findings(database, quality.findings)
    return outcome, quality


def _record(database: Path, outcome: DbtOutcome, fingerprint: str, data_only: bool) -> None:
    if not outcome.success:
        raise StageFailed("dbt build failed", outcome)
    record_build(database, fingerprint, "data only" if data_only else "full", outcome.nodes)


class _QualityPreparation(threading.Thread):
    """Import Great Expectations (about 4 s) and register the suites and checkpoints while files are read
    and dbt builds in its child process, so the check stage only validates. A failure is left for the
    check stage, which prepares again and reports it."""

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


def _check(database: Path, gx_dir: Path) -> QualityOutcome:
    """`fazhi check`: validate the check models in the warehouse."""
    with check_models_in_database(database) as read:
        outcome = run_quality(read, gx_dir / "site")
    write_findings(database, outcome.findings)
    return outcome


def _staged_run(warehouse: Path, stages: Callable[[Path, Path], QualityOutcome]) -> tuple[QualityOutcome, Path]:
    """Run `stages(staging database, Data Docs folder)` on a staging copy under the writer lock; then
    publish the warehouse, and after it the data-quality report that describes it. When a stage fails
    (or the process is killed) neither the warehouse nor the report changes."""
    report_dir = report_dir_for(warehouse)
    gx_dir = report_dir.with_name(report_dir.name + ".gx-build")
    with writer_lock(warehouse):
        shutil.rmtree(gx_dir, ignore_errors=True)  # left by a killed run
        try:
            with staged_copy(warehouse) as database:
                outcome = stages(database, gx_dir)
                con = duckdb.connect(str(database), read_only=True)
                try:
                    documents = con.execute("select count(*) from raw.documents").fetchone()[0]
                finally:
                    con.close()
            path = publish_report(report_dir, outcome.findings, documents, outcome.data_docs_index)
        finally:
            shutil.rmtree(gx_dir, ignore_errors=True)
    return outcome, path


def ingest(warehouse: Path, paths: list[Path], overrides: Overrides | None = None,
           on_start: Callable[[int], None] | None = None, on_progress: Callable[[str], None] | None = None) -> IngestSummary:
    with staged_warehouse(warehouse) as database:
        summary = _ingest(database, paths, overrides, on_start, on_progress)
        if summary.nothing_loaded:
            raise_nothing_loaded(summary)
    return summary


def raise_nothing_loaded(summary: IngestSummary) -> None:
    error = StageFailed("nothing could be loaded")
    error.summary = summary  # type: ignore[attr-defined]
    raise error


def build(warehouse: Path) -> DbtOutcome:
    _require(warehouse)
    with staged_warehouse(warehouse) as database:
        return _build(database)


def check(warehouse: Path) -> RunResult:
    _require(warehouse)
    outcome, path = _staged_run(warehouse, _check)
    return RunResult(quality=outcome, report_path=path)


def run(warehouse: Path, paths: list[Path], overrides: Overrides | None = None,
        on_start: Callable[[int], None] | None = None, on_progress: Callable[[str], None] | None = None,
        dbt_worker: DbtWorker | None = None) -> RunResult:
    """ingest + build + check in one staged copy: all three succeed and publish together, or nothing does.
    `dbt_worker`: one the caller started early for staging_path(warehouse) (see cli.run)."""
    result = RunResult()

    def stages(database: Path, gx_dir: Path) -> QualityOutcome:
        # dbt loads and parses its project in a child, and GX is made ready, while the files are read
        preparation = _QualityPreparation(gx_dir / "site")
        prepared = dbt_worker is not None and dbt_worker.database == database
        try:
            with dbt_worker if prepared else DbtWorker(database) as worker:
                result.ingest = _ingest(database, paths, overrides, on_start, on_progress)
                if result.ingest.nothing_loaded:
                    raise_nothing_loaded(result.ingest)
                result.dbt, quality = _build_and_check(database, gx_dir, worker, preparation)
        finally:
            preparation.join()  # never leave an import running at interpreter exit
        return quality

    result.quality, result.report_path = _staged_run(warehouse, stages)
    return result


def _require(warehouse: Path) -> None:
    if not warehouse.exists():
        raise StageFailed(f"no warehouse at {warehouse}; run 'fazhi ingest PATH' or 'fazhi run' first")
