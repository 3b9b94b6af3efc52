"""The version stamped on every stored document and fact: the extractor's code version
(ingest.EXTRACTOR_VERSION) plus a digest of the seed files extraction reads. Analysts change what an
indicator or a region is by editing those files; with the digest in the version, the next ingest
re-extracts every stored document with them, so old and new documents never disagree on what a
figure means."""

from __future__ import annotations

import hashlib
from pathlib import Path

import ingest
from ingest.paths import SEEDS_DIR

# read by ingest.classify.catalog and ingest.resolve.region (the other seeds are dbt's alone)
EXTRACTION_SEEDS = ("indicators.csv", "indicator_patterns.csv", "indicator_aliases.csv", "indicator_units.csv", "indicator_exclusions.csv",
                    "regions.csv", "regions_extra.csv")


def extraction_version(seeds_dir: Path = SEEDS_DIR) -> str:
    """'0.3.0+seeds.1a2b3c4d5e': code version, then the first 10 hex digits of the seeds' sha256."""
    digest = hashlib.sha256()
    for name in EXTRACTION_SEEDS:
        path = seeds_dir / name
        digest.update(f"{name}\0".encode())
        digest.update(path.read_bytes() if path.exists() else b"(missing)")
        digest.update(b"\0")
    return f"{ingest.EXTRACTOR_VERSION}+seeds.{digest.hexdigest()[:10]}"
