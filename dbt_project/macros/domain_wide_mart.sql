{#- A region × year table for one indicator domain, one column per indicator of that domain
    (the columns come from the indicator catalog, so adding an indicator adds a column).
    Only the value is kept: unit (the catalog's canonical unit, see dim_indicator), qualifier and status
    are in fct_indicator_observation, the long table (said in each mart's description).
    A view: a pivot of the small fct_indicator_observation table costs nothing to query, is never
    stale, and a run that only adds documents need not rebuild eleven tables (the catalog, hence
    the columns, changes only with the project, which rebuilds every view). -#}
{% macro domain_wide_mart(domain) -%}
{{- config(materialized='view') }}
{%- set codes = indicator_catalog_values('indicator_code', domain) %}
{#- codes and the domain go into SQL literals and column names: snake_case only, so none can break out -#}
{%- for name in [domain] + codes if not modules.re.fullmatch('[a-z][a-z0-9_]*', name | string) %}
    {{- exceptions.raise_compiler_error("domain_wide_mart: '" ~ name ~ "' is not a snake_case code") }}
{%- endfor %}
with observations as (
    select * from {{ ref('fct_indicator_observation') }}
    where is_county_level
        and period = 'report'
),

region_years as (
    select distinct region_code, region_name, report_year
    from observations
),

final as (
    select
        region_years.region_code,
        region_years.region_name,
        region_years.report_year,
        region_years.report_year as year,  -- kept for queries written before report_year (same value)
        '{{ domain }}' as domain
        {%- for code in codes %},
        max(case when observations.indicator_code = '{{ code }}' then observations.value end) as {{ code }}
        {%- endfor %}
    from region_years
    left join observations
        on observations.region_code = region_years.region_code
        and observations.report_year = region_years.report_year
        and observations.domain = '{{ domain }}'
    group by 1, 2, 3
)

select * from final
{%- endmacro %}
