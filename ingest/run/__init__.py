"""A run: load files into the raw tables, dbt in a worker process, the quality checks, and publishing the staged warehouse atomically. May import every stage below it."""
