"""Rows into the raw tables: a re-extracted document keeps when it first arrived (issue 18, item 2)."""

from __future__ import annotations

from datetime import datetime

from ingest.analyse.analysis import analyse
from ingest.read.reader import read_document
from ingest.warehouse.connection import connect
from ingest.warehouse.rows import document_row, write_documents
from ingest.warehouse.schema import ensure_raw_schema
from tests.conftest import SEEDS


def test_reextraction_keeps_the_first_ingested_at():
    document = read_document(SEEDS[0])
    analysis = analyse(document)
    first, later = datetime(2025, 5, 1), datetime(2025, 6, 1)
    with connect(None) as con:
        ensure_raw_schema(con)
        write_documents(con, [document_row(document, analysis.content_hash, analysis.metadata, "v1", first)], analysis.facts)
        write_documents(con, [document_row(document, analysis.content_hash, analysis.metadata, "v2", later)], analysis.facts)
        rows = con.execute("select extractor_version, ingested_at from raw.documents").fetchall()
        facts = con.execute("select count(*) from raw.facts").fetchone()[0]
    assert rows == [("v2", first)]
    assert facts == len(analysis.facts)
