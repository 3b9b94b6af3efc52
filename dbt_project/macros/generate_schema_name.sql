{#- Use the configured schema name as is (raw, staging, intermediate, marts, reference) instead of
    dbt's default "<target>_<custom>" so analysts query marts.fct_indicator_observation. -#}
{% macro generate_schema_name(custom_schema_name, node) -%}
    {{ custom_schema_name if custom_schema_name is not none else target.schema }}
{%- endmacro %}
