"""Whose report and which year: the issuing region, the report year and date, and users' overrides. May import ingest.read, ingest.text, ingest.paths; never DuckDB, dbt or GX."""
