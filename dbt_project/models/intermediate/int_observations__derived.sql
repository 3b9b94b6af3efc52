-- Rates recomputed from their own numerator and denominator counts (catalog numerator/denominator),
-- only when the text relates the two figures: the same sentence, a 其中 breakdown (one is a part of the
-- other, breakdown_of), or the same section with no other figure between them (one passage about one
-- object). Counts of different things stated apart ("优秀文件一份" and "50 本案卷") are never divided.
-- A rate the report did not state becomes a derived observation; a stated one gets the recomputed value
-- beside it. Each row says its formula and quotes both sentences.
{{ incremental_by_reporter() }}
with reported as (
    select * from {{ ref('int_observations__reported') }}
    where period = 'report' {{ changed_reporters_only() }}
),

located as (
    select * from {{ ref('int_facts__located') }}
    where true {{ changed_reporters_only() }}
),

indicators as (
    select * from {{ ref('stg_reference__indicators') }}
    where numerator_code is not null and denominator_code is not null
),

positions as (
    -- each quantity's place among the quantities of its document
    select
        doc_id,
        start_offset,
        row_number() over (
            partition by doc_id
            order by start_offset
        ) as fact_position
    from located
),

counts as (
    select
        reported.*,
        positions.fact_position
    from reported
    inner join positions
        on positions.doc_id = reported.doc_id
        and positions.start_offset = reported.start_offset
),

paired as (
    select
        numerators.reporter_id,
        numerators.report_year,
        indicators.indicator_code,
        indicators.numerator_code,
        indicators.denominator_code,
        numerators.value as numerator_value,
        denominators.value as denominator_value,
        numerators.sentence as numerator_sentence,
        denominators.sentence as denominator_sentence,
        case
            when numerators.sentence = denominators.sentence then 'same sentence'
            when numerators.breakdown_of = denominators.start_offset
                or denominators.breakdown_of = numerators.start_offset then 'breakdown'
            when numerators.section = denominators.section
                and abs(numerators.fact_position - denominators.fact_position) = 1 then 'same passage'
        end as relation,
        numerators.doc_id
    from indicators
    inner join counts as numerators on numerators.indicator_code = indicators.numerator_code
    inner join counts as denominators
        on denominators.indicator_code = indicators.denominator_code
        and denominators.reporter_id = numerators.reporter_id
        and denominators.report_year = numerators.report_year
        and denominators.doc_id = numerators.doc_id
),

recomputed as (
    select
        reporter_id,
        report_year,
        indicator_code,
        numerator_value,
        denominator_value,
        {{ percent_of('numerator_value', 'denominator_value') }} as recomputed_value,
        numerator_code || ' / ' || denominator_code || ' × 100' as formula,
        relation,
        numerator_sentence,
        denominator_sentence,
        doc_id
    from paired
    where relation is not null
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
