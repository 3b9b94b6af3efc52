-- Parts never exceed their total: successes, closed, corrected and passed counts against the count
-- they are part of. The pairs are every numerator/denominator of the catalog (seeds/indicators.csv)
-- plus the [part, total] pairs listed in expectations/thresholds.yml (order_pairs), whether or not the
-- report states a rate. Compared: the reporter-year's chosen statement of each, in the same unit; a
-- part's lower bound (exact or "余") against the total's upper bound (exact or "以内").
with reported as (
    select * from {{ ref('int_observations__reported') }}
    where period = 'report'
),

indicators as (
    select * from {{ ref('stg_reference__indicators') }}
),

pairs as (
    select * from {{ ref('int_checks__order_pairs') }}
),

compared as (
    select
        parts.reporter_id,
        parts.region_code,
        parts.region_name,
        parts.report_year,
        parts.doc_id,
        parts.file_name,
        parts.start_offset,
        parts.end_offset,
        parts.sentence as part_sentence,
        totals.sentence as total_sentence,
        pairs.part_code,
        pairs.total_code,
        pairs.pair_source,
        parts.surface as part_surface,
        totals.surface as total_surface,
        parts.value as part_value,
        totals.value as total_value,
        case when parts.qualifier in ('exact', 'at_least') then parts.value end as part_lower_bound,
        case when totals.qualifier in ('exact', 'at_most') then totals.value end as total_upper_bound
    from pairs
    inner join reported as parts on parts.indicator_code = pairs.part_code
    inner join reported as totals
        on totals.indicator_code = pairs.total_code
        and totals.reporter_id = parts.reporter_id
        and totals.report_year = parts.report_year
    where parts.unit = totals.unit
),

named as (
    select
        compared.*,
        coalesce(part_names.name_zh, compared.part_code) as part_name,
        coalesce(total_names.name_zh, compared.total_code) as total_name
    from compared
    left join indicators as part_names on part_names.indicator_code = compared.part_code
    left join indicators as total_names on total_names.indicator_code = compared.total_code
),

final as (
    select
        reporter_id || ':' || report_year || ':' || part_code || ':' || total_code as check_id,
        reporter_id,
        region_code,
        region_name,
        report_year,
        part_code || ', ' || total_code as indicator_codes,
        doc_id,
        file_name,
        start_offset,
        end_offset,
        case
            when total_sentence is null or total_sentence = part_sentence then part_sentence
            else part_sentence || ' … ' || total_sentence
        end as sentence,
        part_surface || ' of ' || total_surface as observed,
        '≤ ' || total_surface as expected,
        part_name || ' ' || part_surface || ' vs ' || total_name || ' ' || total_surface
        || ': the part ' || case when part_lower_bound > total_upper_bound then 'exceeds' else 'is within' end
        || ' its total (' || pair_source || ')' as explanation,
        part_value,
        total_value,
        pair_source,
        part_lower_bound - total_upper_bound as part_excess
    from named
)

select * from final
