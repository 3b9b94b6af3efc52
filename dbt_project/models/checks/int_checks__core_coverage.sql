-- Core-indicator coverage of each county-level region-year with a chosen report: the topics almost
-- every report gives figures for (thresholds.yml core_indicators, one slot per topic, filled by any of
-- its indicators). Fewer than core_indicators_min filled slots suggests an abridged report or figures
-- the extractor did not recognise.
with coverage as (
    select * from {{ ref('mart_region_year_coverage') }}
),

observations as (
    select * from {{ ref('fct_indicator_observation') }}
    where is_county_level
        and period = 'report'
),

documents as (
    select * from {{ ref('dim_document') }}
),

core_slots as (
    select *
    from ({{ rows_relation(mapping_rows(var('core_indicators', {})), ['slot_name', 'indicator_code']) }}) as listed
),

filled as (
    select
        coverage.region_code,
        coverage.year,
        core_slots.slot_name,
        count(observations.indicator_code) as statements
    from coverage
    cross join core_slots
    left join observations
        on observations.region_code = coverage.region_code
        and observations.report_year = coverage.year
        and observations.indicator_code = core_slots.indicator_code
    group by coverage.region_code, coverage.year, core_slots.slot_name
),

counted as (
    select
        region_code,
        year,
        count(case when statements > 0 then 1 end) as core_slots_filled,
        count(*) as core_slots,
        {{ list_agg_sorted("case when statements = 0 then slot_name end", 'slot_name') }} as missing_slots
    from filled
    group by region_code, year
),

final as (
    select
        coverage.region_code || ':' || coverage.year as check_id,
        coverage.region_code as reporter_id,
        coverage.region_code,
        coverage.region_name,
        coverage.year as report_year,
        null::varchar as indicator_codes,
        coverage.doc_id,
        documents.file_name,
        null::integer as start_offset,
        null::integer as end_offset,
        null::varchar as sentence,
        counted.core_slots_filled::varchar || ' of ' || counted.core_slots::varchar || ' core topics' as observed,
        'at least {{ var('core_indicators_min', 3) }} core topics' as expected,
        documents.file_name || ': ' || counted.core_slots_filled::varchar || ' of ' || counted.core_slots::varchar
        || ' core topics have a figure; missing: ' || coalesce(counted.missing_slots, 'none')
        || '; ' || coverage.indicators_reported::varchar || ' indicators in all' as explanation,
        counted.core_slots_filled
    from coverage
    inner join counted
        on counted.region_code = coverage.region_code
        and counted.year = coverage.year
    left join documents on documents.doc_id = coverage.doc_id
)

select * from final
