{#- Percent from a numerator and denominator; null when the denominator is 0 or missing. Kept in a
    macro (dispatchable) so DuckDB-specific SQL stays out of the models. -#}
{% macro percent_of(numerator, denominator) -%}
    {{ return(adapter.dispatch('percent_of')(numerator, denominator)) }}
{%- endmacro %}

{% macro default__percent_of(numerator, denominator) -%}
    case when {{ denominator }} is null or {{ denominator }} = 0 then null
         else 100.0 * {{ numerator }} / {{ denominator }} end
{%- endmacro %}
