-- Parts stated in a breakdown ("共95件,其中会议纪要64件、一般性文件19件、政府合同12件") against their
-- total: the extractor links each part to its total (raw.facts.breakdown_of = the total's start
-- offset). Parts adding up to MORE than the total cannot be right. Parts adding up to less are normal
-- ("其中" often names some parts only) unless the breakdown looks complete: at least
-- breakdown_min_parts exact parts that account for at least breakdown_complete_share of the total
-- without reaching it. Only counts and amounts in the total's unit are added, and a part the
-- catalog places inside another part of the same breakdown (int_checks__order_pairs) is not added.
with located as (
    select * from {{ ref('int_facts__located') }}
),

pairs as (
    select * from {{ ref('int_checks__order_pairs') }}
),

linked_parts as (
    select * from located
    where breakdown_of is not null
),

nested_parts as (
    -- a part that is itself part of another part of the same breakdown ("其中已审结60件、正在审理
    -- 10件,纠错10件": the corrected cases are among the closed ones) is counted within that part
    select distinct
        inner_parts.doc_id,
        inner_parts.start_offset
    from linked_parts as inner_parts
    inner join linked_parts as outer_parts
        on outer_parts.doc_id = inner_parts.doc_id
        and outer_parts.breakdown_of = inner_parts.breakdown_of
        and outer_parts.start_offset <> inner_parts.start_offset
    inner join pairs
        on pairs.part_code = inner_parts.indicator_code
        and pairs.total_code = outer_parts.indicator_code
),

parts as (
    select linked_parts.*
    from linked_parts
    left join nested_parts
        on nested_parts.doc_id = linked_parts.doc_id
        and nested_parts.start_offset = linked_parts.start_offset
    where nested_parts.doc_id is null
),

totals as (
    select * from located
    where kind in ('count', 'amount')
),

joined as (
    select
        totals.reporter_id,
        totals.region_code,
        totals.region_name,
        totals.report_year,
        totals.indicator_code as total_indicator_code,
        totals.doc_id,
        totals.file_name,
        totals.start_offset,
        totals.end_offset,
        totals.sentence,
        totals.surface as total_surface,
        totals.value as total_value,
        totals.qualifier as total_qualifier,
        parts.indicator_code as part_indicator_code,
        parts.start_offset as part_start_offset,
        parts.surface as part_surface,
        parts.value as part_value,
        parts.qualifier as part_qualifier,
        parts.unit = totals.unit and parts.kind = totals.kind as is_same_unit
    from parts
    inner join totals
        on totals.doc_id = parts.doc_id
        and totals.start_offset = parts.breakdown_of
),

summed as (
    select
        reporter_id,
        region_code,
        region_name,
        report_year,
        total_indicator_code,
        doc_id,
        file_name,
        start_offset,
        end_offset,
        sentence,
        total_surface,
        total_value,
        total_qualifier,
        count(*) as part_count,
        sum(part_value) as parts_sum,
        min(case when is_same_unit then 1 else 0 end) = 1 as all_parts_same_unit,
        min(case when part_qualifier in ('exact', 'at_least') then 1 else 0 end) = 1 as all_parts_lower_bounded,
        min(case when part_qualifier = 'exact' then 1 else 0 end) = 1 as all_parts_exact,
        {{ list_agg_sorted('part_surface', 'part_start_offset') }} as part_surfaces,
        {{ list_agg_sorted("coalesce(part_indicator_code, '?')", 'part_start_offset') }} as part_indicator_codes
    from joined
    group by
        reporter_id, region_code, region_name, report_year, total_indicator_code, doc_id, file_name,
        start_offset, end_offset, sentence, total_surface, total_value, total_qualifier
),

final as (
    select
        doc_id || ':' || start_offset as check_id,
        reporter_id,
        region_code,
        region_name,
        report_year,
        coalesce(total_indicator_code, '?') || ' = ' || part_indicator_codes as indicator_codes,
        doc_id,
        file_name,
        start_offset,
        end_offset,
        sentence,
        replace(part_surfaces, ', ', ' + ') || ' = ' || {{ number_text('parts_sum') }} as observed,
        case when parts_sum > total_value then '≤ ' else '= ' end || total_surface || ' (the total)' as expected,
        'total ' || total_surface || '; its ' || part_count::varchar
        || case when part_count = 1 then ' part ' else ' parts ' end
        || replace(part_surfaces, ', ', ' + ') || ' = ' || {{ number_text('parts_sum') }}
        || case
            when parts_sum > total_value
                then ', ' || {{ number_text('parts_sum - total_value') }} || ' more than the total'
            when parts_sum = total_value then ', equal to the total'
            else ', ' || {{ number_text('total_value - parts_sum') }} || ' short of the total'
        end as explanation,
        part_count,
        parts_sum,
        total_value,
        -- > 0: the parts add up to more than the total (needs an exact or upper-bound total, parts
        -- that are exact or lower bounds, all in the total's unit)
        case
            when all_parts_same_unit and all_parts_lower_bounded and total_qualifier in ('exact', 'at_most')
                then parts_sum - total_value
        end as parts_excess,
        -- > 0: a complete-looking breakdown falls short of its total
        case
            when all_parts_same_unit and all_parts_exact and total_qualifier = 'exact'
                and part_count >= {{ var('breakdown_min_parts', 2) }}
                and parts_sum >= {{ var('breakdown_complete_share', 0.9) }} * total_value
                then total_value - parts_sum
        end as complete_breakdown_shortfall
    from summed
)

select * from final
