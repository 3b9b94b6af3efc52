"""Stage 1 of a run: files → documents → facts → raw tables."""

from __future__ import annotations

import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from ingest.analyse.analysis import analyse
from ingest.extract.extractor import FactExtractor
from ingest.extract.fact import Fact
from ingest.read.discovery import Skipped, discover_files
from ingest.read.document import Document
from ingest.resolve.overrides import OverrideError, Overrides
from ingest.run import timing
from ingest.run.interrupts import raise_if_interrupted
from ingest.run.parallel import file_outcomes
from ingest.warehouse.connection import Connection
from ingest.warehouse.queries import stored_documents_to_refresh, stored_versions
from ingest.warehouse.rows import document_row, finish_ingest_run, start_ingest_run, write_documents
from ingest.warehouse.schema import ensure_raw_schema

BATCH_SIZE = 500  # documents per transaction: ~30k facts, one commit (issue 16: fewer commits at scale)


@dataclass
class IngestSummary:
    run_id: str
    files_seen: int = 0
    loaded: int = 0
    unchanged: int = 0
    reextracted: int = 0
    facts: int = 0
    failed: list[Skipped] = field(default_factory=list)
    unresolved: list[tuple[str, str]] = field(default_factory=list)  # (file, reason)
    sidecar_unmatched: list[tuple[int, str]] = field(default_factory=list)  # (line, file cell) of --sidecar rows

    @property
    def nothing_loaded(self) -> bool:
        return self.loaded + self.unchanged + self.reextracted == 0


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def process_document(document: Document, extractor: FactExtractor,
                     overrides: Overrides | None) -> tuple[dict, list[Fact], list[tuple[str, int, int, str, str]]]:
    """One document → its raw.documents row, its facts and the figures skipped (with why)."""
    analysis = analyse(document, overrides, extractor)
    row = document_row(document, analysis.content_hash, analysis.metadata, extractor.version, _now())
    # kept so that a later re-extraction applies the same overrides, not the later run's
    row["override_region"] = overrides.region if overrides is not None else None
    row["override_year"] = overrides.year if overrides is not None else None
    skipped = [(document.doc_id, s.start, s.end, document.text[s.start:s.end], s.reason) for s in analysis.skipped]
    return row, analysis.facts, skipped


def run_ingest(
    con: Connection,
    paths: list[Path],
    overrides: Overrides | None = None,
    on_progress: Callable[[str], None] | None = None,
    on_start: Callable[[int], None] | None = None,
) -> IngestSummary:
    """Load every report under `paths`; a file that fails gets a one-line reason and the rest go on.
    Documents already stored with this extractor version are left as they are; stored documents
    extracted by an older version are re-extracted from their stored text."""
    ensure_raw_schema(con)
    summary = IngestSummary(run_id=uuid.uuid4().hex)
    start_ingest_run(con, summary.run_id, _now())
    files, skipped = discover_files(paths)
    summary.failed.extend(skipped)
    summary.files_seen = len(files)
    if overrides is not None and overrides.sidecar is not None:
        summary.sidecar_unmatched = overrides.sidecar.unmatched(files)
    versions = stored_versions(con)
    extractor = FactExtractor()
    pending_rows: list[dict] = []
    pending_facts: list[Fact] = []
    pending_skipped: list[tuple[str, int, int, str, str]] = []
    seen_now: set[str] = set()
    load_seconds = [0.0]  # time spent writing batches (the rest of the stage is reading and extracting)
    ingest_started = time.time()

    def flush() -> None:
        started = time.time()
        write_documents(con, pending_rows, pending_facts, pending_skipped)
        load_seconds[0] += time.time() - started
        pending_skipped.clear()
        pending_rows.clear()
        pending_facts.clear()

    def add(document: Document, counter: str, file_overrides: Overrides | None) -> None:
        row, facts, skipped = process_document(document, extractor, file_overrides)
        record(row, facts, skipped, document.file_name, counter)

    def record(row: dict, facts: list[Fact], skipped: list, file_name: str, counter: str) -> None:
        pending_skipped.extend(skipped)
        pending_rows.append(row)
        pending_facts.extend(facts)
        summary.facts += len(facts)
        setattr(summary, counter, getattr(summary, counter) + 1)
        if row["region_status"] != "resolved":
            summary.unresolved.append((file_name, row["region_reason"] or row["region_status"]))
        if len(pending_rows) >= BATCH_SIZE:
            flush()

    if on_start:
        on_start(len(files))
    # read and extracted over the cores when there are many files (ingest/run/parallel.py), in order
    for outcome in file_outcomes(files, extractor, versions, overrides):
        path = outcome.path
        if outcome.status == "failed":
            summary.failed.append(Skipped(str(path), outcome.reason))
        elif outcome.doc_id in seen_now or outcome.status == "unchanged":
            # a stored document is done, unless this run says whose or which year it is (--region/--year/--sidecar)
            summary.unchanged += 1
        else:
            seen_now.add(outcome.doc_id)
            record(outcome.row, outcome.facts, outcome.skipped, outcome.file_name,
                   "reextracted" if outcome.doc_id in versions else "loaded")
        if on_progress:
            on_progress(path.name)
        raise_if_interrupted()
    for document, region, year in stored_documents_to_refresh(con, seen_now, extractor.version):
        try:
            add(document, "reextracted", Overrides(region, year))
        except OverrideError as exc:  # its stored override no longer resolves: kept as stored, reported
            summary.failed.append(Skipped(document.source_path, str(exc)))
        raise_if_interrupted()
    flush()
    timing.note("load (batched writes)", ingest_started, seconds=load_seconds[0])
    status = "failed" if summary.nothing_loaded and summary.failed else ("partial" if summary.failed else "succeeded")
    counts = {name: getattr(summary, name) for name in ("files_seen", "loaded", "unchanged", "reextracted", "facts")}
    finish_ingest_run(con, summary.run_id, _now(), status, counts, [(s.path, s.reason) for s in summary.failed])
    return summary
