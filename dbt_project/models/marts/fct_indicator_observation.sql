-- The long fact table: one row per reporter (region, or region + department) × year × indicator ×
-- period (report: the year's figure; stock: a standing figure at year end). For the after figure of a
-- before→after pair ("由144个压减至84个"), the before figure (the fact whose before_of is its offset)
-- stands beside it, never in its place.
{{ incremental_by_reporter() }}
with observations as (
    select * from {{ ref('int_observations__corrected') }}
    where true {{ changed_reporters_only() }}
),

befores as (
    select
        doc_id,
        before_of,
        min(value) as before_value,
        min(surface) as before_surface
    from {{ ref('stg_raw__facts') }}
    where before_of is not null
    group by doc_id, before_of
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
        -- before→after
        befores.before_value,
        befores.before_surface,
        observations.value - befores.before_value as reduction,
        {{ percent_of('(observations.value - befores.before_value)', 'befores.before_value') }} as reduction_percent,
        -- several statements
        observations.conflict,
        observations.alternatives,
        -- derivation
        observations.formula,
        observations.numerator_value,
        observations.denominator_value,
        observations.numerator_sentence,
        observations.denominator_sentence,
        -- correction
        observations.correction_action,
        observations.correction_reason,
        observations.correction_author,
        observations.correction_date,
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
    left join befores
        on befores.doc_id = observations.doc_id
        and befores.before_of = observations.start_offset
)

select * from final
