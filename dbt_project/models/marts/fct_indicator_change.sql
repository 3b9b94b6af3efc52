-- Change over time: per reporter × indicator × year, the previous reported year's value, the gap in
-- years and the absolute and relative change. The first year a reporter states an indicator has no
-- row here (nothing to compare with).
{{ incremental_by_reporter() }}
with with_previous as (
    select * from {{ ref('int_observations__with_previous') }}
    where previous_year is not null {{ changed_reporters_only() }}
),

indicators as (
    select * from {{ ref('dim_indicator') }}
),

changes as (
    select
        with_previous.*,
        with_previous.report_year - with_previous.previous_year as years_between,
        with_previous.value - with_previous.previous_value as change_absolute,
        -- a relative change from zero is undefined, not infinite
        case
            when with_previous.previous_value <> 0
                then (with_previous.value - with_previous.previous_value) / abs(with_previous.previous_value)
        end as change_relative,
        -- measure words differ between reports (件/起, 人/人次) and "余"/"约" figures are bounds, so
        -- only exact figures in the same unit are flagged like for like
        coalesce(
            with_previous.unit = with_previous.previous_unit
            and with_previous.qualifier = 'exact'
            and with_previous.previous_qualifier = 'exact',
            false
        ) as is_like_for_like
    from with_previous
),

final as (
    select
        -- grain
        changes.reporter_id,
        changes.report_year,
        changes.indicator_code,
        -- who
        changes.region_code,
        changes.region_name,
        changes.region_level,
        changes.department,
        -- what
        indicators.domain,
        indicators.kind as indicator_kind,
        changes.value,
        changes.unit,
        changes.qualifier,
        changes.status,
        changes.previous_year,
        changes.years_between,
        changes.previous_value,
        changes.previous_unit,
        changes.previous_qualifier,
        changes.change_absolute,
        changes.change_relative,
        changes.is_like_for_like,
        -- where it was said
        changes.doc_id,
        changes.previous_doc_id
    from changes
    left join indicators on indicators.indicator_code = changes.indicator_code
)

select * from final
