with source as (
    select * from {{ ref('corrections') }}
),

renamed as (
    select
        case
            when nullif(trim(department), '') is null then region_code
            else region_code || ':' || trim(department)
        end as reporter_id,
        year as report_year,
        indicator_code,
        coalesce(nullif(lower(trim(period)), ''), 'report') as period,
        coalesce(nullif(lower(trim(action)), ''), 'replace') as action,
        value as corrected_value,
        nullif(trim(unit), '') as unit,
        nullif(trim(sentence), '') as sentence,
        reason,
        author,
        date as correction_date
    from source
),

final as (
    select
        reporter_id || ':' || report_year || ':' || indicator_code || ':' || period as correction_id,
        *
    from renamed
)

select * from final
