-- Change over time: per reporter × indicator × year, the previous reported year's value and the
-- absolute and relative change. The first year a reporter states an indicator has no row here.
with with_previous as (
    select * from {{ ref('int_observations__with_previous') }}
    where previous_year is not null
),

final as (
    select
        reporter_id,
        report_year,
        indicator_code,
        region_code,
        region_name,
        region_level,
        department,
        value,
        unit,
        previous_year,
        report_year - previous_year as years_between,
        previous_value,
        value - previous_value as change_absolute,
        case when previous_value <> 0 then (value - previous_value) / previous_value end as change_relative,
        status,
        doc_id,
        previous_doc_id
    from with_previous
)

select * from final
