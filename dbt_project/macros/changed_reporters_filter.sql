{#-
    ` where reporter_id in (<the changed reporters>) or reporter_id is null` after a data-only build that
    rebuilt only some reporters (int_build__changes, kind 'changed'); '' after a full rebuild. The
    reporters go in as literals: DuckDB pushes a constant filter down into the check views' aggregates
    and windows, a subquery it does not. Execution time only (it reads the built table).
-#}
{% macro changed_reporters_filter(changes=none) %}
    {%- set changes = changes or ref('int_build__changes') %}
    {%- set changed = run_query("select reporter_id, is_full_rebuild from " ~ changes ~ " where kind = 'changed'") %}
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
    case). After a data-only build that rebuilt only some reporters, a test on a check view reads only
    their rows: the views recompute every reporter on each read; a data-only build leaves the project as
    it was, so the other reporters' rows are as the last build tested them; and a check_id holds its
    document, so keys cannot collide across reporters. After a full rebuild tests read every row.
-#}
{% macro get_where_subquery(relation) -%}
    {%- set where = config.get('where', '') %}
    {%- if execute and relation.identifier.startswith('int_checks__') %}
        {#- a test may not ref() what it did not declare: the built table found through the graph #}
        {%- set node = graph.nodes.values() | selectattr('name', 'equalto', 'int_build__changes') | first %}
        {%- set changes = adapter.get_relation(node.database, node.schema, node.alias) %}
        {%- set scoped = changed_reporters_filter(changes) if changes is not none else '' %}
        {%- if scoped %}
            {%- set relation -%}
                (select * from {{ relation }}{{ scoped }}) as dbt_changed
            {%- endset %}
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
