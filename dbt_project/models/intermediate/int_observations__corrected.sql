-- Reported and derived observations with analysts' corrections (seeds/corrections.csv) applied:
-- replace swaps the value (the original is kept beside it), remove drops the observation (it is listed
-- in fct_figure_not_published), add publishes a figure the extraction missed, quoting the analyst's
-- sentence. A correction that matches nothing changes nothing here and is an error finding
-- (int_checks__corrections).
{{ incremental_by_reporter() }}
with observations as (
    select * from {{ ref('int_observations__uncorrected') }}
    where true {{ changed_reporters_only() }}
),

documents as (
    select * from {{ ref('int_documents__versions') }}
    where is_chosen_version {{ changed_reporters_only() }}
),

corrections as (
    select * from {{ ref('stg_reference__corrections') }}
),

added as (
    -- figures an analyst adds for a reporter-year with a chosen report that has no such observation
    select
        corrections.reporter_id,
        documents.region_code,
        documents.region_name,
        documents.region_level,
        documents.department,
        corrections.report_year,
        corrections.indicator_code,
        corrections.corrected_value as value,
        corrections.unit,
        'exact' as qualifier,
        corrections.period,
        documents.doc_id,
        null as start_offset,
        null as end_offset,
        null as surface,
        corrections.sentence,
        documents.extractor_version,
        null as measure,
        null::double as indicator_score,
        'corrected' as base_status,
        null::double as recomputed_value,
        false as conflict,
        null as alternatives,
        null as formula,
        null::double as numerator_value,
        null::double as denominator_value,
        null as numerator_sentence,
        null as denominator_sentence
    from corrections
    inner join documents
        on documents.reporter_id = corrections.reporter_id
        and documents.report_year = corrections.report_year
    left join observations
        on observations.reporter_id = corrections.reporter_id
        and observations.report_year = corrections.report_year
        and observations.indicator_code = corrections.indicator_code
        and observations.period = corrections.period
    where corrections.action = 'add'
        and observations.reporter_id is null
),

stated_rates as (
    select * from {{ ref('int_observations__derived') }}
    where not is_derived {{ changed_reporters_only() }}
),

all_observations as (
    select * from observations
    union all
    select * from added
),

applied as (
    select
        all_observations.*,
        corrections.action as correction_action,
        corrections.corrected_value,
        corrections.reason as correction_reason,
        corrections.author as correction_author,
        corrections.correction_date
    from all_observations
    left join corrections
        on corrections.reporter_id = all_observations.reporter_id
        and corrections.report_year = all_observations.report_year
        and corrections.indicator_code = all_observations.indicator_code
        and corrections.period = all_observations.period
        and (corrections.action <> 'add' or all_observations.base_status = 'corrected')
),

final as (
    select
        applied.reporter_id,
        applied.region_code,
        applied.region_name,
        applied.region_level,
        applied.department,
        applied.report_year,
        applied.indicator_code,
        case when applied.correction_action = 'replace' then applied.corrected_value else applied.value end as value,
        case when applied.correction_action = 'add' then null else applied.value end as original_value,
        coalesce(applied.recomputed_value, stated_rates.recomputed_value) as recomputed_value,
        applied.unit,
        applied.qualifier,
        applied.period,
        case when applied.correction_action is not null then 'corrected' else applied.base_status end as status,
        applied.correction_action,
        applied.correction_reason,
        applied.correction_author,
        applied.correction_date,
        applied.conflict,
        applied.alternatives,
        coalesce(applied.formula, stated_rates.formula) as formula,
        coalesce(applied.numerator_value, stated_rates.numerator_value) as numerator_value,
        coalesce(applied.denominator_value, stated_rates.denominator_value) as denominator_value,
        coalesce(applied.numerator_sentence, stated_rates.numerator_sentence) as numerator_sentence,
        coalesce(applied.denominator_sentence, stated_rates.denominator_sentence) as denominator_sentence,
        applied.doc_id,
        applied.start_offset,
        applied.end_offset,
        applied.surface,
        applied.sentence,
        applied.extractor_version,
        applied.measure,
        applied.indicator_score
    from applied
    left join stated_rates
        on stated_rates.reporter_id = applied.reporter_id
        and stated_rates.report_year = applied.report_year
        and stated_rates.indicator_code = applied.indicator_code
        and applied.period = 'report'
    where applied.correction_action is distinct from 'remove'
)

select * from final
