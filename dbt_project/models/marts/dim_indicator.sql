with indicators as (
    select * from {{ ref('stg_reference__indicators') }}
),

final as (
    select
        indicator_code,
        name_zh,
        domain,
        kind,
        unit,
        numerator_code,
        denominator_code,
        description
    from indicators
)

select * from final
