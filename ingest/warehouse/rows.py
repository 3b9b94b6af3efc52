"""Every row the loader and the checks write: documents and facts in bulk (one transaction per batch),
run and error records, build notes and data-quality findings."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

import pandas as pd
import pyarrow as pa

from ingest.extract.fact import Fact
from ingest.read.document import Document
from ingest.resolve.metadata import DocumentMetadata
from ingest.warehouse.connection import Connection, WarehouseError, connect, transaction
from ingest.warehouse.queries import table_exists
from ingest.warehouse.schema import BUILDS_DDL, FINDINGS_VERSION, QUALITY_SCHEMA_DDL, TEST_SCOPE

FACT_COLUMNS = [
    "doc_id", "start_offset", "end_offset", "surface", "value", "value_high", "unit", "qualifier", "kind",
    "period", "indicator", "section", "sentence", "breakdown_of", "extractor_version",
    "measure", "indicator_score", "code_reason", "code_status",
    "before_of", "direction",
]


def document_row(document: Document, content_hash: str, meta: DocumentMetadata, version: str, now: datetime) -> dict:
    region, report = meta.region, meta.report
    return {
        "doc_id": document.doc_id,
        "content_hash": content_hash,
        "source_path": document.source_path,
        "file_name": document.file_name,
        "media_type": document.media_type,
        "encoding": document.encoding,
        "text_length": len(document.text),
        "title": document.title,
        "header_metadata": json.dumps(document.header_metadata, ensure_ascii=False),
        "issuer": region.issuer,
        "region_code": region.region_code,
        "region_name": region.region_name,
        "region_level": region.level,
        "department": region.department,
        "prefecture_code": region.prefecture_code,
        "province_code": region.province_code,
        "region_status": region.status,
        "region_reason": region.reason,
        "report_year": report.report_year,
        "publish_date": report.publish_date,
        "doc_number": report.doc_number,
        "extractor_version": version,
        "ingested_at": now,
        "text": document.text,
    }


_FACT_ATTRIBUTE = {"start_offset": "start", "end_offset": "end"}  # column -> Fact attribute, where they differ
_FACT_TYPES = {"start_offset": pa.int64(), "end_offset": pa.int64(), "breakdown_of": pa.int64(), "before_of": pa.int64(),
               "value": pa.float64(), "value_high": pa.float64(), "indicator_score": pa.float64()}  # else string


def fact_rows(facts: list[Fact]) -> pa.Table:
    """The facts as an Arrow table, built column by column (issue 16: a dict per fact via asdict cost
    ~90 µs a fact, the largest share of loading 17,000 reports)."""
    return pa.table({column: pa.array([getattr(fact, _FACT_ATTRIBUTE.get(column, column)) for fact in facts],
                                      type=_FACT_TYPES.get(column, pa.string())) for column in FACT_COLUMNS})


SKIPPED_COLUMNS = ["doc_id", "start_offset", "end_offset", "surface", "reason"]


def write_documents(con: Connection, documents: list[dict], facts: list[Fact],
                    skipped: list[tuple[str, int, int, str, str]] = ()) -> None:
    """Replace the given documents (and all their facts and skipped figures: (doc_id, start, end, surface,
    reason)) with the new rows, atomically. A document stored before keeps its first ingested_at:
    re-extraction never rewrites when a document arrived."""
    if not documents:
        return
    doc_frame = pd.DataFrame.from_records(documents)
    fact_frame = fact_rows(facts)
    skipped_frame = pd.DataFrame.from_records(list(skipped), columns=SKIPPED_COLUMNS)
    con.register("new_documents", doc_frame)
    con.register("new_facts", fact_frame)
    con.register("new_skipped", skipped_frame)
    try:
        with transaction(con):
            con.execute("create or replace temporary table first_ingested as select doc_id, ingested_at "
                        "from raw.documents where doc_id in (select doc_id from new_documents)")
            con.execute("delete from raw.facts where doc_id in (select doc_id from new_documents)")
            con.execute("delete from raw.skipped_figures where doc_id in (select doc_id from new_documents)")
            con.execute("delete from raw.documents where doc_id in (select doc_id from new_documents)")
            columns = ", ".join(doc_frame.columns)
            values = ", ".join("coalesce(first_ingested.ingested_at, new_documents.ingested_at)" if c == "ingested_at"
                               else f"new_documents.{c}" for c in doc_frame.columns)
            con.execute(f"insert into raw.documents ({columns}) select {values} from new_documents "
                        "left join first_ingested using (doc_id)")
            if len(fact_frame):
                cols = ", ".join(FACT_COLUMNS)
                con.execute(f"insert into raw.facts ({cols}) select {cols} from new_facts")
            if len(skipped_frame):
                cols = ", ".join(SKIPPED_COLUMNS)
                con.execute(f"insert into raw.skipped_figures ({cols}) select {cols} from new_skipped")
    finally:
        con.unregister("new_documents")
        con.unregister("new_facts")
        con.unregister("new_skipped")


def start_ingest_run(con: Connection, run_id: str, started: datetime) -> None:
    con.execute("insert into raw.ingest_runs (run_id, started_at, status) values (?, ?, 'running')", [run_id, started])


def finish_ingest_run(con: Connection, run_id: str, finished: datetime, status: str, counts: dict[str, int],
                      errors: list[tuple[str, str]]) -> None:
    """The run's outcome and counts, and one raw.ingest_errors row per (path, reason) that failed."""
    con.execute(
        "update raw.ingest_runs set finished_at = ?, status = ?, files_seen = ?, documents_loaded = ?, "
        "documents_unchanged = ?, documents_reextracted = ?, files_failed = ?, facts_loaded = ? where run_id = ?",
        [finished, status, counts["files_seen"], counts["loaded"], counts["unchanged"], counts["reextracted"],
         len(errors), counts["facts"], run_id],
    )
    if errors:
        con.executemany("insert into raw.ingest_errors (run_id, path, reason) values (?, ?, ?)",
                        [(run_id, path, reason) for path, reason in errors])


def record_build(database: Path, fingerprint: str, selection: str, nodes: int, built_at: datetime) -> None:
    """Note a successful dbt build in the warehouse itself, so the note is published (or discarded) with it."""
    with connect(database) as con:
        con.execute(BUILDS_DDL)
        con.execute("insert into raw.dbt_builds values (?, ?, ?, ?)", [built_at, fingerprint, selection, nodes])


def checkpoint(database: Path) -> None:
    """Fold any write-ahead log into the file so a single file can be copied or renamed."""
    with connect(database) as con:
        con.execute("checkpoint")


def write_findings(database: Path, findings: pd.DataFrame, columns: dict[str, str],
                   changed: frozenset[str] | None = None, version: str | None = None,
                   build_at: datetime | None = None) -> None:
    """Replace quality.dq_findings in one transaction, so it is queryable beside the marts.
    `columns`: name -> DuckDB type, in order. `changed`: after a data-only build that validated only the
    check rows of these reporters (and of no reporter): only their findings and those of no reporter are
    replaced, every other reporter's stay (quality.findings.merge_findings is the same in memory).
    `version`, `build_at`: the token and the dbt build the findings now describe (FINDINGS_VERSION)."""
    select = ", ".join(f"cast({name} as {data_type}) as {name}" for name, data_type in columns.items())
    with connect(database) as con:
        con.register("new_findings", findings.astype(object).where(findings.notna(), None))
        # the caller updates findings only when those of the last build exist
        if changed is not None and not table_exists(con, "quality.dq_findings"):
            raise WarehouseError("the findings to update are missing; run `fazhi check`")
        with transaction(con):
            con.execute(QUALITY_SCHEMA_DDL)
            if changed is not None:
                con.execute("delete from quality.dq_findings where reporter_id is null or reporter_id in "
                            "(select unnest(?::varchar[]))", [sorted(changed)])
                con.execute(f"insert into quality.dq_findings select {select} from new_findings")
            else:
                con.execute(f"create or replace table quality.dq_findings as select {select} from new_findings")
            con.execute(f"create or replace table {FINDINGS_VERSION} as select ?::varchar as version, "
                        "?::timestamp as build_at", [version, build_at])
            con.execute(f"drop table if exists {TEST_SCOPE}")
