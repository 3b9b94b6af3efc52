-- Which copy of a report the marts use. Same normalised text = same document (mirror copies and
-- re-encodings collapse to the first ingested copy); among different versions of one reporter-year
-- the rule is: an analyst's pick in seeds/document_choices.csv, else the latest publish date,
-- else the latest ingested.
with documents as (
    select * from {{ ref('stg_raw__documents') }}
),

choices as (
    select * from {{ ref('stg_reference__document_choices') }}
),

content_copies as (
    select
        *,
        row_number() over (partition by content_hash order by ingested_at, doc_id) as content_copy_rank,
        first_value(doc_id) over (partition by content_hash order by ingested_at, doc_id) as same_as_doc_id
    from documents
),

distinct_content as (
    select * from content_copies where content_copy_rank = 1
),

ranked as (
    select
        distinct_content.doc_id,
        row_number() over (
            partition by distinct_content.reporter_id, distinct_content.report_year
            order by
                (choices.doc_id is not null) desc,
                distinct_content.publish_date desc nulls last,
                distinct_content.ingested_at desc,
                distinct_content.doc_id
        ) as version_rank,
        count(*) over (partition by distinct_content.reporter_id, distinct_content.report_year) as version_count,
        choices.doc_id is not null as is_analyst_choice
    from distinct_content
    left join choices on choices.doc_id = distinct_content.doc_id
),

final as (
    select
        content_copies.*,
        content_copies.content_copy_rank > 1 as is_duplicate_content,
        ranked.version_rank,
        coalesce(ranked.version_count, 0) as version_count,
        coalesce(ranked.is_analyst_choice, false) as is_analyst_choice,
        coalesce(ranked.version_rank = 1, false) as is_chosen_version
    from content_copies
    left join ranked on ranked.doc_id = content_copies.doc_id
)

select * from final
