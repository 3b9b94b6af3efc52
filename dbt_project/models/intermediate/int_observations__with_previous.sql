-- Each observation next to the same reporter's previous reported year for the same indicator (the
-- last earlier year with a value, however many years back: not every year's report is loaded).
{{ incremental_by_reporter() }}
with observations as (
    select * from {{ ref('int_observations__corrected') }}
    where period = 'report' {{ changed_reporters_only() }}
),

with_previous as (
    select
        reporter_id,
        region_code,
        region_name,
        region_level,
        department,
        indicator_code,
        report_year,
        value,
        unit,
        qualifier,
        status,
        doc_id,
        lag(report_year) over by_year as previous_year,
        lag(value) over by_year as previous_value,
        lag(unit) over by_year as previous_unit,
        lag(qualifier) over by_year as previous_qualifier,
        lag(doc_id) over by_year as previous_doc_id
    from observations
    window by_year as (
        partition by reporter_id, indicator_code
        order by report_year
    )
),

final as (
    select * from with_previous
)

select * from final
