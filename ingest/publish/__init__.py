"""What analysts open, and the unattended run: after a run has published the warehouse, write every mart
to Parquet and CSV with a datapackage.json (export.py), the dbt docs as one offline data dictionary
(dictionary.py) and the indicator explorer page (explorer.py, charts rendered to SVG at build time), all
in the warehouse's docs/ folder beside it; the inbox folder of a scheduled run (inbox.py); the record of
the last run that `fazhi status` prints (status.py); and `fazhi run` with those around it (runs.py).

May import ingest.run (the pipeline it wraps, dbt for the docs), ingest.warehouse (its only way to
DuckDB), ingest.paths and ingest.read/ingest.resolve types; never ingest.cli. Not imported by ingest.run.
"""
