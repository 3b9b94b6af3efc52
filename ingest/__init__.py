"""fazhi: rule-of-law report loader (files → documents → facts → DuckDB raw tables)."""

# Bump when extraction output changes: facts carry it, and documents extracted by an older
# version are re-extracted on the next ingest.
EXTRACTOR_VERSION = "0.3.6"
