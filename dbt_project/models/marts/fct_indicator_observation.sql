-- The long fact table: one row per reporter (region, or region + department) × year × indicator.
with observations as (
    select * from {{ ref('int_observations__corrected') }}
),

indicators as (
    select * from {{ ref('stg_reference__indicators') }}
),

final as (
    select
        -- grain
        observations.reporter_id,
        observations.report_year,
        observations.indicator_code,
        -- who
        observations.region_code,
        observations.region_name,
        observations.region_level,
        observations.department,
        (
            observations.region_code is not null
            and observations.region_level in ('county', 'functional_zone')
            and observations.department is null
        ) as is_county_level,
        -- what
        indicators.domain,
        indicators.name_zh as indicator_name_zh,
        observations.value,
        observations.original_value,
        observations.recomputed_value,
        observations.unit,
        observations.qualifier,
        observations.period,
        observations.status,
        observations.correction_reason,
        observations.correction_author,
        -- where it was said
        observations.doc_id,
        observations.start_offset,
        observations.end_offset,
        observations.surface,
        observations.sentence,
        observations.extractor_version,
        observations.measure,
        observations.indicator_score
    from observations
    inner join indicators on indicators.indicator_code = observations.indicator_code
)

select * from final
