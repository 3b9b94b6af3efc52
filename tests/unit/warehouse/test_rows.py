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


def test_a_data_only_build_keeps_the_findings_of_the_reporters_it_did_not_rebuild(tmp_path):
    """Issue 16: only the changed reporters' check rows are validated; every other reporter's findings (and
    none of a changed reporter's old ones, nor old ones of no reporter) carry over."""
    import pandas as pd

    from ingest.quality.findings import finding_columns, finding_types
    from ingest.warehouse.queries import changed_reporters, read_findings
    from ingest.warehouse.rows import write_findings

    def findings(*rows):
        return pd.DataFrame([{**dict.fromkeys(finding_columns()), "finding_id": f, "reporter_id": r} for f, r in rows],
                            columns=finding_columns())

    database = tmp_path / "w.duckdb"
    write_findings(database, findings(("old-a", "a"), ("old-b", "b"), ("old-none", None)), finding_types())
    changes = tmp_path / "changes.parquet"  # the build's list of changed reporters, as dbt exports it
    with connect(None) as con:
        con.execute(f"copy (select 'b' as reporter_id, false as is_full_rebuild) to '{changes}' (format parquet)")
    write_findings(database, findings(("new-b", "b"), ("new-none", None)), finding_types(), changed_reporters(changes))
    assert sorted(read_findings(database)["finding_id"]) == ["new-b", "new-none", "old-a"]
    with connect(None) as con:  # nothing changed: every reporter's findings stay (those of no reporter are always revalidated)
        con.execute(f"copy (select 'b' as reporter_id, false as is_full_rebuild where false) to '{changes}' (format parquet)")
    write_findings(database, findings(), finding_types(), changed_reporters(changes))
    assert sorted(read_findings(database)["finding_id"]) == ["new-b", "old-a"]
    with connect(None) as con:
        con.execute(f"copy (select null::varchar as reporter_id, true as is_full_rebuild) to '{changes}' (format parquet)")
    write_findings(database, findings(("new-c", "c")), finding_types(), changed_reporters(changes))
    assert list(read_findings(database)["finding_id"]) == ["new-c"]
