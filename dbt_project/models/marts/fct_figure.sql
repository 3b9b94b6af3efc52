-- Every figure of every chosen document version: one row per raw fact, coded or not, published in
-- fct_indicator_observation or not (not_published_reason says why, from fct_figure_not_published).
-- The analysts' view of what the extractor read, with the measure phrase and the classifier's score.
{{ incremental_by_reporter() }}
with facts as (
    select * from {{ ref('int_facts__located') }}
    where true {{ changed_reporters_only() }}
),

not_published as (
    select * from {{ ref('fct_figure_not_published') }}
),

final as (
    select
        -- grain
        facts.doc_id,
        facts.start_offset,
        facts.end_offset,
        -- who and when
        facts.file_name,
        facts.reporter_id,
        facts.region_code,
        facts.region_name,
        facts.region_level,
        facts.department,
        facts.report_year,
        -- the quantity
        facts.surface,
        facts.value,
        facts.value_high,
        facts.unit,
        facts.qualifier,
        facts.kind,
        facts.period,
        -- what it measures
        facts.measure,
        facts.indicator_code,
        facts.indicator_score,
        facts.code_reason,
        facts.code_status,
        not_published.reason as not_published_reason,
        -- where it was said
        facts.section,
        facts.sentence,
        facts.extractor_version
    from facts
    left join not_published
        on
        not_published.doc_id = facts.doc_id
        and not_published.start_offset = facts.start_offset
        and not_published.end_offset = facts.end_offset
)

select * from final
