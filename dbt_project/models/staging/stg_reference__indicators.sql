with source as (
    select * from {{ ref('indicators') }}
),

final as (
    select
        code as indicator_code,
        name_zh,
        domain,
        kind,
        unit,
        nullif(trim(numerator), '') as numerator_code,
        nullif(trim(denominator), '') as denominator_code,
        description
    from source
)

select * from final
