-- Reported and derived observations with analysts' corrections (seeds/corrections.csv) applied;
-- the original value is kept beside the corrected one.
with reported as (
    select * from {{ ref('int_observations__reported') }}
),

derived as (
    select * from {{ ref('int_observations__derived') }}
    where is_derived
),

documents as (
    select * from {{ ref('int_documents__versions') }}
    where is_chosen_version
),

corrections as (
    select * from {{ ref('stg_reference__corrections') }}
),

observations as (
    select
        reporter_id,
        region_code,
        region_name,
        region_level,
        department,
        report_year,
        indicator_code,
        value,
        unit,
        qualifier,
        period,
        doc_id,
        start_offset,
        end_offset,
        surface,
        sentence,
        extractor_version,
        measure,
        indicator_score,
        'reported' as base_status,
        null::double as recomputed_value
    from reported
    union all
    select
        derived.reporter_id,
        documents.region_code,
        documents.region_name,
        documents.region_level,
        documents.department,
        derived.report_year,
        derived.indicator_code,
        derived.recomputed_value as value,
        '%' as unit,
        'exact' as qualifier,
        'report' as period,
        derived.doc_id,
        null as start_offset,
        null as end_offset,
        null as surface,
        null as sentence,
        documents.extractor_version,
        null as measure,
        null::double as indicator_score,
        'derived' as base_status,
        derived.recomputed_value
    from derived
    inner join documents on documents.doc_id = derived.doc_id
),

stated_rates as (
    select * from {{ ref('int_observations__derived') }}
    where not is_derived
),

final as (
    select
        observations.reporter_id,
        observations.region_code,
        observations.region_name,
        observations.region_level,
        observations.department,
        observations.report_year,
        observations.indicator_code,
        coalesce(corrections.corrected_value, observations.value) as value,
        observations.value as original_value,
        coalesce(observations.recomputed_value, stated_rates.recomputed_value) as recomputed_value,
        observations.unit,
        observations.qualifier,
        observations.period,
        case when corrections.corrected_value is not null then 'corrected' else observations.base_status end as status,
        corrections.reason as correction_reason,
        corrections.author as correction_author,
        observations.doc_id,
        observations.start_offset,
        observations.end_offset,
        observations.surface,
        observations.sentence,
        observations.extractor_version,
        observations.measure,
        observations.indicator_score
    from observations
    left join stated_rates
        on stated_rates.reporter_id = observations.reporter_id
        and stated_rates.report_year = observations.report_year
        and stated_rates.indicator_code = observations.indicator_code
    left join corrections
        on corrections.reporter_id = observations.reporter_id
        and corrections.report_year = observations.report_year
        and corrections.indicator_code = observations.indicator_code
)

select * from final
