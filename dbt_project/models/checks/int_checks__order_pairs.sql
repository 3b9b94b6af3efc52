-- The [part, total] indicator pairs the order rule checks and the breakdown rule uses to recognise a
-- part of another part: every numerator/denominator pair of the catalog (seeds/indicators.csv) plus
-- the pairs listed in expectations/thresholds.yml (order_pairs).
with indicators as (
    select * from {{ ref('stg_reference__indicators') }}
),

catalog_pairs as (
    select
        numerator_code as part_code,
        denominator_code as total_code,
        'catalog rate ' || indicator_code as pair_source
    from indicators
    where numerator_code is not null
        and denominator_code is not null
),

listed_pairs as (
    select
        part_code,
        total_code,
        'thresholds.yml order_pairs' as pair_source
    from ({{ rows_relation(var('order_pairs', []), ['part_code', 'total_code']) }}) as listed
),

all_pairs as (
    select * from catalog_pairs
    union all
    select * from listed_pairs
),

final as (
    select
        part_code,
        total_code,
        min(pair_source) as pair_source
    from all_pairs
    group by part_code, total_code
)

select * from final
