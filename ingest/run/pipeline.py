"""The commands' entry points: ingest, build, check and run, each staged and published atomically.

This module imports only what starts dbt: `run` starts the dbt worker first, so that dbt imports and
parses its project in a child process while this one imports the stages and reads the files."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ingest.paths import staging_path
from ingest.resolve.overrides import Overrides
from ingest.run.dbt import DbtWorker


@dataclass
class RunResult:
    ingest: object | None = None  # load.IngestSummary
    dbt: object | None = None  # dbt.DbtOutcome
    quality: object | None = None  # validate.QualityOutcome
    report_path: Path | None = None
    counts: object | None = None  # queries.WarehouseCounts of the published warehouse


def ingest(warehouse: Path, paths: list[Path], overrides: Overrides | None = None,
           on_start=None, on_progress=None):
    """Load files into the raw tables (no dbt, no checks); returns the load.IngestSummary."""
    from ingest.run import stages
    from ingest.run.publishing import staged_warehouse

    _check_seeds(dbt=False)
    with staged_warehouse(warehouse) as database:
        return stages.ingest_files(database, paths, overrides, on_start, on_progress)


def build(warehouse: Path):
    """dbt build of the whole project; returns the dbt.DbtOutcome."""
    from ingest.run import stages
    from ingest.run.publishing import staged_warehouse

    _check_seeds(dbt=True)
    _require(warehouse)
    with staged_warehouse(warehouse) as database:
        return stages.build(database)


def check(warehouse: Path) -> RunResult:
    from ingest.run import stages

    _require(warehouse)
    outcome, path = stages.staged_run(warehouse, lambda database, gx_dir, _report: stages.check(database, gx_dir))
    return RunResult(quality=outcome, report_path=path)


def run(warehouse: Path, paths: list[Path], overrides: Overrides | None = None,
        on_start=None, on_progress=None) -> RunResult:
    """ingest + build + check in one staged copy: all three succeed and publish together, or nothing does."""
    result = RunResult()
    with DbtWorker(staging_path(warehouse)) as worker:
        _check_seeds(dbt=True)  # after the worker's start (it parses meanwhile), before anything is written
        from ingest.run import stages
        from ingest.run.interrupts import raise_if_interrupted
        from ingest.warehouse.queries import warehouse_counts

        def run_stages(database: Path, gx_dir: Path, write_report):
            if database != worker.database:
                raise RuntimeError(f"dbt worker prepared for {worker.database}, not {database}")
            # GX is made ready while the files are read and dbt loads in its child
            preparation = stages.QualityPreparation(gx_dir / "site")
            try:
                result.ingest = stages.ingest_files(database, paths, overrides, on_start, on_progress)
                raise_if_interrupted()
                result.dbt, quality = stages.build_and_check(database, gx_dir, worker, preparation, write_report)
            finally:
                preparation.finish()
            return quality

        result.quality, result.report_path = stages.staged_run(warehouse, run_stages)
    result.counts = warehouse_counts(warehouse)
    return result


def _check_seeds(dbt: bool) -> None:
    """Stop with a SeedError before anything is written when the seed files have problems (or, for the
    commands that run dbt, when $FAZHI_SEEDS_DIR names seeds other than the ones dbt loads)."""
    from ingest.analyse.seed_checks import require_bundled_seeds, validate_seeds

    validate_seeds()
    if dbt:
        require_bundled_seeds()


def _require(warehouse: Path) -> None:
    from ingest.run.stages import StageFailed

    if not warehouse.exists():
        raise StageFailed(f"no warehouse at {warehouse}; run 'fazhi ingest PATH' or 'fazhi run' first")
