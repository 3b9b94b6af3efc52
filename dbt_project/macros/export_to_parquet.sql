{#-
    Copies each model in `models` to `<folder>/<model>.parquet`. `fazhi run` calls it (dbt run-operation)
    after the models are built: Great Expectations then validates the check models from these files while
    dbt runs the data tests, as no other process can read the warehouse while dbt holds DuckDB's lock.
    With `changed_only` (a data-only build), only the rows of the reporters int_build__changes lists (and
    of no reporter), and those reporters in `<folder>/int_build__changes.parquet` (one row with
    is_full_rebuild: all rows). The reporters go in as literals: DuckDB pushes a constant filter down into
    the check views' aggregates and windows, a subquery it does not.
    DuckDB-specific (copy … to … (format parquet)), hence a macro.
-#}
{% macro export_to_parquet(models, folder, changed_only=false) %}
    {%- set where = "" %}
    {%- if changed_only %}
        {%- set changes = ref('int_build__changes') %}
        {%- set path = (folder ~ '/int_build__changes.parquet') | replace("'", "''") %}
        {%- set select = "select reporter_id, is_full_rebuild from " ~ changes ~ " where kind = 'changed'" %}
        {%- do run_query("copy (" ~ select ~ ") to '" ~ path ~ "' (format parquet)") %}
        {%- set changed = run_query(select) %}
        {%- if not (changed.columns[1].values() | select | list) %}
            {%- set literals = ["null"] %}
            {%- for reporter in changed.columns[0].values() if reporter is not none %}
                {%- do literals.append("'" ~ (reporter | replace("'", "''")) ~ "'") %}
            {%- endfor %}
            {%- set where = " where reporter_id in (" ~ (literals | join(", ")) ~ ") or reporter_id is null" %}
        {%- endif %}
    {%- endif %}
    {%- for name in models %}
        {%- set path = (folder ~ '/' ~ name ~ '.parquet') | replace("'", "''") %}
        {%- do run_query("copy (select * from " ~ ref(name) ~ where ~ ") to '" ~ path ~ "' (format parquet)") %}
    {%- endfor %}
{% endmacro %}
