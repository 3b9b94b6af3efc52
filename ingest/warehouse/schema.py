"""DDL of every table the loader and the checks write: raw (dbt reads it as sources) and quality."""

from __future__ import annotations

from ingest.warehouse.connection import Connection

RAW_DDL = """
create schema if not exists raw;
create table if not exists raw.documents (
    doc_id varchar primary key,        -- sha256 of the original bytes
    content_hash varchar not null,     -- sha256 of the normalised text: same text = same document
    source_path varchar not null,
    file_name varchar not null,
    media_type varchar not null,
    encoding varchar,
    text_length integer not null,
    title varchar,
    header_metadata json,
    issuer varchar,
    region_code varchar,
    region_name varchar,
    region_level varchar,
    department varchar,
    prefecture_code varchar,
    province_code varchar,
    region_status varchar not null,    -- resolved | ambiguous | unresolved
    region_reason varchar,
    report_year integer,
    publish_date date,
    doc_number varchar,
    extractor_version varchar not null,
    ingested_at timestamp not null,
    text varchar not null,
    override_region varchar,           -- --region / sidecar region the document was loaded with
    override_year integer              -- --year / sidecar year
);
-- warehouses created before the override columns existed
alter table raw.documents add column if not exists override_region varchar;
alter table raw.documents add column if not exists override_year integer;
create table if not exists raw.facts (
    doc_id varchar not null,
    start_offset integer not null,
    end_offset integer not null,
    surface varchar not null,
    value double not null,
    value_high double,
    unit varchar,
    qualifier varchar not null,
    kind varchar not null,
    period varchar not null,
    indicator varchar,
    section varchar,
    sentence varchar,
    breakdown_of integer,
    extractor_version varchar not null,
    measure varchar,                   -- what the figure counts, in the report's words (issue 14)
    indicator_score double,            -- fit of the measure phrase to the code (or to the best candidate)
    code_reason varchar,               -- rule | score | why there is no code
    code_status varchar,               -- the same in one word (ingest.classify.code_status)
    before_of integer,                 -- start_offset of the "after" figure this is the "before" value of (issue 15)
    direction varchar,                 -- up | down for a change (value signed), else null (issue 15)
    primary key (doc_id, start_offset, end_offset)
);
-- warehouses created before the before→after and direction columns existed
alter table raw.facts add column if not exists before_of integer;
alter table raw.facts add column if not exists direction varchar;
-- warehouses created before the measure columns existed
alter table raw.facts add column if not exists measure varchar;
alter table raw.facts add column if not exists indicator_score double;
alter table raw.facts add column if not exists code_reason varchar;
alter table raw.facts add column if not exists code_status varchar;
create table if not exists raw.skipped_figures (  -- found in a document but not loaded as a fact, and why
    doc_id varchar not null,
    start_offset integer not null,
    end_offset integer not null,
    surface varchar not null,
    reason varchar not null
);
create table if not exists raw.ingest_runs (
    run_id varchar primary key,
    started_at timestamp not null,
    finished_at timestamp,
    status varchar not null,           -- running | succeeded | partial | failed
    files_seen integer,
    documents_loaded integer,
    documents_unchanged integer,
    documents_reextracted integer,
    files_failed integer,
    facts_loaded integer,
    message varchar
);
create table if not exists raw.ingest_errors (
    run_id varchar not null,
    path varchar not null,
    reason varchar not null
);
"""


BUILDS_DDL = """
create schema if not exists raw;
create table if not exists raw.dbt_builds (
    built_at timestamp not null,
    project_fingerprint varchar not null,  -- project_fingerprint() of the build
    selection varchar not null,            -- full | data only
    nodes integer not null
);
"""

QUALITY_SCHEMA_DDL = "create schema if not exists quality"
# Which state the findings describe: a token the data-quality report stores too, and the dbt build they
# were validated after. A data-only run revalidates only the changed reporters when these describe the
# warehouse's last build (ingest.run.stages.build_and_check).
FINDINGS_VERSION = "quality.dq_findings_version"
# Written by the dbt macro export_to_parquet when it exports only the changed reporters' check rows; while
# it exists, the dbt tests of the check views read only those rows (macros/changed_reporters_filter.sql).
# Dropped with the findings write, so a later `dbt test` by hand reads every row.
TEST_SCOPE = "intermediate.dbt_test_scope"


def ensure_raw_schema(con: Connection) -> None:
    con.execute(RAW_DDL)
