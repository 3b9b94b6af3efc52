"""Great Expectations validates the dbt check models (as DataFrames, not through its SQL datasource:
see docs/architecture.md); failing rows become findings."""

from __future__ import annotations

import logging
import os
import warnings
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from ingest.quality.deferred_imports import defer
from ingest.quality.findings import finding_columns
from ingest.quality.suites import QualityError, load_suites
from ingest.warehouse.queries import CheckModelReader

SEVERITIES = {"error": "critical", "warning": "warning", "info": "info"}


@dataclass
class QualityOutcome:
    findings: pd.DataFrame
    data_docs_index: Path | None
    expectations_run: int
    # after a data-only build that rebuilt only some reporters: those (the report re-renders their pages)
    changed_reporters: frozenset[str] | None = None
    # the token of these findings, and of the stored findings they update (None: written whole)
    version: str | None = None
    previous_version: str | None = None

    def count(self, severity: str) -> int:
        return int((self.findings["severity"] == severity).sum()) if len(self.findings) else 0


def _before_importing_gx() -> None:
    """Great Expectations without usage reporting, log noise or warnings, and without importing the
    modules it only needs for expectations and charts we do not use."""
    defer("scipy.stats", "altair")
    os.environ.setdefault("GX_ANALYTICS_ENABLED", "false")
    logging.getLogger("great_expectations").setLevel(logging.ERROR)
    warnings.filterwarnings("ignore", module="great_expectations")


@dataclass
class QualityPlan:
    """A GX context with every suite, batch definition and checkpoint in place, waiting only for the data."""
    docs_dir: Path | None
    context: Any
    checkpoints: list[tuple[dict, Any]]  # (suite spec, checkpoint)


def prepare_quality(docs_dir: Path | None) -> QualityPlan:
    """Build the GX context and register the suites and checkpoints. Reads no data, so `fazhi run` does it
    while dbt builds, off the critical path."""
    _before_importing_gx()
    import great_expectations as gx  # late import: slow, and only this stage needs it
    from great_expectations.data_context.types.base import DataContextConfig, InMemoryStoreBackendDefaults, ProgressBarsConfig
    from great_expectations.expectations.registry import get_expectation_impl

    suites = load_suites()
    sites = {} if docs_dir is None else {"fazhi": {
        "class_name": "SiteBuilder",
        "store_backend": {"class_name": "TupleFilesystemStoreBackend", "base_directory": str(docs_dir)},
        "site_index_builder": {"class_name": "DefaultSiteIndexBuilder"},
    }}
    # in-memory stores and only our docs site: GX's default ephemeral context adds a temporary site
    config = DataContextConfig(store_backend_defaults=InMemoryStoreBackendDefaults(init_temp_docs_sites=False),
                               data_docs_sites=sites, progress_bars=ProgressBarsConfig(globally=False))
    context = gx.get_context(mode="ephemeral", project_config=config)
    source = context.data_sources.add_pandas("warehouse")
    checkpoints = []
    for spec in suites:
        suite = gx.ExpectationSuite(name=spec["name"])
        for item in spec["expectations"]:
            impl = get_expectation_impl(item["type"])
            suite.add_expectation(impl(**item["kwargs"], meta=item["meta"], severity=SEVERITIES[item["severity"]]))
        suite = context.suites.add(suite)
        batch = source.add_dataframe_asset(spec["name"]).add_batch_definition_whole_dataframe("all")
        validation = context.validation_definitions.add(gx.ValidationDefinition(name=spec["name"], data=batch, suite=suite))
        checkpoints.append((spec, context.checkpoints.add(gx.Checkpoint(
            name=spec["name"],
            validation_definitions=[validation],
            actions=[],  # Data Docs are built once at the end: an action per checkpoint rebuilds the whole site each time
            result_format={"result_format": "COMPLETE", "unexpected_index_column_names": ["check_id"]},
        ))))
    return QualityPlan(docs_dir, context, checkpoints)


def run_quality(read_check_model: CheckModelReader, docs_dir: Path | None, plan: QualityPlan | None = None) -> QualityOutcome:
    """Validate every suite against its check model; return the findings. `plan`: one
    prepare_quality(docs_dir) made earlier and not yet run."""
    if plan is None or plan.docs_dir != docs_dir:
        plan = prepare_quality(docs_dir)
    findings: list[pd.DataFrame] = []
    expectations_run = 0
    for spec, checkpoint in plan.checkpoints:
        # a chunk at a time, only the columns the expectations read (issue 16: bounded memory at any
        # corpus size); a rule's findings are the failing rows of every chunk, read in full at the end
        model = spec["check_model"]
        columns = ["check_id", *dict.fromkeys(item["kwargs"]["column"] for item in spec["expectations"]
                                              if "column" in item["kwargs"])]
        failing: dict[str, tuple[Any, set]] = {}  # rule id -> (expectation config, failing check ids)
        for index, frame in enumerate(read_check_model.chunks(model, columns)):
            result = checkpoint.run(batch_parameters={"dataframe": frame})
            for run in result.run_results.values():
                for expectation_result in run.results:
                    expectations_run += index == 0
                    config, ids = _failing_ids(expectation_result)
                    failing.setdefault(config.meta["rule_id"], (config, set()))[1].update(ids)
        for config, ids in failing.values():
            if ids:
                findings.append(_finding_rows(config, read_check_model.rows(model, sorted(ids))))
    if docs_dir is not None:
        plan.context.build_data_docs(site_names=["fazhi"])
    table = pd.concat([f for f in findings if len(f)], ignore_index=True) if any(len(f) for f in findings) else pd.DataFrame(columns=finding_columns())
    index = docs_dir / "index.html" if docs_dir is not None else None
    return QualityOutcome(table[finding_columns()], index if index and index.exists() else None, expectations_run)


def _failing_ids(expectation_result) -> tuple[Any, set]:
    """(expectation config, check ids of the rows it rejected); QualityError when it could not run."""
    config = expectation_result.expectation_config
    meta = config.meta or {}
    if expectation_result.exception_info and expectation_result.exception_info.get("raised_exception"):
        raise QualityError(f"expectation {meta.get('rule_id', config.type)} could not run: "
                           f"{expectation_result.exception_info.get('exception_message')}")
    if expectation_result.success:
        return config, set()
    return config, {row["check_id"] for row in expectation_result.result.get("unexpected_index_list") or []}


def _finding_rows(config, rows: pd.DataFrame) -> pd.DataFrame:
    """The failing rows of a check model as findings of the expectation's rule."""
    meta = config.meta or {}
    severity = {v: k for k, v in SEVERITIES.items()}[str(config.severity.value if hasattr(config.severity, "value") else config.severity)]
    rows = rows.copy()
    rows["rule_id"] = meta["rule_id"]
    rows["severity"] = severity
    rows["title"] = meta.get("title", meta["rule_id"])
    rows["finding_id"] = meta["rule_id"] + ":" + rows["check_id"].astype(str)
    for column in finding_columns():
        if column not in rows:
            rows[column] = None
    return rows[finding_columns()]
