-- The best candidate of each reporter × year × indicator × period. Other exact figures of equal fit
-- (int_observations__equal_fit: the chosen one's unit and breakdown position, a different value) are its
-- alternatives; when one of them is in another sentence the report contradicts itself: conflict = true
-- (rule extraction.conflicting_statements). A statement made of parts of an unstated total is withheld
-- (int_observations__listed_parts).
{{ incremental_by_reporter() }}
with candidates as (
    select * from {{ ref('int_observations__candidates') }}
    where true {{ changed_reporters_only() }}
),

listed_parts as (
    select * from {{ ref('int_observations__listed_parts') }}
    where true {{ changed_reporters_only() }}
),

chosen as (
    select candidates.*
    from candidates
    left join listed_parts
        on listed_parts.reporter_id = candidates.reporter_id
        and listed_parts.report_year = candidates.report_year
        and listed_parts.indicator_code = candidates.indicator_code
        and listed_parts.period = candidates.period
    where candidates.candidate_rank = 1
        and listed_parts.reporter_id is null
),

equal_fit as (
    select * from {{ ref('int_observations__equal_fit') }}
    where true {{ changed_reporters_only() }}
),

alternatives as (
    select
        reporter_id,
        report_year,
        indicator_code,
        period,
        bool_or(not is_same_sentence) as conflict,
        count(distinct value) as alternative_count,
        {{ list_agg_sorted(number_text('value') ~ " || ' (' || surface || ')'", 'start_offset') }} as alternatives
    from equal_fit
    group by reporter_id, report_year, indicator_code, period
),

final as (
    select
        chosen.*,
        coalesce(alternatives.conflict, false) as conflict,
        coalesce(alternatives.alternative_count, 0) as alternative_count,
        alternatives.alternatives
    from chosen
    left join alternatives
        on alternatives.reporter_id = chosen.reporter_id
        and alternatives.report_year = chosen.report_year
        and alternatives.indicator_code = chosen.indicator_code
        and alternatives.period = chosen.period
)

select * from final
