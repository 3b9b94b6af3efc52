"""The `fazhi` command line: ingest, build, check, run, export, status, extract, eval."""

from __future__ import annotations

import json
import logging
import os
import re
import signal
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from ingest.paths import SAMPLE_REPORTS_DIR, WAREHOUSE_ENV_VAR, default_warehouse
from ingest.read.document import ReadError
from ingest.resolve.overrides import Overrides, SidecarError, read_sidecar

app = typer.Typer(
    help="Load China's county rule-of-law government reports (法治政府建设年度报告) into a DuckDB indicator warehouse.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
out = Console(soft_wrap=True)
err = Console(stderr=True, soft_wrap=True)

WarehouseOption = Annotated[
    Path | None,
    typer.Option("--warehouse", "-w", help=f"DuckDB warehouse file [env {WAREHOUSE_ENV_VAR}; default warehouse/fazhi.duckdb]"),
]
PathsArgument = Annotated[list[Path], typer.Argument(help="Report files or folders (.txt .html .htm .docx .pdf)")]
RegionOption = Annotated[str | None, typer.Option("--region", help="Issuer/region name to use for every file (e.g. 蓝山县)")]
YearOption = Annotated[int | None, typer.Option("--year", help="Report year to use for every file", min=1990, max=2100)]
SidecarOption = Annotated[Path | None, typer.Option(
    "--sidecar", help="CSV of per-file overrides, columns file (name or path relative to the CSV), region, year; "
                      "a file's row wins over --region/--year; a cell '-' clears that stored override")]
ClearOption = Annotated[bool, typer.Option(
    "--clear-overrides", help="Forget the --region/--year/sidecar overrides stored for these files and describe them "
                              "from their text alone")]


def _warehouse(option: Path | None) -> Path:
    target = (option or default_warehouse()).expanduser().resolve()
    if target.is_dir():
        _fail(f"{target} is a folder; --warehouse (or {WAREHOUSE_ENV_VAR}) names the DuckDB file, "
              f"e.g. {target / 'fazhi.duckdb'}", 2)
    return target


def _shown(value: object) -> str:
    """A path or message that came from outside (file names, reasons) printed as it is, on one line:
    Rich markup in it is escaped, control characters are shown as escapes."""
    return escape(re.sub(r"[\x00-\x1f\x7f]", lambda m: repr(m.group())[1:-1], str(value)))


def _fail(message: str, code: int = 1) -> None:
    err.print(f"[bold red]error:[/] {_shown(message)}", highlight=False)
    raise typer.Exit(code)


class _ProgressBar:
    """Progress on multi-document work (hidden for a single file)."""

    def __init__(self) -> None:
        self.progress = Progress(TextColumn("[bold]ingest"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                                 TextColumn("{task.description}"), console=err, transient=True)
        self.task = None

    def start(self, total: int) -> None:
        if total > 1:
            self.progress.start()
            self.task = self.progress.add_task("", total=total)

    def advance(self, name: str) -> None:
        if self.task is not None:
            self.progress.update(self.task, advance=1, description=_shown(name[:40]))

    def stop(self) -> None:
        self.progress.stop()


def _run_with_progress(action, *args, **kwargs):
    bar = _ProgressBar()
    try:
        return action(*args, **kwargs, on_start=bar.start, on_progress=bar.advance)
    finally:
        bar.stop()


def _overrides(region: str | None, year: int | None, sidecar: Path | None, clear: bool = False) -> Overrides:
    if clear and (region or year is not None or sidecar is not None):
        _fail("--clear-overrides cannot be combined with --region, --year or --sidecar", 2)
    if clear:
        return Overrides(clear=frozenset({"region", "year"}))
    try:
        return Overrides(region, year, read_sidecar(sidecar) if sidecar is not None else None)
    except SidecarError as exc:
        _fail(str(exc), 2)


def _print_ingest(summary, list_unresolved: bool = True) -> None:
    out.print(f"files: {summary.files_seen} · new documents: {summary.loaded} · unchanged: {summary.unchanged} · "
              f"re-extracted: {summary.reextracted} · facts written: {summary.facts}")
    for line, name in summary.sidecar_unmatched:
        err.print(f"[yellow]sidecar[/] line {line}: no file in this batch matches '{_shown(name)}'", highlight=False)
    for skipped in summary.failed:
        err.print(f"[yellow]skipped[/] {_shown(skipped.path)}: {_shown(skipped.reason)}", highlight=False)
    for name, reason in summary.unresolved if list_unresolved else []:
        err.print(f"[yellow]unresolved region[/] {_shown(name)}: {_shown(reason)}", highlight=False)


def _print_dbt_failure(outcome) -> None:
    for line in outcome.failures[:20]:
        err.print(f"  dbt: {_shown(line)}", highlight=False)
    err.print(f"  dbt log: {_shown(outcome.log_path)}", highlight=False)


def _guard(action):
    """Known failures become one-line messages and exit codes, never tracebacks."""
    from ingest.analyse.seed_checks import SeedError
    from ingest.classify.catalog import CatalogError
    from ingest.quality.suites import QualityError
    from ingest.run.interrupts import Terminated, clear_interrupts, on_sigint, on_sigterm
    from ingest.run.publishing import WarehouseRefused
    from ingest.run.stages import ReportNotPublished, StageFailed
    from ingest.warehouse.connection import WarehouseError
    from ingest.warehouse.queries import MissingCheckModel

    handlers = {signal.SIGTERM: on_sigterm}
    if signal.getsignal(signal.SIGINT) is signal.default_int_handler:  # not where Ctrl-C is ignored (nohup, &)
        handlers[signal.SIGINT] = on_sigint
    try:
        previous = {number: signal.signal(number, handler) for number, handler in handlers.items()}
    except ValueError:  # not the main thread (an embedding application): leave signals alone
        previous = {}
    if previous:
        clear_interrupts()  # the interrupts these handlers raise are this command's
    try:
        return action()
    except (WarehouseRefused, ReportNotPublished) as exc:
        _fail(str(exc), 2)
    except CatalogError as exc:
        _fail(f"indicator catalog: {exc}", 2)
    except SeedError as exc:
        _fail(str(exc), 2)
    except StageFailed as exc:
        if exc.summary is not None:
            _print_ingest(exc.summary)
        if exc.dbt is not None:
            _print_dbt_failure(exc.dbt)
        _fail(f"{exc}; the published warehouse is unchanged")
    except (QualityError, MissingCheckModel) as exc:
        _fail(f"data-quality check could not run: {exc}; the published warehouse is unchanged", 2)
    except WarehouseError as exc:
        _fail(f"warehouse error: {str(exc).splitlines()[0]}; the published warehouse is unchanged", 2)
    except OSError as exc:  # a full disk, a read-only folder, a file where a folder should be: the environment
        where = f" ({exc.filename})" if exc.filename else ""
        _fail(f"{exc.strerror or exc}{where}; the published warehouse and report are unchanged", 2)
    except (Terminated, KeyboardInterrupt) as exc:  # (after_publish: set by runs.run when the exports were under way)
        kept = ("the warehouse was published, the exports are unchanged" if getattr(exc, "after_publish", False)
                else "the published warehouse is unchanged")
        killed = isinstance(exc, Terminated)
        _fail(f"{'terminated (SIGTERM)' if killed else 'interrupted'}; {kept}", 143 if killed else 130)
    finally:
        if previous:
            clear_interrupts()
        for number, handler in previous.items():
            signal.signal(number, handler)


@app.command()
def ingest(paths: PathsArgument, warehouse: WarehouseOption = None, region: RegionOption = None, year: YearOption = None,
           sidecar: SidecarOption = None, clear_overrides: ClearOption = False) -> None:
    """Read report files and folders, extract facts and load the raw tables."""
    from ingest.run import pipeline

    target = _warehouse(warehouse)
    overrides = _overrides(region, year, sidecar, clear_overrides)
    summary = _guard(lambda: _run_with_progress(pipeline.ingest, target, paths, overrides))
    _print_ingest(summary)
    out.print(f"warehouse: {_shown(target)}")


@app.command()
def build(warehouse: WarehouseOption = None) -> None:
    """Run dbt build (seeds, models and tests) on the warehouse."""
    from ingest.run import pipeline

    target = _warehouse(warehouse)
    outcome = _guard(lambda: pipeline.build(target))
    out.print(f"dbt build: {outcome.nodes} nodes ok, {len(outcome.warnings)} warnings · warehouse: {_shown(target)}")


@app.command()
def check(warehouse: WarehouseOption = None) -> None:
    """Run the data-quality checkpoint. Exit 0: no error finding; 1: an error finding; 2: could not run."""
    from ingest.run import pipeline

    target = _warehouse(warehouse)
    try:
        result = _guard(lambda: pipeline.check(target))
    except typer.Exit as exc:
        raise typer.Exit(2 if exc.exit_code else 0) from None
    _print_findings(result.quality, result.report_path)
    raise typer.Exit(1 if result.quality.count("error") else 0)


def _print_findings(quality, report_path) -> None:
    out.print(f"findings: {quality.count('error')} error · {quality.count('warning')} warning · {quality.count('info')} info")
    out.print(f"data-quality report: {_shown(report_path)}")


@app.command()
def run(
    paths: Annotated[list[Path] | None, typer.Argument(help="Report files or folders; default: the bundled sample reports")] = None,
    warehouse: WarehouseOption = None,
    region: RegionOption = None,
    year: YearOption = None,
    sidecar: SidecarOption = None,
    clear_overrides: ClearOption = False,
    fail_on_findings: Annotated[bool, typer.Option("--fail-on-findings", help="Exit 1 when an error-severity finding exists")] = False,
    inbox: Annotated[Path | None, typer.Option("--inbox", help="Ingest this folder's new files, then move each to processed/ or rejected/ (+ reason file)")] = None,
    export: Annotated[bool, typer.Option("--export", help="After publishing, write the exports (as `fazhi export`)")] = False,
) -> None:
    """ingest + build + check, published together; prints a summary."""
    from ingest.publish import runs

    target = _warehouse(warehouse)
    if inbox is not None and paths:
        _fail("--inbox cannot be combined with PATH arguments", 2)
    sources = paths or [SAMPLE_REPORTS_DIR]
    overrides = _overrides(region, year, sidecar, clear_overrides)
    scheduled = _guard(lambda: _run_with_progress(runs.run, target, sources, overrides, inbox=inbox, export_after=export))
    if scheduled.result is None:
        return out.print(f"inbox {_shown(inbox)}: no new files")
    result = scheduled.result
    _print_ingest(result.ingest, list_unresolved=False)
    counts = result.counts
    findings = f"{result.quality.count('error')} error · {result.quality.count('warning')} warning · {result.quality.count('info')} info"
    out.print(_table("fazhi run", [("documents", str(counts.documents)), ("facts", str(counts.facts)),
                                   ("county-years", str(counts.county_years)), ("indicators observed", str(counts.indicators)),
                                   ("findings", findings), ("warehouse", str(target)), ("data-quality report", str(result.report_path))]))
    for name, status, reason in counts.unresolved:
        out.print(f"[yellow]{status} region[/]: {_shown(name)} ({_shown(reason)})", highlight=False)
    if scheduled.inbox is not None:
        out.print(f"inbox: {len(scheduled.inbox.processed)} processed · {len(scheduled.inbox.rejected)} rejected")
    if scheduled.published is not None:
        out.print(_table("fazhi export", scheduled.published.rows()))
    if fail_on_findings and result.quality.count("error"):
        raise typer.Exit(1)


def _table(title: str, rows: list[tuple[str, str]]) -> Table:
    table = Table(title=title, show_header=False)
    for label, text in rows:
        table.add_row(label, _shown(text))
    return table


@app.command()
def export(warehouse: WarehouseOption = None) -> None:
    """Marts to Parquet + CSV + datapackage.json, the data dictionary and the indicator explorer, in exports/."""
    from ingest.publish import runs

    target = _warehouse(warehouse)
    out.print(_table("fazhi export", _guard(lambda: runs.export(target)).rows()))


@app.command()
def status(warehouse: WarehouseOption = None) -> None:
    """The last run: when, how long, outcome, counts, findings. Exit 1 when it failed, 2 when none is recorded."""
    from ingest.publish.status import read_status

    target = _warehouse(warehouse)
    state = _guard(lambda: read_status(target))
    if not state.known:
        _fail(f"no run recorded for {target}", 2)
    out.print(_table("fazhi status", [*state.rows(), ("warehouse", str(target))]))
    raise typer.Exit(1 if state.failed else 0)


@app.command()
def extract(
    file: Annotated[Path, typer.Argument(help="One report file")],
    format: Annotated[str, typer.Option("--format", "-f", help="jsonl or table")] = "table",
    region: RegionOption = None,
    year: YearOption = None,
) -> None:
    """Print one file's facts without touching the warehouse."""
    from ingest.analyse.analysis import analyse
    from ingest.extract.extractor import FactExtractor
    from ingest.read.reader import read_document
    from ingest.resolve.overrides import OverrideError

    if format not in ("jsonl", "table"):
        _fail("--format must be jsonl or table", 2)
    try:
        document = read_document(file)
    except ReadError as exc:
        _fail(f"{file}: {exc}")
    extractor = FactExtractor()
    try:
        analysis = analyse(document, Overrides(region, year), extractor)
    except OverrideError as exc:
        _fail(f"{file}: {exc}")
    meta, facts = analysis.metadata, analysis.facts
    for skip in extractor.last_skipped:  # figures left out, one line each, so none vanishes silently
        shown = document.text[skip.start:skip.end]
        shown = shown if len(shown) <= 40 else f"{shown[:20]}…{shown[-10:]} ({len(shown)} characters)"
        err.print(f"{_shown(file)}: skipped figure at offset {skip.start} ({_shown(shown)}): {_shown(skip.reason)}",
                  highlight=False)
    if format == "jsonl":
        for fact in facts:
            sys.stdout.write(json.dumps(fact.to_dict(), ensure_ascii=False) + "\n")
        return
    region_text = meta.region.region_name or f"({meta.region.status})"
    out.print(f"{_shown(file.name)}: {_shown(region_text)} {meta.region.level or ''} · report year {meta.report.report_year} · {len(facts)} facts")
    table = Table("start", "surface", "value", "unit", "qualifier", "kind", "period", "indicator")
    for fact in facts:
        table.add_row(str(fact.start), _shown(fact.surface), f"{fact.value:g}", _shown(fact.unit or ""), fact.qualifier,
                      fact.kind, fact.period, fact.indicator or "")
    out.print(table)


catalog_app = typer.Typer(help="Work on the indicator catalog (seeds/indicators.csv and its aliases).", no_args_is_help=True)
app.add_typer(catalog_app, name="catalog")


@catalog_app.command(name="unmapped")
def catalog_unmapped(warehouse: WarehouseOption = None,
                     limit: Annotated[int, typer.Option("--limit", "-n", min=1, help="How many phrases to list")] = 20,
                     output: Annotated[str, typer.Option("--format", help="table or csv")] = "table") -> None:
    """The most frequent measure phrases without an indicator code, with the top-3 suggested codes. Accept one
    with `fazhi catalog accept CODE PHRASE`; the next `fazhi run` re-classifies."""
    from ingest.publish.worklist import worklist_table, write_csv
    from ingest.warehouse.queries import unmapped_measures

    target = _warehouse(warehouse)
    if output not in ("table", "csv") or not target.is_file():
        _fail(f"needs --format table|csv and a built warehouse ({_shown(target)}; run `fazhi run` first)", 2)
    rows = _guard(lambda: unmapped_measures(target, limit))
    if output == "csv":
        write_csv(rows, sys.stdout)
    else:
        out.print(worklist_table(rows, _shown))


@catalog_app.command(name="accept")
def catalog_accept(code: Annotated[str, typer.Argument(help="Indicator code (seeds/indicators.csv)")],
                   phrase: Annotated[str, typer.Argument(help="The measure phrase, as `fazhi catalog unmapped` lists it")],
                   note: Annotated[str, typer.Option("--note", help="Why (the note column; default: worklist DATE)")] = "") -> None:
    """Accept a worklist phrase: append code,phrase,note to seeds/indicator_aliases.csv (checked first)."""
    from ingest.classify.aliases import ALIASES_FILE, add_alias, normalized_phrase

    line = _guard(lambda: add_alias(code, phrase, note))
    out.print(f"seeds/{ALIASES_FILE} line {line}: {_shown(code)} ← {_shown(normalized_phrase(phrase))}; "
              "`fazhi run` re-classifies the stored documents")


@app.command(name="eval")
def evaluate(
    gold_dir: Annotated[Path, typer.Argument(help="Folder of gold *.jsonl annotations")],
    reports_dir: Annotated[Path, typer.Option("--reports", help="Folder the gold 'file' paths are relative to")] = SAMPLE_REPORTS_DIR,
) -> None:
    """Precision, recall and F1 of the extractor against gold annotations."""
    from ingest.analyse.evaluation import evaluate_gold, format_scores

    if not gold_dir.is_dir():
        _fail(f"{gold_dir}: not a folder of gold annotations", 2)
    scores = evaluate_gold(gold_dir, reports_dir)
    out.print(format_scores(scores), highlight=False)


def main() -> None:
    """The `fazhi` entry point. Once the command has finished and its output is flushed, the process
    leaves with os._exit: tearing down the interpreter (dbt, GX and pandas modules) would
    only delay the shell prompt, and every file the command writes is closed by then."""
    try:
        app(prog_name="fazhi")
        code = 0
    except SystemExit as exit_:
        code = exit_.code
    if code is not None and not isinstance(code, int):
        print(code, file=sys.stderr)
        code = 1
    logging.shutdown()
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):  # a reader that went away (`fazhi … | head`)
            pass
    os._exit(code or 0)
