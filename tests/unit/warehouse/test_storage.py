"""The published warehouse is written in the storage format DuckDB 1.x reads (v1.0.0), and stays in it."""

from __future__ import annotations

import duckdb

from ingest.warehouse.storage import PUBLISHED_STORAGE_VERSION, ensure_compatible_storage, is_compatible, storage_version


def test_a_new_warehouse_is_created_in_the_old_format_and_keeps_it_when_written_again(tmp_path):
    database = tmp_path / "fazhi.duckdb"
    ensure_compatible_storage(database)
    assert storage_version(database).startswith(PUBLISHED_STORAGE_VERSION)
    con = duckdb.connect(str(database))  # as the loader and dbt-duckdb open it later
    con.execute("create table t as select 1 as a")
    con.close()
    assert is_compatible(database)
    with open(database, "rb") as handle:
        header = handle.read(16)
    assert header[8:12] == b"DUCK" and int.from_bytes(header[12:16], "little") == 64  # DuckDB 1.x reads 64–67


def test_a_warehouse_in_the_new_format_is_rewritten_with_its_data_and_comments(tmp_path):
    database = tmp_path / "old.duckdb"
    con = duckdb.connect(str(database))
    con.execute("create schema marts; create table marts.m as select 2024 as report_year, 5.0 as value")
    con.execute("comment on column marts.m.value is 'the value'")
    con.close()
    assert not is_compatible(database)
    ensure_compatible_storage(database)
    assert is_compatible(database)
    con = duckdb.connect(str(database), read_only=True)
    try:
        assert con.execute("select * from marts.m").fetchall() == [(2024, 5.0)]
        assert con.execute("select comment from duckdb_columns() where column_name = 'value'").fetchone() == ("the value",)
    finally:
        con.close()


def test_a_run_publishes_an_existing_new_format_warehouse_in_the_old_format(tmp_path):
    from ingest.run.publishing import staged_warehouse

    warehouse = tmp_path / "fazhi.duckdb"
    con = duckdb.connect(str(warehouse))  # a warehouse published before the storage rule
    con.execute("create table t as select 1 as v")
    con.close()
    assert not is_compatible(warehouse)
    with staged_warehouse(warehouse) as staging:
        con = duckdb.connect(str(staging))
        con.execute("insert into t values (2)")
        con.close()
    assert is_compatible(warehouse)
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        assert con.execute("select sum(v) from t").fetchone() == (3,)
    finally:
        con.close()
