-- Every classified report-year quantity of a chosen document: when a report states one indicator
-- more than once, all statements stay visible here, ranked by the choice rule: an exact figure before
-- an approximate one, then the first statement in the text (summaries come before details).
with located as (
    select * from {{ ref('int_facts__located') }}
    where indicator_code is not null
        and period = 'report'
        and report_year is not null
),

final as (
    select
        *,
        row_number() over (
            partition by reporter_id, report_year, indicator_code
            order by case qualifier when 'exact' then 0 else 1 end, start_offset
        ) as candidate_rank,
        count(*) over (partition by reporter_id, report_year, indicator_code) as candidate_count
    from located
)

select * from final
