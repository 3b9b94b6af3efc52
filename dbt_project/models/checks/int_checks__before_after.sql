-- A stated reduction or growth percentage against the before and after figures it describes
-- ("由144个压缩到84个,压减41.7%": (144 - 84) / 144 = 41.67%). Recognised by position in one sentence:
-- a percentage that is a change (fact kind 'change', or an indicator of kind 'change' in the catalog),
-- right after two figures in the same unit with no other quantity between them, the "after" figure at
-- most before_after_max_gap characters before the percentage and the "before" figure at most
-- before_after_max_span characters before the "after" one; the "before" figure is marked as the
-- earlier period by the extractor or states the same indicator as the "after" one. Reduction
-- indicators (code containing "reduction") must go down; other changes are compared by size.
with located as (
    select * from {{ ref('int_facts__located') }}
),

indicators as (
    select * from {{ ref('stg_reference__indicators') }}
),

sequenced as (
    -- the two quantities just before each one in its document
    select
        located.*,
        lag(located.start_offset, 1) over by_position as after_start_offset,
        lag(located.end_offset, 1) over by_position as after_end_offset,
        lag(located.surface, 1) over by_position as after_surface,
        lag(located.value, 1) over by_position as after_value,
        lag(located.unit, 1) over by_position as after_unit,
        lag(located.qualifier, 1) over by_position as after_qualifier,
        lag(located.indicator_code, 1) over by_position as after_indicator_code,
        lag(located.sentence, 1) over by_position as after_sentence,
        lag(located.start_offset, 2) over by_position as before_start_offset,
        lag(located.end_offset, 2) over by_position as before_end_offset,
        lag(located.surface, 2) over by_position as before_surface,
        lag(located.value, 2) over by_position as before_value,
        lag(located.unit, 2) over by_position as before_unit,
        lag(located.qualifier, 2) over by_position as before_qualifier,
        lag(located.indicator_code, 2) over by_position as before_indicator_code,
        lag(located.period, 2) over by_position as before_period,
        lag(located.sentence, 2) over by_position as before_sentence
    from located
    window by_position as (partition by located.doc_id order by located.start_offset)
),

changes as (
    select
        sequenced.*,
        {{ stated_decimals('sequenced.surface') }} as stated_decimals,
        sequenced.indicator_code like '%reduction%' as is_reduction
    from sequenced
    left join indicators on indicators.indicator_code = sequenced.indicator_code
    where sequenced.unit = '%'
        and sequenced.qualifier = 'exact'
        and (sequenced.kind = 'change' or indicators.kind = 'change')
        and sequenced.after_sentence = sequenced.sentence
        and sequenced.before_sentence = sequenced.sentence
        and sequenced.after_unit = sequenced.before_unit
        and sequenced.after_unit <> '%'
        and sequenced.after_qualifier = 'exact'
        and sequenced.before_qualifier = 'exact'
        and sequenced.before_value > 0
        and sequenced.start_offset - sequenced.after_end_offset <= {{ var('before_after_max_gap', 8) }}
        and sequenced.after_start_offset - sequenced.before_end_offset <= {{ var('before_after_max_span', 20) }}
        and (sequenced.before_period = 'prior' or sequenced.before_indicator_code = sequenced.after_indicator_code)
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
        abs(value - expected_change) - (
            0.5 * power(10, -stated_decimals) + {{ var('before_after_tolerance_points', 0.15) }}
        ) as excess_over_tolerance
    from computed
)

select * from final
