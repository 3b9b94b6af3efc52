-- Which indicators each county-level region-year reports, so analysts know what is comparable: a
-- count per catalog domain (one column each), the totals and the sorted list of indicator codes.
-- A region-year whose chosen report has no classified figure is listed too, with zero counts.
{%- set domains = indicator_catalog_values('domain') %}
with documents as (
    select * from {{ ref('dim_document') }}
),

observations as (
    select * from {{ ref('fct_indicator_observation') }}
    where is_county_level
        and period = 'report'
),

region_years as (
    -- the same county-level rule as fct_indicator_observation.is_county_level
    select
        region_code,
        region_name,
        report_year,
        doc_id
    from documents
    where is_chosen_version
        and region_code is not null
        and region_level in ('county', 'functional_zone')
        and department is null
        and report_year is not null
),

final as (
    select
        region_years.region_code,
        region_years.region_name,
        region_years.report_year,
        region_years.report_year as year,  -- kept for queries written before report_year (same value)
        region_years.doc_id,
        count(observations.indicator_code) as indicators_reported,
        count(distinct observations.domain) as domains_reported,
        {%- for domain in domains %}
            count(case when observations.domain = '{{ domain }}' then 1 end) as {{ domain }}_indicators,
        {%- endfor %}
        {{ list_agg_sorted('observations.indicator_code', 'observations.indicator_code') }} as indicator_codes
    from region_years
    left join observations
        on observations.region_code = region_years.region_code
        and observations.report_year = region_years.report_year
    group by 1, 2, 3, 4, 5
)

select * from final
