-- Year-over-year change of a count or amount beyond a factor (thresholds.yml yoy_factor: x3 up or
-- down), compared like for like (same unit, both exact; marts.fct_indicator_change) with the same
-- reporter's previous report at most yoy_max_years_between years earlier, and only when either
-- value reaches yoy_min_value (small counts jump naturally). A change from or to zero counts as
-- beyond any factor. Rates are left out: a rate is bounded and its moves are not multiplicative.
with changes as (
    select * from {{ ref('fct_indicator_change') }}
),

observations as (
    select * from {{ ref('fct_indicator_observation') }}
    where period = 'report'
),

documents as (
    select * from {{ ref('dim_document') }}
),

candidates as (
    select
        changes.*,
        greatest(changes.value, changes.previous_value) / nullif(least(changes.value, changes.previous_value), 0)
            as ratio
    from changes
    where changes.is_like_for_like
        and changes.indicator_kind in ('count', 'amount')
        and changes.years_between <= {{ var('yoy_max_years_between', 2) }}
        and greatest(changes.value, changes.previous_value) >= {{ var('yoy_min_value', 20) }}
        and least(changes.value, changes.previous_value) >= 0
),

final as (
    select
        candidates.reporter_id || ':' || candidates.report_year || ':' || candidates.indicator_code as check_id,
        candidates.reporter_id,
        candidates.region_code,
        candidates.region_name,
        candidates.report_year,
        candidates.indicator_code as indicator_codes,
        candidates.doc_id,
        documents.file_name,
        current_statement.start_offset,
        current_statement.end_offset,
        current_statement.sentence,
        coalesce(current_statement.surface, {{ number_text('candidates.value') }}) as observed,
        'within x{{ var('yoy_factor', 3.0) }} of ' || candidates.previous_year::varchar || ': '
        || coalesce(previous_statement.surface, {{ number_text('candidates.previous_value') }}) as expected,
        candidates.previous_year::varchar || ': '
        || coalesce(previous_statement.surface, {{ number_text('candidates.previous_value') }})
        || ' → ' || candidates.report_year::varchar || ': '
        || coalesce(current_statement.surface, {{ number_text('candidates.value') }})
        || case
            when candidates.ratio is null then ' (from or to zero)'
            else ' (x' || {{ number_text('candidates.value / candidates.previous_value', 2) }} || ')'
        end
        || coalesce(
            '; ' || candidates.previous_year::varchar || ' said: ' || previous_statement.sentence, ''
        ) as explanation,
        candidates.value,
        candidates.previous_value,
        candidates.previous_year,
        -- the larger value over the smaller; 1e9 stands for a change from or to zero
        coalesce(candidates.ratio, 1e9) as change_factor
    from candidates
    left join observations as current_statement
        on current_statement.reporter_id = candidates.reporter_id
        and current_statement.report_year = candidates.report_year
        and current_statement.indicator_code = candidates.indicator_code
    left join observations as previous_statement
        on previous_statement.reporter_id = candidates.reporter_id
        and previous_statement.report_year = candidates.previous_year
        and previous_statement.indicator_code = candidates.indicator_code
    left join documents on documents.doc_id = candidates.doc_id
)

select * from final
