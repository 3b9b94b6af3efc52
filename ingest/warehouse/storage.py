"""The storage format of the warehouse file: the published warehouse is readable by DuckDB 1.x.

DuckDB 2.0 writes by default a format DuckDB 1.x cannot open ("version number 999, we can only read
64–67"); many SQL clients embed 1.x. A file created with STORAGE_VERSION 'v1.0.0' keeps that format
whoever opens it later (the loader, dbt-duckdb, GX), so a run creates a new warehouse in it and moves a
warehouse written in a newer format into it once (COPY FROM DATABASE: tables, views, comments).
"""

from __future__ import annotations

import os
from pathlib import Path

from ingest.warehouse.connection import connect

PUBLISHED_STORAGE_VERSION = "v1.0.0"  # DuckDB ≥ 0.10 / 1.x read it


def storage_version(database: Path) -> str | None:
    """The storage version DuckDB reports for `database` ('v1.0.0+', 'v2.0.0+', …); None when unknown."""
    with connect(None) as con:
        con.execute(f"attach {_literal(database)} as target (read_only)")
        row = con.execute("select tags['storage_version'] from duckdb_databases() where database_name = 'target'").fetchone()
        con.execute("detach target")
    return row[0] if row and row[0] else None


def is_compatible(database: Path) -> bool:
    return (storage_version(database) or "").startswith(PUBLISHED_STORAGE_VERSION)


def ensure_compatible_storage(database: Path) -> None:
    """Make `database` a file in PUBLISHED_STORAGE_VERSION: create it (empty) when missing; rewrite it
    when it is in a newer format (a warehouse built before this rule). A compatible file is left as it is."""
    if not database.exists():
        with connect(None) as con:
            con.execute(f"attach {_literal(database)} as target (storage_version '{PUBLISHED_STORAGE_VERSION}')")
            con.execute("detach target")
        return
    if is_compatible(database):
        return
    rewritten = database.with_name(database.name + ".v1")
    rewritten.unlink(missing_ok=True)
    try:
        with connect(None) as con:
            con.execute(f"attach {_literal(database)} as source (read_only)")
            con.execute(f"attach {_literal(rewritten)} as target (storage_version '{PUBLISHED_STORAGE_VERSION}')")
            con.execute("copy from database source to target")
            con.execute("detach target")
            con.execute("detach source")
        os.replace(rewritten, database)
    finally:
        rewritten.unlink(missing_ok=True)
        rewritten.with_name(rewritten.name + ".wal").unlink(missing_ok=True)


def _literal(path: Path) -> str:
    return "'" + str(path).replace("'", "''") + "'"
