"""Data quality: the rule suites, Great Expectations validation of the dbt check models, findings and the HTML report. May import ingest.warehouse and below."""
