-- One row per analyst's correction (seeds/corrections.csv) with what it matched: replace and remove
-- must find the observation they name (reporter, year, indicator, period) in the chosen report; add
-- must find the reporter-year's chosen report and no observation there already (else it is a replace).
-- A correction that matches nothing would silently change nothing.
with corrections as (
    select * from {{ ref('stg_reference__corrections') }}
),

documents as (
    select * from {{ ref('int_documents__versions') }}
    where is_chosen_version
),

-- the observations int_observations__corrected applies the corrections to
observations as (
    select * from {{ ref('int_observations__uncorrected') }}
),

matched as (
    select
        corrections.*,
        documents.doc_id,
        documents.file_name,
        documents.region_code,
        documents.region_name,
        observations.value as observed_value,
        observations.surface as observed_surface,
        observations.start_offset,
        observations.end_offset,
        observations.sentence as observed_sentence,
        case
            when corrections.action not in ('replace', 'add', 'remove') then 0
            when documents.doc_id is null then 0
            when corrections.action = 'add' and observations.reporter_id is null then 1
            when corrections.action = 'add' then 0
            when observations.reporter_id is not null then 1
            else 0
        end as matched_count
    from corrections
    left join documents
        on documents.reporter_id = corrections.reporter_id
        and documents.report_year = corrections.report_year
    left join observations
        on observations.reporter_id = corrections.reporter_id
        and observations.report_year = corrections.report_year
        and observations.indicator_code = corrections.indicator_code
        and observations.period = corrections.period
),

final as (
    select
        correction_id as check_id,
        reporter_id,
        region_code,
        region_name,
        report_year,
        indicator_code as indicator_codes,
        doc_id,
        file_name,
        start_offset,
        end_offset,
        coalesce(observed_sentence, sentence) as sentence,
        case
            when doc_id is null then 'no chosen report for ' || reporter_id || ' ' || report_year::varchar
            when action = 'add' and observed_value is not null
                then 'already published: ' || coalesce(observed_surface, {{ number_text('observed_value') }})
            when action = 'add' then 'not published'
            when observed_value is null then 'no ' || period || ' observation of ' || indicator_code
            else 'published: ' || coalesce(observed_surface, {{ number_text('observed_value') }})
        end as observed,
        case
            when action = 'add' then 'a chosen report without ' || indicator_code || ' (' || period || ')'
            else 'an observation of ' || indicator_code || ' (' || period || ') to ' || action
        end as expected,
        'seeds/corrections.csv: ' || action || ' ' || reporter_id || ' ' || report_year::varchar || ' '
        || indicator_code || ' (' || period || ')' || coalesce(' = ' || {{ number_text('corrected_value') }}, '')
        || ' by ' || coalesce(author, '?') || coalesce(' on ' || correction_date::varchar, '') || ' ('
        || coalesce(reason, 'no reason') || '): '
        || case when matched_count = 1 then 'applied' else 'matches nothing: it changes nothing' end as explanation,
        action,
        matched_count
    from matched
)

select * from final
