"""Where the project's bundled data and default outputs live, and the files a warehouse keeps beside it."""

from __future__ import annotations

import os
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
SEEDS_DIR = REPO_ROOT / "seeds"
DBT_PROJECT_DIR = REPO_ROOT / "dbt_project"
EXPECTATIONS_DIR = REPO_ROOT / "expectations"
SAMPLE_REPORTS_DIR = REPO_ROOT / "data" / "reports"
DEFAULT_WAREHOUSE = REPO_ROOT / "warehouse" / "fazhi.duckdb"
WAREHOUSE_ENV_VAR = "FAZHI_WAREHOUSE"


def default_warehouse() -> Path:
    """The warehouse file: $FAZHI_WAREHOUSE when set, else warehouse/fazhi.duckdb."""
    env = os.environ.get(WAREHOUSE_ENV_VAR)
    return Path(env) if env else DEFAULT_WAREHOUSE


def report_dir_for(warehouse: Path) -> Path:
    """Published data-quality outputs sit beside the warehouse file."""
    return warehouse.parent / "dq_report"


def lock_path(warehouse: Path) -> Path:
    """The writer lock: one run at a time per warehouse."""
    return warehouse.with_name(warehouse.name + ".lock")


def staging_path(warehouse: Path) -> Path:
    """The copy a run builds, published over `warehouse` with one rename."""
    return warehouse.with_name(warehouse.name + ".staging")
