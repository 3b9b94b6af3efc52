"""Rows into the raw tables, in bulk (DataFrame inserts), one transaction per batch."""

from __future__ import annotations

import json
from dataclasses import asdict
from datetime import datetime

import duckdb
import pandas as pd

from ingest.read.document import Document
from ingest.resolve.metadata import DocumentMetadata
from ingest.extract.fact import Fact

FACT_COLUMNS = [
    "doc_id", "start_offset", "end_offset", "surface", "value", "value_high", "unit", "qualifier", "kind",
    "period", "indicator", "section", "sentence", "breakdown_of", "extractor_version",
]


def stored_versions(con: duckdb.DuckDBPyConnection) -> dict[str, str]:
    """doc_id → extractor version its facts were made with."""
    return dict(con.execute("select doc_id, extractor_version from raw.documents").fetchall())


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


def fact_rows(facts: list[Fact]) -> pd.DataFrame:
    records = []
    for fact in facts:
        row = asdict(fact)
        row["start_offset"] = row.pop("start")
        row["end_offset"] = row.pop("end")
        records.append(row)
    return pd.DataFrame.from_records(records, columns=FACT_COLUMNS)


def write_documents(con: duckdb.DuckDBPyConnection, documents: list[dict], facts: list[Fact]) -> None:
    """Replace the given documents (and all their facts) with the new rows, atomically."""
    if not documents:
        return
    doc_frame = pd.DataFrame.from_records(documents)
    fact_frame = fact_rows(facts)
    con.execute("begin transaction")
    try:
        con.register("new_documents", doc_frame)
        con.register("new_facts", fact_frame)
        con.execute("delete from raw.facts where doc_id in (select doc_id from new_documents)")
        con.execute("delete from raw.documents where doc_id in (select doc_id from new_documents)")
        columns = ", ".join(doc_frame.columns)
        con.execute(f"insert into raw.documents ({columns}) select {columns} from new_documents")
        if len(fact_frame):
            cols = ", ".join(FACT_COLUMNS)
            con.execute(f"insert into raw.facts ({cols}) select {cols} from new_facts")
        con.execute("commit")
    except Exception:
        con.execute("rollback")
        raise
    finally:
        con.unregister("new_documents")
        con.unregister("new_facts")
