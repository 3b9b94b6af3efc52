"""The data dictionary: dbt's docs site as one offline page (`dbt docs generate --static` →
static_index.html), generated against a private copy of the published warehouse so no lock on the
published file is taken and readers are never disturbed."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from ingest.paths import working_dir
from ingest.run.dbt import run_dbt
from ingest.run.stages import ReportNotPublished


class DictionaryFailed(ReportNotPublished):
    """dbt could not generate the docs (after the warehouse was published: `fazhi run --export` exits 2
    with this message, as for a report that could not be put in place); the previous exports stay."""


def build_data_dictionary(warehouse: Path, target: Path) -> Path:
    """Write the dbt docs of `warehouse` as one self-contained HTML file at `target`."""
    with tempfile.TemporaryDirectory(prefix="fazhi-docs-") as scratch:
        copy = Path(scratch) / warehouse.name  # same file name: the catalog names the same database
        shutil.copyfile(warehouse, copy)
        outcome = run_dbt(copy, "docs generate", ["--static"])
        page = working_dir(copy, "dbt_target") / "static_index.html"
        if not outcome.success or not page.exists():
            raise DictionaryFailed("dbt docs generate failed: " + ("; ".join(outcome.failures[:3]) or "no static_index.html")
                                   + "; the previous exports are unchanged")
        shutil.copyfile(page, target)
    return target
