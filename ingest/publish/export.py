"""Every mart of a published warehouse as Parquet (partitioned by report year) and CSV (UTF-8 with a BOM,
so Excel opens it), with a Frictionless datapackage.json (Table Schema: names, types, descriptions from
the dbt YAML, units from the indicator catalog) beside them. Written to a staging folder and swapped in."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import yaml

from ingest.paths import DBT_PROJECT_DIR
from ingest.warehouse.connection import connect
from ingest.warehouse.exports import copy_mart_to_parquet, indicator_units, mart_columns, mart_frame, mart_names

PARTITION_COLUMN = "report_year"
MARTS_YAML_DIR = DBT_PROJECT_DIR / "models" / "marts"
CSV_ENCODING = "utf-8-sig"  # UTF-8 with a byte-order mark: Excel then reads it as UTF-8


@dataclass
class ExportSummary:
    folder: Path
    marts: list[str] = field(default_factory=list)
    rows: dict[str, int] = field(default_factory=dict)
    datapackage: Path | None = None


def table_schema_type(duckdb_type: str) -> str:
    """A DuckDB column type as a Frictionless Table Schema field type."""
    kind = duckdb_type.upper()
    if kind.endswith("[]") or kind.startswith(("LIST", "STRUCT", "MAP")):
        return "array" if "[]" in kind or kind.startswith("LIST") else "object"
    if kind in ("BOOLEAN", "BOOL"):
        return "boolean"
    if kind in ("TINYINT", "SMALLINT", "INTEGER", "BIGINT", "HUGEINT", "UTINYINT", "USMALLINT", "UINTEGER", "UBIGINT"):
        return "integer"
    if kind in ("DOUBLE", "FLOAT", "REAL") or kind.startswith("DECIMAL"):
        return "number"
    if kind == "DATE":
        return "date"
    if kind.startswith("TIMESTAMP"):
        return "datetime"
    if kind == "TIME":
        return "time"
    if kind == "JSON":
        return "object"
    return "string"


def dbt_descriptions(folder: Path = MARTS_YAML_DIR) -> dict[str, dict]:
    """model name → {"description": …, "columns": {column: description}} from the marts' dbt YAML."""
    models: dict[str, dict] = {}
    for path in sorted(folder.glob("*.yml")):
        document = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        for model in document.get("models") or []:
            columns = {c["name"]: " ".join(str(c.get("description") or "").split()) for c in model.get("columns") or []}
            models[model["name"]] = {"description": " ".join(str(model.get("description") or "").split()),
                                     "columns": columns}
    return models


def _field(column, described: dict, units: dict[str, str]) -> dict:
    entry = {"name": column.name, "type": table_schema_type(column.data_type)}
    description = described.get(column.name) or column.comment
    if description:
        entry["description"] = description
    if column.name in units:  # a wide mart's indicator column: the catalog's canonical unit
        entry["unit"] = units[column.name]
    entry["duckdb_type"] = column.data_type
    return entry


def export_marts(warehouse: Path, staging: Path) -> ExportSummary:
    """Write staging/csv/<mart>.csv, staging/parquet/<mart>/report_year=…/*.parquet (or <mart>.parquet for
    a mart without a report year) and staging/datapackage.json (a folder published later, paths.swap_folder)."""
    (staging / "csv").mkdir(parents=True)
    (staging / "parquet").mkdir()
    summary = ExportSummary(staging)
    descriptions = dbt_descriptions()
    resources = []
    with connect(warehouse, read_only=True) as con:
        units = indicator_units(con)
        for mart in mart_names(con):
            columns = mart_columns(con, mart)
            names = [c.name for c in columns]
            described = descriptions.get(mart, {"description": "", "columns": {}})
            schema = {"fields": [_field(c, described["columns"], units) for c in columns]}
            frame = mart_frame(con, mart)
            frame.to_csv(staging / "csv" / f"{mart}.csv", index=False, encoding=CSV_ENCODING)
            partition = PARTITION_COLUMN if PARTITION_COLUMN in names else None
            target = staging / "parquet" / (mart if partition else f"{mart}.parquet")
            copy_mart_to_parquet(con, mart, target, partition)
            parquet_files = sorted(p.relative_to(staging).as_posix() for p in
                                   (target.rglob("*.parquet") if partition else [target]))
            common = {"title": mart, "description": described["description"], "schema": schema}
            resources.append({"name": mart, "path": f"csv/{mart}.csv", "format": "csv", "mediatype": "text/csv",
                              "encoding": CSV_ENCODING, "dialect": {"header": True, "delimiter": ","}, **common})
            parquet = {"name": f"{mart}-parquet", "path": parquet_files, "format": "parquet",
                       "mediatype": "application/vnd.apache.parquet", **common}
            if partition:
                parquet["partitioned_by"] = partition  # Hive-style folders; the column is in the path, not the files
            resources.append(parquet)
            summary.marts.append(mart)
            summary.rows[mart] = len(frame)
    package = {
        "profile": "tabular-data-package",
        "name": "fazhi-marts",
        "title": "fazhi: indicators of China's county rule-of-law government reports (marts)",
        "description": "Every mart of the warehouse as CSV (UTF-8 with BOM) and Parquet (partitioned by report_year). "
                       "Field descriptions come from the dbt YAML (the same text as the data dictionary and the "
                       "DuckDB column comments); `unit` is the indicator catalog's canonical unit.",
        "created": datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "resources": resources,
    }
    (staging / "datapackage.json").write_text(json.dumps(package, ensure_ascii=False, indent=1), encoding="utf-8")
    summary.datapackage = staging / "datapackage.json"
    return summary
