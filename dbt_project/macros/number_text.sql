{#- A number as a reader writes it: 1838 (not 1838.0), 95.3320 → 95.332. -#}
{% macro number_text(expression, decimals=4) -%}
    {{ return(adapter.dispatch('number_text')(expression, decimals)) }}
{%- endmacro %}

{% macro default__number_text(expression, decimals) -%}
    case
        when {{ expression }} is null then null
        when {{ expression }} = floor({{ expression }}) and abs({{ expression }}) < 1e15
            then cast(cast({{ expression }} as bigint) as varchar)
        else rtrim(rtrim(cast(cast(round({{ expression }}, {{ decimals }}) as decimal(38, {{ decimals }})) as varchar), '0'), '.')
    end
{%- endmacro %}
