-- A stated reduction or growth percentage against the before and after figures it describes
-- ("由144个压缩到84个,压减41.7%": (144 - 84) / 144 = 41.67%). The pair is the extractor's: the "before"
-- figure's before_of is the start offset of its "after" figure (the same pair fct_indicator_observation
-- shows as before_value beside the after value). The percentage is a change (fact kind 'change', or an
-- indicator of kind 'change' in the catalog) in the same sentence, right after the "after" figure (no
-- other quantity between them, at most before_after_max_gap characters). Change values are signed (the
-- extractor's direction): the size is compared. Reduction indicators (code containing "reduction")
-- must go down; other changes are compared by size.
with located as (
    select * from {{ ref('int_facts__located') }}
),

indicators as (
    select * from {{ ref('stg_reference__indicators') }}
),

sequenced as (
    -- the quantity just before each one in its document
    select
        located.*,
        lag(located.start_offset, 1) over by_position as after_start_offset,
        lag(located.end_offset, 1) over by_position as after_end_offset,
        lag(located.surface, 1) over by_position as after_surface,
        lag(located.value, 1) over by_position as after_value,
        lag(located.unit, 1) over by_position as after_unit,
        lag(located.qualifier, 1) over by_position as after_qualifier,
        lag(located.indicator_code, 1) over by_position as after_indicator_code,
        lag(located.sentence, 1) over by_position as after_sentence
    from located
    window by_position as (
        -- reporter_id adds nothing to doc_id but lets a filter on it (a data-only build) reach the table
        partition by located.reporter_id, located.doc_id
        order by located.start_offset
    )
),

paired as (
    -- the "before" figure the extractor paired with the "after" one (before_of)
    select
        sequenced.*,
        befores.surface as before_surface,
        befores.value as before_value,
        befores.unit as before_unit,
        befores.qualifier as before_qualifier
    from sequenced
    inner join located as befores
        on befores.doc_id = sequenced.doc_id
        and befores.before_of = sequenced.after_start_offset
),

changes as (
    select
        paired.*,
        {{ stated_decimals('paired.surface') }} as stated_decimals,
        paired.indicator_code like '%reduction%' as is_reduction
    from paired
    left join indicators on indicators.indicator_code = paired.indicator_code
    where paired.unit = '%'
        and paired.qualifier = 'exact'
        and (paired.kind = 'change' or indicators.kind = 'change')
        and paired.after_sentence = paired.sentence
        and paired.after_unit = paired.before_unit
        and paired.after_unit <> '%'
        and paired.after_qualifier = 'exact'
        and paired.before_qualifier = 'exact'
        and paired.before_value > 0
        and paired.start_offset - paired.after_end_offset <= {{ var('before_after_max_gap', 8) }}
),

computed as (
    select
        changes.*,
        100.0 * (changes.after_value - changes.before_value) / changes.before_value as signed_change,
        case
            when changes.is_reduction then 100.0 * (changes.before_value - changes.after_value) / changes.before_value
            else 100.0 * abs(changes.after_value - changes.before_value) / changes.before_value
        end as expected_change
    from changes
),

final as (
    select
        doc_id || ':' || start_offset as check_id,
        reporter_id,
        region_code,
        region_name,
        report_year,
        indicator_code || coalesce(', ' || after_indicator_code, '') as indicator_codes,
        doc_id,
        file_name,
        start_offset,
        end_offset,
        sentence,
        surface as observed,
        {{ number_text('expected_change', 3) }} || '%' as expected,
        'before ' || before_surface || ', after ' || after_surface || ': ('
        || case
            when is_reduction or after_value < before_value
                then {{ number_text('before_value') }} || ' - ' || {{ number_text('after_value') }}
            else {{ number_text('after_value') }} || ' - ' || {{ number_text('before_value') }}
        end
        || ') / ' || {{ number_text('before_value') }} || ' = ' || {{ number_text('expected_change', 3) }} || '%'
        || case when is_reduction and after_value > before_value then ' (the figure went up, not down)' else '' end
        || '; stated ' || surface as explanation,
        before_value,
        after_value,
        value as stated_change,
        expected_change,
        abs(abs(value) - expected_change) - (
            0.5 * power(10, -stated_decimals) + {{ var('before_after_tolerance_points', 0.15) }}
        ) as excess_over_tolerance
    from computed
)

select * from final
