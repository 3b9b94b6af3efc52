-- Every extracted figure that has no row of its own in fct_indicator_observation, with the reason:
-- nothing is dropped silently. Figures of copies and of versions the marts do not use; of a document
-- without a report year; without an indicator code (code_reason says why) or with a code the catalog
-- does not have; of an earlier period (prior) or a plan; before figures of a before→after pair whose
-- after figure is not published (a published one shows it as before_value); statements that lost to a
-- better-fitting statement of the same indicator; figures an analyst removed. One row per figure.
{{ incremental_by_reporter() }}
with facts as (
    select * from {{ ref('stg_raw__facts') }}
),

documents as (
    select * from {{ ref('int_documents__versions') }}
    where true {{ changed_reporters_only() }}
),

indicators as (
    select * from {{ ref('stg_reference__indicators') }}
),

candidates as (
    select * from {{ ref('int_observations__candidates') }}
    where true {{ changed_reporters_only() }}
),

observations as (
    select * from {{ ref('fct_indicator_observation') }}
    where true {{ changed_reporters_only() }}
),

listed_parts as (
    select * from {{ ref('int_observations__listed_parts') }}
    where true {{ changed_reporters_only() }}
),

published as (
    select distinct
        doc_id,
        start_offset
    from observations
    where start_offset is not null
),

published_afters as (
    select distinct
        doc_id,
        start_offset
    from observations
    where before_value is not null
),

classified as (
    select
        facts.*,
        documents.reporter_id,
        documents.region_code,
        documents.region_name,
        documents.report_year,
        documents.file_name,
        candidates.candidate_rank,
        winners.surface as published_surface,
        winners.start_offset as published_start_offset,
        case
            when documents.is_duplicate_content then 'duplicate document copy'
            when not documents.is_chosen_version then 'not the chosen version'
            when documents.report_year is null then 'no report year'
            when facts.indicator_code is null then 'no indicator code'
            when indicators.indicator_code is null then 'indicator not in the catalog'
            when facts.before_of is not null then 'before figure of an unpublished after figure'
            when facts.period = 'plan' then 'plan'
            when facts.period = 'prior' then 'prior'
            when listed_parts.withheld_reason is not null then listed_parts.withheld_reason
            when candidates.candidate_rank > 1 then 'lost to a better statement'
            when candidates.candidate_rank = 1 then 'removed by correction'
            else 'not a candidate (period ' || facts.period || ')'
        end as reason
    from facts
    inner join documents on documents.doc_id = facts.doc_id
    left join indicators on indicators.indicator_code = facts.indicator_code
    left join candidates
        on candidates.doc_id = facts.doc_id
        and candidates.start_offset = facts.start_offset
        and candidates.end_offset = facts.end_offset
    left join candidates as winners
        on winners.reporter_id = candidates.reporter_id
        and winners.report_year = candidates.report_year
        and winners.indicator_code = candidates.indicator_code
        and winners.period = candidates.period
        and winners.candidate_rank = 1
        and candidates.candidate_rank > 1
    left join listed_parts
        on listed_parts.reporter_id = candidates.reporter_id
        and listed_parts.report_year = candidates.report_year
        and listed_parts.indicator_code = candidates.indicator_code
        and listed_parts.period = candidates.period
    left join published
        on published.doc_id = facts.doc_id
        and published.start_offset = facts.start_offset
    left join published_afters
        on published_afters.doc_id = facts.doc_id
        and published_afters.start_offset = facts.before_of
    where published.doc_id is null
        and published_afters.doc_id is null
),

final as (
    select
        doc_id,
        start_offset,
        end_offset,
        file_name,
        reporter_id,
        region_code,
        region_name,
        report_year,
        reason,
        published_surface,
        published_start_offset,
        surface,
        value,
        unit,
        qualifier,
        kind,
        period,
        indicator_code,
        measure,
        code_reason,
        code_status,
        section,
        sentence
    from classified
)

select * from final
