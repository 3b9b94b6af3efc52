{#-
    The table of the reporters a data-only run revalidates: `intermediate.dbt_test_scope` (reporter_id,
    is_full_rebuild), written by export_to_parquet when it exports only their check rows and dropped by
    the Python loader with the findings write (ingest/warehouse/schema.py TEST_SCOPE), so tests run by
    hand later read every row. None when it does not exist. Execution time only.
-#}
{% macro test_scope_relation() %}
    {%- set changes = graph.nodes.values() | selectattr('name', 'equalto', 'int_build__changes') | first %}
    {{- return(adapter.get_relation(changes.database, changes.schema, 'dbt_test_scope')) }}
{%- endmacro %}

{#-
    ` where reporter_id in (<the reporters in `scope`>) or reporter_id is null`; '' when `scope` says the
    build was a full one. The reporters go in as literals: DuckDB pushes a constant filter down into the
    check views' aggregates and windows, a subquery it does not.
-#}
{% macro changed_reporters_filter(scope) %}
    {%- set changed = run_query("select reporter_id, is_full_rebuild from " ~ scope) %}
    {%- if changed.columns[1].values() | select | list %}
        {{- return('') }}
    {%- endif %}
    {%- set literals = ["null"] %}
    {%- for reporter in changed.columns[0].values() if reporter is not none %}
        {%- do literals.append("'" ~ (reporter | replace("'", "''")) ~ "'") %}
    {%- endfor %}
    {{- return(" where reporter_id in (" ~ (literals | join(", ")) ~ ") or reporter_id is null") }}
{%- endmacro %}

{#-
    dbt's hook for the relation a generic test reads (dbt-core's default__get_where_subquery, plus one
    case). While a data-only run's test scope exists (test_scope_relation), a test on a check view with a
    reporter_id reads only the rows of the reporters in it: the views recompute every reporter on each
    read; the run leaves the project as it was and the stored findings describe the last build, so the
    other reporters' rows are as that build tested them; check ids cannot collide across reporters.
-#}
{% macro get_where_subquery(relation) -%}
    {%- set where = config.get('where', '') %}
    {%- if execute and relation.identifier.startswith('int_checks__') %}
        {%- set scope = test_scope_relation() %}
        {%- if scope is not none and 'reporter_id' in (adapter.get_columns_in_relation(relation) | map(attribute='name') | list) %}
            {%- set scoped = changed_reporters_filter(scope) %}
            {%- if scoped %}
                {%- set relation -%}
                    (select * from {{ relation }}{{ scoped }}) as dbt_changed
                {%- endset %}
            {%- endif %}
        {%- endif %}
    {%- endif %}
    {%- if where %}
        {%- set filtered -%}
            (select * from {{ relation }} where {{ where }}) dbt_subquery
        {%- endset %}
        {{- return(filtered) }}
    {%- endif %}
    {{- return(relation) }}
{%- endmacro %}
