"""The extraction version follows the seed files extraction reads (issue: an analyst's edit of the
indicator catalog or the regions must re-extract stored documents), and only those."""

from __future__ import annotations

import shutil
from pathlib import Path

import ingest
from ingest.extract.version import EXTRACTION_SEEDS, extraction_version
from ingest.paths import SEEDS_DIR


def _seeds_copy(tmp_path: Path) -> Path:
    copy = tmp_path / "seeds"
    shutil.copytree(SEEDS_DIR, copy)
    return copy


def test_version_is_code_version_plus_seed_digest(tmp_path: Path):
    seeds = _seeds_copy(tmp_path)
    version = extraction_version(seeds)
    assert version == extraction_version(SEEDS_DIR)  # the same files, the same version
    assert version.startswith(ingest.EXTRACTOR_VERSION + "+seeds.") and len(version.split("+seeds.")[1]) == 10


def test_editing_an_extraction_seed_changes_the_version(tmp_path: Path):
    seeds = _seeds_copy(tmp_path)
    before = extraction_version(seeds)
    versions = set()
    for name in EXTRACTION_SEEDS:
        path = seeds / name
        original = path.read_bytes()
        path.write_bytes(original + b"\n")  # an analyst's edit, however small
        versions.add(extraction_version(seeds))
        path.write_bytes(original)
    assert before not in versions and len(versions) == len(EXTRACTION_SEEDS)
    assert extraction_version(seeds) == before


def test_seeds_only_dbt_reads_leave_the_version_alone(tmp_path: Path):
    seeds = _seeds_copy(tmp_path)
    before = extraction_version(seeds)
    with (seeds / "corrections.csv").open("a", encoding="utf-8") as handle:
        handle.write("\n")  # applied in dbt; stored facts stay valid
    assert extraction_version(seeds) == before
