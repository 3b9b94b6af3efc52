{#-
    Copies each model in `models` to `<folder>/<model>.parquet`. `fazhi run` calls it (dbt run-operation)
    after the models are built: Great Expectations then validates the check models from these files while
    dbt runs the data tests, as no other process can read the warehouse while dbt holds DuckDB's lock.
    With `changed_only` (a data-only build), only the rows of the reporters int_build__changes lists (and
    of no reporter: changed_reporters_filter), and those reporters in `<folder>/int_build__changes.parquet`
    (one row with is_full_rebuild: all rows).
    DuckDB-specific (copy … to … (format parquet)), hence a macro.
-#}
{% macro export_to_parquet(models, folder, changed_only=false) %}
    {%- set where = "" %}
    {%- if changed_only %}
        {%- set path = (folder ~ '/int_build__changes.parquet') | replace("'", "''") %}
        {%- do run_query("copy (select reporter_id, is_full_rebuild from " ~ ref('int_build__changes')
                         ~ " where kind = 'changed') to '" ~ path ~ "' (format parquet)") %}
        {%- set where = changed_reporters_filter() %}
    {%- endif %}
    {%- for name in models %}
        {%- set path = (folder ~ '/' ~ name ~ '.parquet') | replace("'", "''") %}
        {%- do run_query("copy (select * from " ~ ref(name) ~ where ~ ") to '" ~ path ~ "' (format parquet)") %}
    {%- endfor %}
{% endmacro %}
