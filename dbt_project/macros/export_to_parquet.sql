{#-
    Copies each model in `models` to `<folder>/<model>.parquet`. `fazhi run` calls it (dbt run-operation)
    after the models are built: Great Expectations then validates the check models from these files while
    dbt runs the data tests, as no other process can read the warehouse while dbt holds DuckDB's lock.
    With `changed_only` (a data-only build whose stored findings describe the last build), only the rows
    of the reporters int_build__changes lists (and of no reporter: changed_reporters_filter); those
    reporters go to `<folder>/int_build__changes.parquet` (one row with is_full_rebuild: all rows) and to
    the test scope table, so the data tests that follow read the same rows (changed_reporters_filter.sql).
    DuckDB-specific (copy … to … (format parquet)), hence a macro.
-#}
{% macro export_to_parquet(models, folder, changed_only=false) %}
    {%- set where = "" %}
    {%- if changed_only %}
        {%- set changes = ref('int_build__changes') %}
        {%- set scope = changes.schema ~ '.dbt_test_scope' %}
        {%- do run_query("create or replace table " ~ scope ~ " as select reporter_id, is_full_rebuild from "
                         ~ changes ~ " where kind = 'changed'") %}
        {%- set path = (folder ~ '/int_build__changes.parquet') | replace("'", "''") %}
        {%- do run_query("copy (select * from " ~ scope ~ ") to '" ~ path ~ "' (format parquet)") %}
        {%- set where = changed_reporters_filter(scope) %}
    {%- endif %}
    {%- for name in models %}
        {%- set path = (folder ~ '/' ~ name ~ '.parquet') | replace("'", "''") %}
        {%- do run_query("copy (select * from " ~ ref(name) ~ where ~ ") to '" ~ path ~ "' (format parquet)") %}
    {%- endfor %}
{% endmacro %}
