-- Reported and derived observations before analysts' corrections: the one set of observations that
-- int_observations__corrected applies seeds/corrections.csv to and int_checks__corrections matches each
-- correction against, so the check reports exactly what the correction step does.
{{ incremental_by_reporter() }}
with reported as (
    select * from {{ ref('int_observations__reported') }}
    where true {{ changed_reporters_only() }}
),

derived as (
    select * from {{ ref('int_observations__derived') }}
    where is_derived {{ changed_reporters_only() }}
),

documents as (
    select * from {{ ref('int_documents__versions') }}
    where is_chosen_version {{ changed_reporters_only() }}
),

final as (
    select
        reporter_id,
        region_code,
        region_name,
        region_level,
        department,
        report_year,
        indicator_code,
        -- a change whose indicator names its direction (压减率, reduced by, places dropped) is the size of the
        -- change: "压减41.7%" is a reduction rate of 41.7, whatever sign the extractor gives a decrease
        case
            when direction = 'down'
                and (
                    indicator_code like '%reduction%'
                    or indicator_code like '%reduced%'
                    or indicator_code like '%dropped%'
                )
                then abs(value)
            else value
        end as value,
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
        null::double as recomputed_value,
        conflict,
        alternatives,
        null as formula,
        null::double as numerator_value,
        null::double as denominator_value,
        null as numerator_sentence,
        null as denominator_sentence
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
        derived.recomputed_value,
        false as conflict,
        null as alternatives,
        derived.formula,
        derived.numerator_value,
        derived.denominator_value,
        derived.numerator_sentence,
        derived.denominator_sentence
    from derived
    inner join documents on documents.doc_id = derived.doc_id
)

select * from final
