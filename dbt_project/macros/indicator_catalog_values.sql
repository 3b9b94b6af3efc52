{#- The distinct values of one dim_indicator column (optionally for one domain), read when the model
    runs: the catalog (seeds/indicators.csv) decides the columns of the wide marts, so adding an
    indicator or a domain there adds a column without editing SQL. Empty while dbt parses. -#}
{% macro indicator_catalog_values(column, domain=none) -%}
    {%- set catalog_query -%}
        select distinct {{ column }} from {{ ref('dim_indicator') }}
        {%- if domain is not none %} where domain = '{{ domain }}'{% endif %}
        order by 1
    {%- endset -%}
    {%- if execute -%}
        {{ return(run_query(catalog_query).columns[0].values() | list) }}
    {%- else -%}
        {{ return([]) }}
    {%- endif -%}
{%- endmacro %}
