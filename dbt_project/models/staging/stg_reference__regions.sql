with coded as (
    select
        region_code,
        name as region_name,
        level,
        prefecture_code,
        province_code,
        false as is_functional_zone
    from {{ ref('regions') }}
),

functional_zones as (
    -- zones that report like counties but have no GB/T 2260 code of their own
    select
        region_code,
        name as region_name,
        level,
        prefecture_code,
        province_code,
        true as is_functional_zone
    from {{ ref('regions_extra') }}
),

final as (
    select * from coded
    union all
    select * from functional_zones
)

select * from final
