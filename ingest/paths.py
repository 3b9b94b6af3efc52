"""Where the project's bundled data and default outputs live, and the files a warehouse keeps beside it."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
BUNDLED_SEEDS_DIR = REPO_ROOT / "seeds"
# $FAZHI_SEEDS_DIR: another folder of seed CSVs for what Python reads (validation, the indicator catalog,
# the gazetteer, the extraction version), read once at import. dbt always loads the bundled seeds/
# (dbt_project.yml seed-paths), so `fazhi build` and `fazhi run` refuse another folder; `fazhi ingest`
# accepts it. Used to check an edited copy of the seeds (tests/e2e/test_seed_errors.py).
SEEDS_ENV_VAR = "FAZHI_SEEDS_DIR"
SEEDS_DIR = Path(os.environ[SEEDS_ENV_VAR]).expanduser().resolve() if os.environ.get(SEEDS_ENV_VAR) else BUNDLED_SEEDS_DIR
DBT_PROJECT_DIR = REPO_ROOT / "dbt_project"
EXPECTATIONS_DIR = REPO_ROOT / "expectations"
SAMPLE_REPORTS_DIR = REPO_ROOT / "data" / "reports"
DEFAULT_WAREHOUSE = REPO_ROOT / "warehouse" / "fazhi.duckdb"
WAREHOUSE_ENV_VAR = "FAZHI_WAREHOUSE"


def default_warehouse() -> Path:
    """The warehouse file: $FAZHI_WAREHOUSE when set, else warehouse/fazhi.duckdb."""
    env = os.environ.get(WAREHOUSE_ENV_VAR)
    return Path(env) if env else DEFAULT_WAREHOUSE


OWNER_FILE = ".fazhi-warehouse"  # inside a working folder: the name of the warehouse file it belongs to
# Beside a published file or folder, while a run works: its next version written in full, the one set
# aside between two renames (swap_folder), and the data-quality report's Great Expectations build.
STAGING_SUFFIX = ".staging"
ASIDE_SUFFIX = ".old"
GX_BUILD_SUFFIX = ".gx-build"


def beside(path: Path, suffix: str) -> Path:
    """`path` with `suffix` added to its name (STAGING_SUFFIX, ASIDE_SUFFIX, GX_BUILD_SUFFIX)."""
    return path.with_name(path.name + suffix)


def _published_name(warehouse: Path) -> str:
    """The published file's name, also for its staging copy (dbt works on fazhi.duckdb.staging)."""
    name = warehouse.name
    return name[: -len(STAGING_SUFFIX)] if name.endswith(STAGING_SUFFIX) else name


def working_dir(warehouse: Path, base: str) -> Path:
    """A folder a warehouse keeps beside it (`dq_report`, `dbt_target`, `dbt_logs`). The plain name belongs
    to the warehouse whose file name its OWNER_FILE holds: the first one of the folder that used it
    (warehouse/fazhi.duckdb → warehouse/dq_report). Any other warehouse of the same folder gets its own,
    STEM_base (b.duckdb → b_dq_report), so two warehouses in one folder never share or delete each
    other's files. A plain folder without an owner (made before owners were recorded) is claimed."""
    name = _published_name(warehouse)
    plain = warehouse.parent / base
    try:
        owner = (plain / OWNER_FILE).read_text(encoding="utf-8").strip()
    except OSError:
        owner = ""
    if owner in ("", name):
        return plain
    stem = name[: -len(".duckdb")] if name.endswith(".duckdb") else name
    return warehouse.parent / f"{stem}_{base}"


def claim_working_dir(folder: Path, warehouse: Path) -> None:
    """Record in `folder` (created when missing) the warehouse it belongs to, unless recorded already."""
    folder.mkdir(parents=True, exist_ok=True)
    owner = folder / OWNER_FILE
    if not owner.exists():
        owner.write_text(_published_name(warehouse) + "\n", encoding="utf-8")


def report_dir_for(warehouse: Path) -> Path:
    """Published data-quality outputs sit beside the warehouse file (working_dir: one per warehouse)."""
    return working_dir(warehouse, "dq_report")


def lock_path(warehouse: Path) -> Path:
    """The writer lock: one run at a time per warehouse."""
    return warehouse.with_name(warehouse.name + ".lock")


def staging_path(warehouse: Path) -> Path:
    """The copy a run builds, published over `warehouse` with one rename."""
    return beside(warehouse, STAGING_SUFFIX)


def swap_folder(staging: Path, folder: Path) -> None:
    """Put a fully written `staging` folder in place of `folder` with two renames: the old one aside, the
    new one in its place (the old one put back when the second rename fails); the old one is then removed."""
    old = beside(folder, ASIDE_SUFFIX)
    shutil.rmtree(old, ignore_errors=True)
    if folder.exists():
        os.replace(folder, old)
    try:
        os.replace(staging, folder)
    except BaseException:
        if old.exists() and not folder.exists():
            os.replace(old, folder)
        raise
    shutil.rmtree(old, ignore_errors=True)
