"""Nothing lost, nothing half-written (issue 8): a failing stage, an interrupted or killed run leave
the last good warehouse (and its data-quality report) as they were; the next run succeeds; a second
writer is refused; readers keep the last published version; re-ingesting changes nothing; a new
extractor version re-extracts every document.

The subprocess scenarios share one expensive sequence (module fixture `history`): three runs killed
at different stages, then one run that must succeed, made under a new extractor version while an
analyst holds a read-only connection and a second run is attempted. Each test checks one guarantee
on what that sequence observed."""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path
from types import SimpleNamespace

import duckdb
import pandas as pd
import pytest
from filelock import FileLock

import ingest
from ingest.extract.version import extraction_version
from ingest.paths import SAMPLE_REPORTS_DIR, lock_path, report_dir_for, staging_path
from ingest.quality.findings import finding_columns
from ingest.quality.suites import QualityError
from ingest.quality.validate import QualityOutcome
from ingest.run import pipeline, publishing, stages
from ingest.run.dbt import DbtOutcome
from tests.conftest import REPO, SEEDS, fazhi

TABLES = ("raw.documents", "raw.facts", "marts.fct_indicator_observation", "quality.dq_findings")
NEW_VERSION = "99.0.0-test"
# `fazhi run` with the module attribute changed first, as a code change would; no production hook.
WITH_NEW_VERSION = f"import ingest; ingest.EXTRACTOR_VERSION = {NEW_VERSION!r}; "
CHECK_MARKER = "check-stage-started"  # written beside the warehouse when the check stage starts
# dbt skipped, to reach the check stage in seconds rather than 20; the marker tells the test it has.
WITHOUT_DBT = ("import os, pathlib, ingest.run.stages as p; from ingest.run.dbt import DbtOutcome; "
               "p.build_and_check = lambda database, gx_dir, worker, preparation, *_: "
               "(DbtOutcome(success=True), p.check(database, gx_dir)); real = p.run_quality; "
               f"mark = pathlib.Path(os.environ['FAZHI_WAREHOUSE']).with_name({CHECK_MARKER!r}); "
               "p.run_quality = lambda *args: (mark.touch(), real(*args))[1]; ")


def _counts(warehouse: Path) -> dict[str, int]:
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        return {t: con.execute(f"select count(*) from {t}").fetchone()[0] for t in TABLES}
    finally:
        con.close()


def _published(warehouse: Path) -> tuple[str, str]:
    """What readers see: the warehouse file and the data-quality report, as hashes."""
    report = report_dir_for(warehouse) / "index.html"
    return (hashlib.sha256(warehouse.read_bytes()).hexdigest(), hashlib.sha256(report.read_bytes()).hexdigest())


def _lock_is_free(warehouse: Path) -> bool:
    try:
        with FileLock(str(lock_path(warehouse)), timeout=0):
            return True
    except TimeoutError:
        return False


def _leftovers(warehouse: Path) -> list[str]:
    names = {"fazhi.duckdb.staging", "fazhi.duckdb.staging.wal", "dq_report.staging", "dq_report.gx-build"}
    return sorted(p.name for p in warehouse.parent.iterdir() if p.name in names)


def _copy(source: Path, target: Path) -> Path:
    """A copy of a warehouse folder: the file, its report, dbt's target (so dbt's partial parse is reused)."""
    shutil.copytree(source.parent, target, ignore=shutil.ignore_patterns("*.lock"))
    return target / source.name


@pytest.fixture(scope="module")
def prepared(sample_warehouse: Path, tmp_path_factory) -> SimpleNamespace:
    root = tmp_path_factory.mktemp("robustness")
    new = root / "new" / "report.txt"  # a later version of a sample report: one new document
    new.parent.mkdir()
    new.write_text(SEEDS[0].read_text(encoding="utf-8").replace("155件", "156件"), encoding="utf-8")
    return SimpleNamespace(warehouse=_copy(sample_warehouse, root / "prepared"), new=new.parent)


@pytest.fixture
def published(prepared: SimpleNamespace, tmp_path: Path) -> Path:
    return _copy(prepared.warehouse, tmp_path / "wh")


# --- failures injected in-process ------------------------------------------------------------------


def _raise(error: BaseException):
    def fail(*args, **kwargs):
        raise error
    return fail


def _skip_dbt(mp) -> None:
    """No dbt: the check stage validates the check models already in the warehouse."""
    mp.setattr(stages, "build_and_check", lambda database, gx_dir, worker, preparation, *_:
               (DbtOutcome(success=True), stages.check(database, gx_dir)))


def _failing_step(mp, index: int) -> None:
    """A real dbt failure in step `index` of the build (a macro that does not exist)."""
    real = stages.build_steps
    mp.setattr(stages, "build_steps", lambda *args: [
        ["run-operation", "no_such_macro_injected"] if i == index else step for i, step in enumerate(real(*args))])


def _no_findings(read_check_model, docs_dir, plan=None) -> QualityOutcome:
    return QualityOutcome(pd.DataFrame(columns=finding_columns()), None, 0)


FAILURES = {
    # an error outside the per-file guard (the raw tables cannot be written)
    "extraction": lambda mp: mp.setattr(stages, "run_ingest", _raise(duckdb.IOException("injected: disk error"))),
    "dbt-models": lambda mp: _failing_step(mp, 0),
    # the data tests fail while Great Expectations validates the exported check models
    "dbt-tests": lambda mp: _failing_step(mp, 2),
    "dq-error": lambda mp: (_skip_dbt(mp), mp.setattr(stages, "run_quality", _raise(QualityError("injected")))),
    "dq-crash": lambda mp: (_skip_dbt(mp), mp.setattr(stages, "run_quality", _raise(ZeroDivisionError("injected")))),
    "publish": lambda mp: (_skip_dbt(mp), mp.setattr(stages, "run_quality", _no_findings),
                           mp.setattr(publishing, "checkpoint", _raise(OSError(28, "No space left on device")))),
    "interrupt": lambda mp: mp.setattr(pipeline.DbtWorker, "next_step", _raise(KeyboardInterrupt())),
}
# what each failure must surface as: (exception type, message fragment, a check of the exception)
EXPECTED = {
    "extraction": (duckdb.IOException, "injected: disk error", None),
    "dbt-models": (stages.StageFailed, "dbt build failed",
                   lambda e: any("no_such_macro_injected" in line for line in e.dbt.failures)),
    "dbt-tests": (stages.StageFailed, "dbt build failed",
                  lambda e: any("no_such_macro_injected" in line for line in e.dbt.failures)),
    "dq-error": (QualityError, "injected", None),
    "dq-crash": (ZeroDivisionError, "injected", None),
    "publish": (OSError, "No space left on device", lambda e: e.errno == 28),
    "interrupt": (KeyboardInterrupt, "", None),
}


@pytest.mark.parametrize("failure", FAILURES)
def test_failing_stage_leaves_last_good_warehouse(published: Path, prepared: SimpleNamespace, failure: str, monkeypatch):
    before = _published(published)
    counts = _counts(published)
    FAILURES[failure](monkeypatch)
    expected, fragment, check = EXPECTED[failure]
    with pytest.raises(expected, match=re.escape(fragment) if fragment else None) as raised:
        pipeline.run(published, [prepared.new])
    assert type(raised.value) is expected, type(raised.value)  # not a subclass or a wrapper of it
    assert check is None or check(raised.value), raised.value
    assert _published(published) == before
    assert _counts(published) == counts
    assert _leftovers(published) == []
    assert _lock_is_free(published)
    monkeypatch.undo()
    assert pipeline.ingest(published, [prepared.new]).loaded == 1  # the next writer is not hindered


def test_failing_data_tests_fail_the_run_that_checked_meanwhile(published: Path, prepared: SimpleNamespace, monkeypatch):
    """Great Expectations validates the exported check models while dbt runs the data tests: a test
    failing then still fails the run, with dbt's message."""
    _failing_step(monkeypatch, 2)
    validated = []
    real = stages.run_quality
    monkeypatch.setattr(stages, "run_quality", lambda *args: validated.append(real(*args)) or validated[-1])
    with pytest.raises(stages.StageFailed) as failure:
        pipeline.run(published, [prepared.new])
    assert len(validated) == 1 and validated[0].expectations_run > 0
    assert any("no_such_macro_injected" in line for line in failure.value.dbt.failures), failure.value.dbt.failures


def test_reingesting_the_same_files_changes_nothing(published: Path):
    before = _counts(published)
    summary = pipeline.ingest(published, [SAMPLE_REPORTS_DIR])
    assert (summary.files_seen, summary.unchanged, summary.loaded, summary.reextracted, summary.facts) == (40, 40, 0, 0, 0)
    assert _counts(published) == before


# --- killed runs, then a run beside a reader and a second writer (subprocesses) ---------------------


def _start(warehouse: Path, paths: list[Path], prelude: str = "") -> subprocess.Popen:
    code = f"import sys; {prelude}from ingest.cli import app; sys.argv[0] = 'fazhi'; app()"
    return subprocess.Popen([sys.executable, "-c", code, "run", *map(str, paths)], cwd=REPO,
                            env={**os.environ, "FAZHI_WAREHOUSE": str(warehouse)}, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, start_new_session=True)


def _wait_for(condition, process: subprocess.Popen, seconds: float = 120) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline and process.poll() is None:
        if condition():
            return True
        time.sleep(0.02)
    return False


def _dbt_children(warehouse: Path, seconds: float = 5) -> list[int]:
    """dbt worker processes of runs on `warehouse` still alive after `seconds` (their command line
    names this warehouse's dbt target folder, JSON-quoted as DbtWorker passes it: not a sibling folder's)."""
    marker = json.dumps(str(warehouse.parent / "dbt_target"))
    deadline = time.monotonic() + seconds
    while True:
        alive = []
        for proc in Path("/proc").glob("[0-9]*"):
            try:
                cmdline = (proc / "cmdline").read_bytes().decode(errors="replace")
            except OSError:
                continue
            if "ingest.run.dbt_worker" in cmdline and marker in cmdline:
                alive.append(int(proc.name))
        if not alive or time.monotonic() > deadline:
            return alive
        time.sleep(0.1)


def _kill_points(warehouse: Path):
    staging = staging_path(warehouse)
    log = warehouse.parent / "dbt_logs" / "dbt.log"
    checking = (warehouse.parent / CHECK_MARKER).exists

    def dbt_working():
        """A fresh condition per stage: a baseline shared between stages made the second dbt kill land
        1.5 s after its run started (the first stage had grown the log), before its dbt worker existed
        or had set PR_SET_PDEATHSIG, so the worker outlived the kill (flaky under load)."""
        baseline = []

        def working() -> bool:  # dbt writes to its log
            size = log.stat().st_size if log.exists() else 0
            baseline[:] = baseline or [size]  # first call: right after the run started
            if size != baseline[0]:
                time.sleep(1.5)  # into the build, past dbt's start-up
                return True
            return False
        return working

    # (stage, prelude, condition that shows the stage under way, signal, to the whole process group?)
    return [
        ("ingest", "", staging.exists, signal.SIGKILL, True),
        ("dbt", "", dbt_working(), signal.SIGKILL, True),  # the run and its dbt child
        ("dbt-main-only", "", dbt_working(), signal.SIGKILL, False),  # `kill -9 PID`: dbt must not live on
        ("check", WITHOUT_DBT, checking, signal.SIGTERM, False),  # the run only, as `kill PID` does
    ]


@pytest.fixture(scope="module")
def history(prepared: SimpleNamespace, tmp_path_factory) -> SimpleNamespace:
    warehouse = _copy(prepared.warehouse, tmp_path_factory.mktemp("history") / "wh")
    seen = SimpleNamespace(before=_published(warehouse), counts=_counts(warehouse), kills={})
    for stage, prelude, under_way, signum, group in _kill_points(warehouse):
        process = _start(warehouse, [prepared.new], prelude)
        reached = _wait_for(under_way, process)
        workers = _dbt_children(warehouse, seconds=0)  # the kill must land while dbt runs, not before
        try:
            (os.killpg if group else os.kill)(process.pid, signum)
        except ProcessLookupError:
            pass  # it ended before the stage: `reached` is false, and its stderr says why
        _, stderr = process.communicate(timeout=120)
        orphans = _dbt_children(warehouse)
        seen.kills[stage] = SimpleNamespace(
            reached=reached, returncode=process.returncode, stderr=stderr, published=_published(warehouse),
            counts=_counts(warehouse), lock_free=_lock_is_free(warehouse), leftovers=_leftovers(warehouse),
            orphans=orphans, workers=workers)

    reader = duckdb.connect(str(warehouse), read_only=True)
    try:
        seen.reads_before = reader.execute("select count(*) from raw.documents").fetchone()[0]
        run = _start(warehouse, [prepared.new], WITH_NEW_VERSION)
        _wait_for(staging_path(warehouse).exists, run)
        seen.second = fazhi("run", str(prepared.new), warehouse=warehouse, timeout=120)
        seen.second_during_run = run.poll() is None
        seen.reads_during = []
        while run.poll() is None:
            seen.reads_during.append(reader.execute("select count(*) from raw.documents").fetchone()[0])
            time.sleep(0.5)
        seen.stdout, seen.stderr = run.communicate(timeout=600)
        seen.returncode = run.returncode
        seen.reads_after = reader.execute("select count(*) from raw.documents").fetchone()[0]
    finally:
        reader.close()  # this process sees the new file once its connections to the old one are closed
    seen.counts_after = _counts(warehouse)
    seen.leftovers_after = _leftovers(warehouse)
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        seen.versions = {table: [r[0] for r in con.execute(f"select distinct extractor_version from {table}").fetchall()]
                         for table in ("raw.documents", "raw.facts", "marts.fct_indicator_observation")}
    finally:
        con.close()
    return seen


@pytest.mark.parametrize("stage", ["ingest", "dbt", "dbt-main-only", "check"])
def test_killed_run_leaves_last_good_warehouse(history: SimpleNamespace, stage: str):
    kill = history.kills[stage]
    assert kill.reached, f"the run ended before its {stage} stage: {kill.stderr}"
    if stage.startswith("dbt"):
        assert kill.workers, "killed before its dbt worker ran"
    assert kill.returncode in (-signal.SIGKILL, 143)  # killed, not finished
    assert kill.published == history.before  # byte-identical warehouse and report
    assert kill.counts == history.counts  # and it still opens
    assert kill.lock_free
    assert kill.orphans == []  # no dbt left writing the staging copy


def test_sigterm_unwinds_cleanly(history: SimpleNamespace):
    kill = history.kills["check"]
    assert kill.returncode == 143
    assert "terminated (SIGTERM); the published warehouse is unchanged" in kill.stderr
    assert "Traceback" not in kill.stderr
    assert kill.leftovers == []


def test_the_next_run_succeeds(history: SimpleNamespace):
    assert history.returncode == 0, history.stderr
    assert history.counts_after["raw.documents"] == history.counts["raw.documents"] + 1
    assert history.leftovers_after == []  # a killed run's staging copy was discarded


def test_a_second_run_is_refused_while_one_runs(history: SimpleNamespace):
    assert history.second_during_run
    assert history.second.returncode == 2
    assert "another fazhi run is writing" in history.second.stderr
    assert "Traceback" not in history.second.stderr


def test_readers_keep_the_last_published_version_during_a_run(history: SimpleNamespace):
    assert len(history.reads_during) >= 5
    assert set(history.reads_during) == {history.reads_before}
    assert history.reads_after == history.reads_before  # an open connection keeps its version


def test_extractor_version_change_reextracts_every_document(history: SimpleNamespace):
    assert f"new documents: 1 · unchanged: 0 · re-extracted: {history.counts['raw.documents']}" in history.stdout
    new = extraction_version().replace(ingest.EXTRACTOR_VERSION, NEW_VERSION, 1)  # same seeds, new code
    assert history.versions == {"raw.documents": [new], "raw.facts": [new], "marts.fct_indicator_observation": [new]}


def test_a_process_still_writing_the_staging_copy_blocks_the_next_run(published: Path):
    """After `kill -9` of a run's main process alone, its dbt child may still write the staging copy:
    the next run refuses rather than delete the file under it or share it."""
    staging = staging_path(published)
    shutil.copy(published, staging)
    holder = subprocess.Popen([sys.executable, "-c", "import duckdb, sys, time; c = duckdb.connect(sys.argv[1]); "
                               "print('open', flush=True); time.sleep(60)", str(staging)],
                              stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "open"
        with pytest.raises(publishing.WarehouseBusy, match="still writes"):
            with publishing.staged_warehouse(published):
                pass
        assert staging.exists()
    finally:
        holder.kill()
        holder.wait()
    with publishing.staged_warehouse(published) as database:  # once it has ended, runs go on
        assert database == staging
    assert _lock_is_free(published)
