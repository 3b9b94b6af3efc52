-- Which indicators each county-level region-year reports, so analysts know what is comparable.
with observations as (
    select * from {{ ref('fct_indicator_observation') }}
    where is_county_level
),

indicators as (
    select * from {{ ref('dim_indicator') }}
),

per_domain as (
    select
        observations.region_code,
        observations.region_name,
        observations.report_year,
        indicators.domain,
        count(*) as indicators_reported
    from observations
    inner join indicators on indicators.indicator_code = observations.indicator_code
    group by 1, 2, 3, 4
),

per_region_year as (
    select
        region_code,
        region_name,
        report_year,
        sum(indicators_reported) as indicators_reported,
        count(*) as domains_reported,
        {{ list_agg_sorted("domain || ':' || indicators_reported::varchar", "domain") }} as domain_counts
    from per_domain
    group by 1, 2, 3
),

indicator_lists as (
    select
        region_code,
        report_year,
        {{ list_agg_sorted('indicator_code', 'indicator_code') }} as indicator_codes
    from observations
    group by 1, 2
),

final as (
    select
        per_region_year.region_code,
        per_region_year.region_name,
        per_region_year.report_year as year,
        per_region_year.indicators_reported,
        per_region_year.domains_reported,
        per_region_year.domain_counts,
        indicator_lists.indicator_codes
    from per_region_year
    inner join indicator_lists
        on indicator_lists.region_code = per_region_year.region_code
        and indicator_lists.report_year = per_region_year.report_year
)

select * from final
