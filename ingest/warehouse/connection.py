"""The one place that opens DuckDB: every connection of the loader, the pipeline and the checks."""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb

WarehouseError = duckdb.Error
Connection = duckdb.DuckDBPyConnection


def memory_limit() -> str:
    """DuckDB's memory limit in every fazhi process (and in dbt's, dbt_project/profiles.yml): bounded at any
    corpus size (issue 16; DuckDB's default is 80% of RAM). $FAZHI_DUCKDB_MEMORY overrides it."""
    given = os.environ.get("FAZHI_DUCKDB_MEMORY", "")
    return given if re.fullmatch(r"\d+(\.\d+)?\s*[KMGT]i?B", given, re.IGNORECASE) else "1GB"


@contextmanager
def connect(database: Path | None, read_only: bool = False) -> Iterator[Connection]:
    """A connection to `database` (None: an in-memory DuckDB), closed on leaving."""
    con = duckdb.connect(":memory:" if database is None else str(database), read_only=read_only)
    try:
        # a setting, not a connect() config: another connection to the same file in this process (a
        # reader opened with plain duckdb.connect) would refuse a different configuration
        con.execute(f"set memory_limit = '{memory_limit()}'")
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


def is_lock_conflict(error: BaseException) -> bool:
    """DuckDB refused to open a file another process holds open ("Could not set lock on file")."""
    return isinstance(error, duckdb.Error) and "could not set lock" in str(error).lower()


def is_damaged(error: BaseException) -> bool:
    """DuckDB found the file is not a readable database (bad header, failed block checksum)."""
    text = str(error).lower()
    return isinstance(error, duckdb.Error) and ("not a valid duckdb database" in text or "corrupt database" in text
                                                or "checksum" in text and "does not match" in text)


def open_and_close(database: Path) -> None:
    """Open `database` read-only and close it: raises the WarehouseError of a file DuckDB cannot open."""
    with connect(database, read_only=True) as con:
        con.execute("select 1")
