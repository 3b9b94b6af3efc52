-- An indicator a county-level region reported (stated, not derived) in one year's report and no
-- longer states in the next year's report. Only region-years with a chosen report for the next year
-- are considered (a missing report is not a dropped indicator); one row per indicator stated the
-- year before, flagged when the next report does not state it.
with observations as (
    select * from {{ ref('fct_indicator_observation') }}
    where is_county_level
        and period = 'report'
),

coverage as (
    select * from {{ ref('mart_region_year_coverage') }}
),

documents as (
    select * from {{ ref('dim_document') }}
),

stated_before as (
    select * from observations
    where status <> 'derived'
),

followed as (
    select
        stated_before.*,
        coverage.year as next_year,
        coverage.doc_id as next_doc_id
    from stated_before
    inner join coverage
        on coverage.region_code = stated_before.region_code
        and coverage.year = stated_before.report_year + 1
),

final as (
    select
        followed.region_code || ':' || followed.next_year || ':' || followed.indicator_code as check_id,
        followed.reporter_id,
        followed.region_code,
        followed.region_name,
        followed.next_year as report_year,
        followed.indicator_code as indicator_codes,
        followed.next_doc_id as doc_id,
        documents.file_name,
        -- no offsets: the document is the next year's, where the figure is missing; the sentence
        -- quoted is the earlier report's statement (its file and offset are in the explanation)
        null::integer as start_offset,
        null::integer as end_offset,
        followed.sentence,
        coalesce(
            next_statement.surface,
            {{ number_text('next_statement.value') }},
            'not stated in ' || followed.next_year::varchar
        ) as observed,
        'stated, as in ' || followed.report_year::varchar
        || ' (' || coalesce(followed.surface, {{ number_text('followed.value') }}) || ')' as expected,
        coalesce(followed.indicator_name_zh, followed.indicator_code) || ': '
        || followed.report_year::varchar || ' report: '
        || coalesce(followed.surface, {{ number_text('followed.value') }}) || '; '
        || followed.next_year::varchar || ' report ('
        || coalesce(documents.file_name, followed.next_doc_id) || '): '
        || case when next_statement.indicator_code is null then 'not stated' else 'stated' end
        || '. The sentence quoted is from the ' || followed.report_year::varchar || ' report ('
        || coalesce(previous_documents.file_name, followed.doc_id)
        || coalesce(' @ ' || followed.start_offset::varchar, '') || ').' as explanation,
        followed.report_year as previous_year,
        next_statement.indicator_code is not null as is_stated_next_year
    from followed
    left join observations as next_statement
        on next_statement.region_code = followed.region_code
        and next_statement.report_year = followed.next_year
        and next_statement.indicator_code = followed.indicator_code
    left join documents on documents.doc_id = followed.next_doc_id
    left join documents as previous_documents on previous_documents.doc_id = followed.doc_id
)

select * from final
