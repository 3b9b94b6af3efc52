"""The one place that opens DuckDB: every connection of the loader, the pipeline and the checks."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb

WarehouseError = duckdb.Error
Connection = duckdb.DuckDBPyConnection


@contextmanager
def connect(database: Path | None, read_only: bool = False) -> Iterator[Connection]:
    """A connection to `database` (None: an in-memory DuckDB), closed on leaving."""
    con = duckdb.connect(":memory:" if database is None else str(database), read_only=read_only)
    try:
        yield con
    finally:
        con.close()


@contextmanager
def transaction(con: Connection) -> Iterator[Connection]:
    """Commit on success, roll back on failure. A failed rollback (the transaction was already ended by
    DuckDB, e.g. on a full disk) never hides the error that caused it."""
    con.execute("begin transaction")
    try:
        yield con
        con.execute("commit")
    except BaseException:
        try:
            con.execute("rollback")
        except duckdb.Error:
            pass
        raise
