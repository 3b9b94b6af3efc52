-- Every classified quantity of a chosen document that can be published: the report year's figures
-- (period report) and standing stocks (period stock), each its own observation. A before figure of a
-- before→after pair (before_of) is never a candidate: the after figure is the year's value. When a
-- report states one indicator more than once, all statements stay visible here, ranked by fit, not by
-- position: the indicator's own unit (seeds/indicators.csv) first, then an exact figure before an
-- approximate one, then a figure that is not a part of a 其中 breakdown before a part; the earlier
-- statement only breaks a tie of equal fit.
{{ incremental_by_reporter() }}
with located as (
    select * from {{ ref('int_facts__located') }}
    where indicator_code is not null {{ changed_reporters_only() }}
        and period in ('report', 'stock')
        and before_of is null
        and report_year is not null
),

indicators as (
    select * from {{ ref('stg_reference__indicators') }}
),

scored as (
    select
        located.*,
        indicators.unit as indicator_unit,
        coalesce(located.unit = indicators.unit, false) as is_indicator_unit,
        located.qualifier = 'exact' as is_exact,
        located.breakdown_of is not null as is_breakdown_part
    from located
    left join indicators on indicators.indicator_code = located.indicator_code
),

final as (
    select
        *,
        row_number() over (
            partition by reporter_id, report_year, indicator_code, period
            order by is_indicator_unit desc, is_exact desc, is_breakdown_part asc, start_offset asc
        ) as candidate_rank,
        count(*) over (partition by reporter_id, report_year, indicator_code, period) as candidate_count
    from scored
)

select * from final
