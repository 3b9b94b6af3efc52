with source as (
    select * from {{ ref('corrections') }}
),

final as (
    select
        case
            when nullif(trim(department), '') is null then region_code
            else region_code || ':' || trim(department)
        end as reporter_id,
        year as report_year,
        indicator_code,
        value as corrected_value,
        reason,
        author
    from source
)

select * from final
