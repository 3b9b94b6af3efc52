"""What ingest.publish reads from a published warehouse: the marts and their columns (for the exports
and the data package), the frames behind the indicator explorer's charts, and the last run (fazhi status)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from ingest.warehouse.connection import Connection, WarehouseError

MARTS_SCHEMA = "marts"


@dataclass(frozen=True)
class Column:
    name: str
    data_type: str
    comment: str | None


def mart_names(con: Connection) -> list[str]:
    """Every table and view of the marts schema, sorted."""
    rows = con.execute("select table_name from information_schema.tables where table_schema = ? order by table_name",
                       [MARTS_SCHEMA]).fetchall()
    return [row[0] for row in rows]


def mart_columns(con: Connection, mart: str) -> list[Column]:
    """A mart's columns in order, with their DuckDB type and comment (dbt persist_docs)."""
    rows = con.execute(
        "select column_name, data_type, comment from duckdb_columns() "
        "where schema_name = ? and table_name = ? order by column_index", [MARTS_SCHEMA, mart]).fetchall()
    return [Column(*row) for row in rows]


def _relation(mart: str) -> str:
    if not mart.replace("_", "").isalnum():
        raise ValueError(f"not a mart name: {mart!r}")
    return f'{MARTS_SCHEMA}."{mart}"'


def _literal(path: Path) -> str:
    return "'" + str(path).replace("'", "''") + "'"


def copy_mart_to_parquet(con: Connection, mart: str, target: Path, partition_by: str | None) -> None:
    """Write a mart as Parquet: a folder of Hive partitions (`report_year=2024/…`) when `partition_by`
    names a column, else one file `target`."""
    if partition_by:
        if not partition_by.replace("_", "").isalnum():
            raise ValueError(f"not a column name: {partition_by!r}")
        con.execute(f"copy (select * from {_relation(mart)}) to {_literal(target)} "
                    f"(format parquet, partition_by ({partition_by}), overwrite_or_ignore)")
    else:
        con.execute(f"copy (select * from {_relation(mart)}) to {_literal(target)} (format parquet)")


def mart_frame(con: Connection, mart: str) -> pd.DataFrame:
    return con.execute(f"select * from {_relation(mart)}").df()


def indicator_units(con: Connection) -> dict[str, str]:
    """indicator code → its canonical unit (marts.dim_indicator)."""
    return dict(con.execute("select indicator_code, unit from marts.dim_indicator").fetchall())


def county_observations(con: Connection) -> pd.DataFrame:
    """County-level values of the chosen reports, with the indicator's name, domain and unit."""
    return con.execute(
        "select o.region_code, o.region_name, o.report_year, o.indicator_code, i.name_zh as indicator_name, "
        "o.domain, o.value, o.unit, o.status from marts.fct_indicator_observation o "
        "left join marts.dim_indicator i using (indicator_code) "
        "where o.is_county_level and o.period = 'report' and o.value is not null").df()


def coverage_by_domain(con: Connection) -> pd.DataFrame:
    """mart_region_year_coverage as it is: county-level region × year, a count column per domain."""
    return con.execute("select * from marts.mart_region_year_coverage").df()


@dataclass(frozen=True)
class LastRun:
    run_id: str
    started_at: object
    finished_at: object
    status: str
    files_seen: int | None
    documents_loaded: int | None
    documents_unchanged: int | None
    documents_reextracted: int | None
    files_failed: int | None
    facts_loaded: int | None
    message: str | None


def last_ingest_run(con: Connection) -> LastRun | None:
    row = con.execute(
        "select run_id, started_at, finished_at, status, files_seen, documents_loaded, documents_unchanged, "
        "documents_reextracted, files_failed, facts_loaded, message from raw.ingest_runs "
        "order by started_at desc limit 1").fetchone()
    return LastRun(*row) if row else None


def findings_by_severity(con: Connection) -> dict[str, int]:
    try:
        return dict(con.execute("select severity, count(*) from quality.dq_findings group by 1").fetchall())
    except WarehouseError:  # a warehouse never checked has no quality.dq_findings
        return {}
