-- Which copy of a report the marts use: a pure function of the documents and the analyst's picks,
-- never of load order or history. Same normalised text = same document (mirror copies and
-- re-encodings collapse to the copy with the smallest doc_id); among different versions of one
-- reporter-year: an analyst's pick in seeds/document_choices.csv, else the latest publish date,
-- else the longest text, else the smallest content hash. version_choice_basis says which decided.
with documents as (
    select * from {{ ref('stg_raw__documents') }}
),

choices as (
    select * from {{ ref('stg_reference__document_choices') }}
),

content_copies as (
    select
        *,
        row_number() over (
            partition by content_hash
            order by doc_id
        ) as content_copy_rank,
        first_value(doc_id) over (
            partition by content_hash
            order by doc_id
        ) as same_as_doc_id
    from documents
),

distinct_content as (
    select * from content_copies
    where content_copy_rank = 1
),

ranked as (
    select
        distinct_content.doc_id,
        row_number() over (
            partition by distinct_content.reporter_id, distinct_content.report_year
            order by
                (choices.doc_id is not null) desc,
                distinct_content.publish_date desc nulls last,
                distinct_content.text_length desc,
                distinct_content.content_hash asc
        ) as version_rank,
        count(*) over (partition by distinct_content.reporter_id, distinct_content.report_year) as version_count,
        choices.doc_id is not null as is_analyst_choice,
        distinct_content.reporter_id,
        distinct_content.report_year,
        distinct_content.publish_date,
        distinct_content.text_length
    from distinct_content
    left join choices on choices.doc_id = distinct_content.doc_id
),

runner_up as (
    select
        reporter_id,
        report_year,
        publish_date,
        text_length
    from ranked
    where version_rank = 2
),

bases as (
    select
        ranked.doc_id,
        case
            when ranked.version_count = 1 then 'only version'
            when ranked.is_analyst_choice then 'analyst choice'
            when ranked.publish_date is not null and runner_up.publish_date is null then 'latest publish date'
            when ranked.publish_date > runner_up.publish_date then 'latest publish date'
            when ranked.text_length > runner_up.text_length then 'longest text'
            else 'smallest content hash'
        end as version_choice_basis
    from ranked
    left join runner_up
        on runner_up.reporter_id is not distinct from ranked.reporter_id
        and runner_up.report_year is not distinct from ranked.report_year
    where ranked.version_rank = 1
),

final as (
    select
        content_copies.*,
        content_copies.content_copy_rank > 1 as is_duplicate_content,
        ranked.version_rank,
        coalesce(ranked.version_count, 0) as version_count,
        coalesce(ranked.is_analyst_choice, false) as is_analyst_choice,
        coalesce(ranked.version_rank = 1, false) as is_chosen_version,
        bases.version_choice_basis
    from content_copies
    left join ranked on ranked.doc_id = content_copies.doc_id
    left join bases on bases.doc_id = content_copies.doc_id
)

select * from final
