with regions as (
    select * from {{ ref('stg_reference__regions') }}
),

final as (
    select
        regions.region_code,
        regions.region_name,
        regions.level,
        regions.is_functional_zone,
        regions.prefecture_code,
        prefectures.region_name as prefecture_name,
        regions.province_code,
        provinces.region_name as province_name
    from regions
    left join regions as prefectures
        on prefectures.region_code = regions.prefecture_code
        and not prefectures.is_functional_zone
    left join regions as provinces
        on provinces.region_code = regions.province_code
        and not provinces.is_functional_zone
)

select * from final
