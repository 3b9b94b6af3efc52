-- The other exact figures of equal fit of each exact chosen candidate (rank 1): same reporter, year,
-- indicator and period, the chosen one's unit and breakdown position, a different value. One row per such
-- figure. In the chosen one's sentence they may be parts of an unstated total (int_observations__listed_parts);
-- otherwise they are its alternatives, and in another sentence a conflict (int_observations__reported).
{{ incremental_by_reporter() }}
with candidates as (
    select * from {{ ref('int_observations__candidates') }}
    where true {{ changed_reporters_only() }}
),

chosen as (
    select * from candidates
    where candidate_rank = 1
        and is_exact
),

final as (
    select
        chosen.reporter_id,
        chosen.report_year,
        chosen.indicator_code,
        chosen.period,
        chosen.doc_id,
        chosen.start_offset as chosen_start_offset,
        chosen.value as chosen_value,
        chosen.kind as chosen_kind,
        candidates.start_offset,
        candidates.value,
        candidates.surface,
        coalesce(candidates.sentence = chosen.sentence, false) as is_same_sentence
    from chosen
    inner join candidates
        on candidates.reporter_id = chosen.reporter_id
        and candidates.report_year = chosen.report_year
        and candidates.indicator_code = chosen.indicator_code
        and candidates.period = chosen.period
        and candidates.candidate_rank > 1
        and candidates.is_exact
        and candidates.unit is not distinct from chosen.unit
        and candidates.is_breakdown_part = chosen.is_breakdown_part
        and candidates.value <> chosen.value
)

select * from final
