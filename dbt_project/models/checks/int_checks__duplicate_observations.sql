-- A report that states one indicator more than once with different figures: the marts keep the best
-- fit (int_observations__candidates, rank 1) and this check lists the others. Parts of a breakdown are
-- not restatements and are left out. Three readings: conflicting statements (the published row has
-- conflict = true: different exact figures of equal fit in different sentences, a reader cannot
-- tell which is the year's figure), figures listed in one sentence (different exact figures side by
-- side: a list of things the catalog does not tell apart, such as 1002人 and 乡镇99人), and other
-- duplicates (an exact figure beside approximate ones, or figures in different units).
with candidates as (
    select * from {{ ref('int_observations__candidates') }}
    where breakdown_of is null
        and period = 'report'
),

chosen as (
    select * from {{ ref('int_observations__reported') }}
    where period = 'report'
),

indicators as (
    select * from {{ ref('stg_reference__indicators') }}
),

grouped as (
    select
        candidates.reporter_id,
        candidates.report_year,
        candidates.indicator_code,
        count(*) as statement_count,
        count(distinct candidates.value) as distinct_values,
        count(distinct candidates.doc_id || ':' || candidates.sentence) as sentence_count,
        count(distinct case
            when candidates.qualifier = 'exact' and candidates.unit = chosen.unit then candidates.value
        end) as distinct_exact_values,
        {{ list_agg_sorted('candidates.surface', 'candidates.start_offset') }} as surfaces,
        {{ list_agg_sorted(
            "candidates.surface || ' @' || candidates.start_offset::varchar", 'candidates.start_offset'
        ) }} as located_surfaces
    from candidates
    inner join chosen
        on chosen.reporter_id = candidates.reporter_id
        and chosen.report_year = candidates.report_year
        and chosen.indicator_code = candidates.indicator_code
    group by candidates.reporter_id, candidates.report_year, candidates.indicator_code
),

final as (
    select
        grouped.reporter_id || ':' || grouped.report_year || ':' || grouped.indicator_code as check_id,
        grouped.reporter_id,
        chosen.region_code,
        chosen.region_name,
        grouped.report_year,
        grouped.indicator_code as indicator_codes,
        chosen.doc_id,
        chosen.file_name,
        chosen.start_offset,
        chosen.end_offset,
        chosen.sentence,
        chosen.surface as observed,
        'one figure for ' || coalesce(indicators.name_zh, grouped.indicator_code)
        || ' (stated: ' || grouped.surfaces || ')' as expected,
        coalesce(indicators.name_zh, grouped.indicator_code) || ' is stated ' || grouped.statement_count::varchar
        || ' times with different figures: ' || grouped.located_surfaces || '; the marts use ' || chosen.surface
        || ' (best fit: the indicator''s unit, exact, not a 其中 part, then first in the text)'
        || case when chosen.conflict then '; other figures of equal fit: ' || chosen.alternatives else '' end
        || '. The sentence quoted is the one used.' as explanation,
        grouped.statement_count,
        grouped.distinct_values,
        grouped.distinct_exact_values,
        grouped.sentence_count,
        -- > 1: different exact figures in one unit, in different sentences (conflicting statements)
        case when chosen.conflict then chosen.alternative_count + 1 end as conflicting_exact_values,
        -- > 1: different exact figures in one unit, all in one sentence (a list)
        case
            when not chosen.conflict and grouped.distinct_values > 1 and grouped.sentence_count = 1
                then grouped.distinct_exact_values
        end as listed_exact_values,
        -- > 1: differing figures that do not conflict exactly (approximate, or other units)
        case when grouped.distinct_exact_values <= 1 then grouped.distinct_values end as other_differing_values
    from grouped
    inner join chosen
        on chosen.reporter_id = grouped.reporter_id
        and chosen.report_year = grouped.report_year
        and chosen.indicator_code = grouped.indicator_code
    left join indicators on indicators.indicator_code = grouped.indicator_code
    where grouped.statement_count > 1
)

select * from final
