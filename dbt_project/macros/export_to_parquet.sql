{#-
    Copies each model in `models` to `<folder>/<model>.parquet`. `fazhi run` calls it (dbt run-operation)
    after the models are built: Great Expectations then validates the check models from these files while
    dbt runs the data tests, as no other process can read the warehouse while dbt holds DuckDB's lock.
    DuckDB-specific (copy … to … (format parquet)), hence a macro.
-#}
{% macro export_to_parquet(models, folder) %}
    {%- for name in models %}
        {%- set path = (folder ~ '/' ~ name ~ '.parquet') | replace("'", "''") %}
        {%- do run_query("copy (select * from " ~ ref(name) ~ ") to '" ~ path ~ "' (format parquet)") %}
    {%- endfor %}
{% endmacro %}
