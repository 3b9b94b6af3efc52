-- Rates recomputed from their own numerator and denominator counts (catalog numerator/denominator).
-- A rate the report did not state becomes a derived observation; a stated one gets the recomputed
-- value beside it.
with reported as (
    select * from {{ ref('int_observations__reported') }}
),

indicators as (
    select * from {{ ref('stg_reference__indicators') }}
    where numerator_code is not null and denominator_code is not null
),

recomputed as (
    select
        numerators.reporter_id,
        numerators.report_year,
        indicators.indicator_code,
        numerators.value as numerator_value,
        denominators.value as denominator_value,
        {{ percent_of('numerators.value', 'denominators.value') }} as recomputed_value,
        numerators.doc_id
    from indicators
    inner join reported as numerators on numerators.indicator_code = indicators.numerator_code
    inner join reported as denominators
        on denominators.indicator_code = indicators.denominator_code
        and denominators.reporter_id = numerators.reporter_id
        and denominators.report_year = numerators.report_year
),

final as (
    select
        recomputed.*,
        reported.value as reported_value,
        reported.value is null as is_derived
    from recomputed
    left join reported
        on reported.reporter_id = recomputed.reporter_id
        and reported.report_year = recomputed.report_year
        and reported.indicator_code = recomputed.indicator_code
    where recomputed.recomputed_value is not null
)

select * from final
