"""One document → its metadata and facts (analyse), the single path used by loading, fazhi extract and fazhi eval; and the evaluation against gold. Never imports DuckDB, dbt or GX."""
