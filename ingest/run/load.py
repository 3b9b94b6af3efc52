"""Stage 1 of a run: files → documents → facts → raw tables."""

from __future__ import annotations

import hashlib
import json
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

import duckdb

from ingest.read.document import Document, ReadError
from ingest.resolve.metadata import Overrides, describe_document
from ingest.read.reader import read_document
from ingest.extract.fact import Fact
from ingest.extract.extractor import FactExtractor
from ingest.read.discovery import Skipped, discover_files
from ingest.text.normalize import normalize
from ingest.warehouse.schema import ensure_raw_schema
from ingest.warehouse.rows import document_row, stored_versions, write_documents

BATCH_SIZE = 200


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
    return datetime.now(timezone.utc).replace(tzinfo=None)


def process_document(document: Document, extractor: FactExtractor, overrides: Overrides | None) -> tuple[dict, list[Fact]]:
    """One document → its raw.documents row and its facts."""
    norm_text = normalize(document.text).text
    content_hash = hashlib.sha256(norm_text.encode("utf-8")).hexdigest()
    meta = describe_document(document, document.text, overrides)
    facts = extractor.extract(document.text, document.doc_id, meta.report.report_year)
    row = document_row(document, content_hash, meta, extractor.version, _now())
    # kept so that a later re-extraction applies the same overrides, not the later run's
    row["override_region"] = overrides.region if overrides is not None else None
    row["override_year"] = overrides.year if overrides is not None else None
    return row, facts


def _stored_documents_to_refresh(con: duckdb.DuckDBPyConnection, skip: set[str],
                                 version: str) -> list[tuple[Document, Overrides]]:
    rows = con.execute(
        "select doc_id, source_path, file_name, media_type, encoding, text, title, header_metadata, "
        "override_region, override_year from raw.documents where extractor_version <> ?",
        [version],
    ).fetchall()
    return [
        (Document(r[0], r[1], r[2], r[3], r[4], r[5], r[6], json.loads(r[7]) if r[7] else {}), Overrides(r[8], r[9]))
        for r in rows
        if r[0] not in skip
    ]


def run_ingest(
    con: duckdb.DuckDBPyConnection,
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
    started = _now()
    con.execute(
        "insert into raw.ingest_runs (run_id, started_at, status) values (?, ?, 'running')", [summary.run_id, started]
    )
    files, skipped = discover_files(paths)
    summary.failed.extend(skipped)
    summary.files_seen = len(files)
    if overrides is not None and overrides.sidecar is not None:
        summary.sidecar_unmatched = overrides.sidecar.unmatched(files)
    versions = stored_versions(con)
    extractor = FactExtractor()
    pending_rows: list[dict] = []
    pending_facts: list[Fact] = []
    seen_now: set[str] = set()

    def flush() -> None:
        write_documents(con, pending_rows, pending_facts)
        pending_rows.clear()
        pending_facts.clear()

    def add(document: Document, counter: str, file_overrides: Overrides | None) -> None:
        row, facts = process_document(document, extractor, file_overrides)
        pending_rows.append(row)
        pending_facts.extend(facts)
        summary.facts += len(facts)
        setattr(summary, counter, getattr(summary, counter) + 1)
        if row["region_status"] != "resolved":
            summary.unresolved.append((document.file_name, row["region_reason"] or row["region_status"]))
        if len(pending_rows) >= BATCH_SIZE:
            flush()

    if on_start:
        on_start(len(files))
    for path in files:
        try:
            document = read_document(path)
            # a stored document is done, unless this run says whose or which year it is (--region/--year/--sidecar)
            overridden = overrides is not None and overrides.for_file(path).given
            if document.doc_id in seen_now or (versions.get(document.doc_id) == extractor.version and not overridden):
                summary.unchanged += 1
            else:
                seen_now.add(document.doc_id)
                file_overrides = overrides.for_file(path) if overrides is not None else None
                add(document, "reextracted" if document.doc_id in versions else "loaded", file_overrides)
        except ReadError as exc:
            summary.failed.append(Skipped(str(path), str(exc)))
        except Exception as exc:  # an extractor bug must not stop the batch; it is reported per file
            summary.failed.append(Skipped(str(path), f"internal error while processing ({type(exc).__name__}: {exc})"))
        if on_progress:
            on_progress(path.name)
    for document, stored_overrides in _stored_documents_to_refresh(con, seen_now, extractor.version):
        add(document, "reextracted", stored_overrides)
    flush()
    status = "failed" if summary.nothing_loaded and summary.failed else ("partial" if summary.failed else "succeeded")
    con.execute(
        "update raw.ingest_runs set finished_at = ?, status = ?, files_seen = ?, documents_loaded = ?, "
        "documents_unchanged = ?, documents_reextracted = ?, files_failed = ?, facts_loaded = ? where run_id = ?",
        [_now(), status, summary.files_seen, summary.loaded, summary.unchanged, summary.reextracted,
         len(summary.failed), summary.facts, summary.run_id],
    )
    if summary.failed:
        con.executemany(
            "insert into raw.ingest_errors (run_id, path, reason) values (?, ?, ?)",
            [(summary.run_id, s.path, s.reason) for s in summary.failed],
        )
    return summary
