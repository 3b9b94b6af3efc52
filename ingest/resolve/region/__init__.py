"""The issuing region of a report, read from its title, opening, signature and metadata (see docs/architecture.md)."""

from ingest.resolve.region.resolver import RegionResolution, resolve_region

__all__ = ["RegionResolution", "resolve_region"]
