{#- Decimal places of the number in a surface such as "57.23%" (2) or "100%" (0). -#}
{% macro stated_decimals(surface) -%}
    {{ return(adapter.dispatch('stated_decimals')(surface)) }}
{%- endmacro %}

{% macro default__stated_decimals(surface) -%}
    coalesce(length(regexp_extract({{ surface }}, '\.(\d+)', 1)), 0)
{%- endmacro %}
