-- Each observation next to the same reporter's previous reported year for the same indicator.
with observations as (
    select * from {{ ref('int_observations__corrected') }}
),

ordered as (
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
        status,
        doc_id,
        lag(report_year) over (partition by reporter_id, indicator_code order by report_year) as previous_year,
        lag(value) over (partition by reporter_id, indicator_code order by report_year) as previous_value,
        lag(doc_id) over (partition by reporter_id, indicator_code order by report_year) as previous_doc_id
    from observations
),

final as (
    select * from ordered
)

select * from final
