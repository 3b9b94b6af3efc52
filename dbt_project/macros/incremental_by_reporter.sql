{#-
    Incremental by reporter (issue 16). A model configured with incremental_by_reporter() is a table on a
    full build (first build, --full-refresh: every non-data-only build) and otherwise replaces only the rows
    of the reporters int_build__changes lists: a pre-hook deletes them, the model's select (filtered with
    changed_reporters_only at its inputs) appends them again.
-#}
{% macro incremental_by_reporter() %}
    {{- config(
        materialized='incremental',
        incremental_strategy='append',
        on_schema_change='fail',
        pre_hook="{% if is_incremental() %}delete from {{ this }} where reporter_id in (select reporter_id from "
                 ~ "{{ ref('int_build__changes') }} where kind = 'changed'){% endif %}",
    ) -}}
    {%- if model.resource_type != 'unit_test' %}  {#- unit tests give every input; this one is not read #}
    -- depends_on: {{ ref('int_build__changes') }}
    {%- endif %}
{%- endmacro %}

{#- `and <column> in (the changed reporters)` in an incremental build, nothing otherwise -#}
{% macro changed_reporters_only(column='reporter_id') %}
    {%- if is_incremental() %}
        and {{ column }} in (select reporter_id from {{ ref('int_build__changes') }} where kind = 'changed')
    {%- endif %}
{%- endmacro %}

{#- int_build__changes as the previous build left it; none on a first build or with --full-refresh -#}
{% macro previous_build_state() %}
    {%- set previous = adapter.get_relation(database=this.database, schema=this.schema, identifier=this.identifier) %}
    {{- return(none if flags.FULL_REFRESH else previous) }}
{%- endmacro %}
