"""Text → facts: the grammar of a quantity, numerals, what is not a fact, and the extractor that finds every figure. May import ingest.classify, ingest.text, ingest.paths; never DuckDB, dbt or GX."""
