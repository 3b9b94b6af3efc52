{#- Comma-separated, ordered aggregation of strings (string_agg ... order by is not portable). -#}
{% macro list_agg_sorted(expression, order_by) -%}
    {{ return(adapter.dispatch('list_agg_sorted')(expression, order_by)) }}
{%- endmacro %}

{% macro default__list_agg_sorted(expression, order_by) -%}
    string_agg({{ expression }}, ', ' order by {{ order_by }})
{%- endmacro %}
