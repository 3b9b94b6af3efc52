-- The granularity test (GRIM): a rate stated over a whole-number denominator must be reachable, i.e.
-- some whole count k (0..n) makes k / n round to the stated rate at its stated precision ("93%" over
-- 8 cases: 7/8 = 87.5%, 8/8 = 100%, so no k gives 93%). The denominator is the count the catalog
-- names for the rate (seeds/indicators.csv) or, for rates without one, expectations/thresholds.yml
-- (rate_denominators); it must be stated exactly in the same sentence as the rate (the nearest such
-- count, preferring one before the rate). Runs whether or not the numerator is stated.
with located as (
    select * from {{ ref('int_facts__located') }}
),

indicators as (
    select * from {{ ref('stg_reference__indicators') }}
),

listed_denominators as (
    select *
    from ({{ rows_relation(mapping_rows(var('rate_denominators', {})), ['rate_code', 'denominator_code']) }}) as listed
),

alternative_denominators as (
    select
        alternatives.*,
        'thresholds.yml rate_denominator_alternatives' as denominator_source
    from (
        {{ rows_relation(mapping_rows(var('rate_denominator_alternatives', {})), ['rate_code', 'denominator_code']) }}
    ) as alternatives
),

denominator_codes as (
    select
        indicators.indicator_code as rate_code,
        coalesce(indicators.denominator_code, listed_denominators.denominator_code) as denominator_code,
        case when indicators.denominator_code is not null then 'catalog' else 'thresholds.yml rate_denominators' end
            as denominator_source
    from indicators
    left join listed_denominators on listed_denominators.rate_code = indicators.indicator_code
    where coalesce(indicators.denominator_code, listed_denominators.denominator_code) is not null
    union all
    select
        rate_code,
        denominator_code,
        denominator_source
    from alternative_denominators
),

rates as (
    select
        located.*,
        denominator_codes.denominator_code,
        denominator_codes.denominator_source,
        {{ stated_decimals('located.surface') }} as stated_decimals
    from located
    inner join denominator_codes on denominator_codes.rate_code = located.indicator_code
    where located.kind = 'rate'
        and located.unit = '%'
        and located.qualifier = 'exact'
        and located.value between 0 and 100
),

denominators as (
    select * from located
    where kind = 'count'
        and qualifier = 'exact'
        and value > 0
        and value = floor(value)
),

paired as (
    select
        rates.*,
        denominators.surface as denominator_surface,
        denominators.value as denominator_value,
        row_number() over (
            -- reporter_id adds nothing to doc_id but lets a filter on it reach the table
            partition by rates.reporter_id, rates.doc_id, rates.start_offset
            order by
                case when denominators.start_offset < rates.start_offset then 0 else 1 end,
                abs(denominators.start_offset - rates.start_offset)
        ) as denominator_rank
    from rates
    inner join denominators
        on denominators.doc_id = rates.doc_id
        and denominators.sentence = rates.sentence
        and denominators.indicator_code = rates.denominator_code
),

bounds as (
    select
        paired.*,
        0.5 * power(10, -paired.stated_decimals) + {{ var('rate_tolerance_extra', 0.0001) }} as tolerance,
        -- the whole counts k whose k / n lies within the rounding interval of the stated rate
        greatest(ceiling(paired.denominator_value * (
            paired.value - 0.5 * power(10, -paired.stated_decimals)
            - {{ var('rate_tolerance_extra', 0.0001) }}
        ) / 100), 0) as lowest_count,
        least(floor(paired.denominator_value * (
            paired.value + 0.5 * power(10, -paired.stated_decimals)
            + {{ var('rate_tolerance_extra', 0.0001) }}
        ) / 100), paired.denominator_value) as highest_count,
        floor(paired.denominator_value * paired.value / 100) as count_below
    from paired
    where paired.denominator_rank = 1
),

final as (
    select
        bounds.doc_id || ':' || bounds.start_offset as check_id,
        bounds.reporter_id,
        bounds.region_code,
        bounds.region_name,
        bounds.report_year,
        bounds.indicator_code || ', ' || bounds.denominator_code as indicator_codes,
        bounds.doc_id,
        bounds.file_name,
        bounds.start_offset,
        bounds.end_offset,
        bounds.sentence,
        bounds.surface || ' of ' || bounds.denominator_surface as observed,
        'k / ' || {{ number_text('bounds.denominator_value') }} || ' for a whole k' as expected,
        'stated ' || bounds.surface || ' of ' || bounds.denominator_surface || ': '
        || case
            when bounds.highest_count >= bounds.lowest_count
                then {{ number_text('bounds.lowest_count') }} || ' / ' || {{ number_text('bounds.denominator_value') }}
                    || ' = ' || {{ number_text('100 * bounds.lowest_count / bounds.denominator_value', 3) }}
                    || '% rounds to it'
            else 'no whole count gives it: '
                || {{ number_text('bounds.count_below') }} || ' / ' || {{ number_text('bounds.denominator_value') }}
                || ' = ' || {{ number_text('100 * bounds.count_below / bounds.denominator_value', 3) }} || '%'
                || case
                    when bounds.count_below < bounds.denominator_value
                        then ', ' || {{ number_text('bounds.count_below + 1') }}
                            || ' / ' || {{ number_text('bounds.denominator_value') }}
                            || ' = '
                            || {{ number_text('100 * (bounds.count_below + 1) / bounds.denominator_value', 3) }} || '%'
                    else ''
                end
        end
        || ' (denominator: ' || coalesce(denominator_names.name_zh, bounds.denominator_code)
        || ', from the ' || bounds.denominator_source || ')' as explanation,
        bounds.value as stated_rate,
        bounds.stated_decimals,
        bounds.denominator_value,
        bounds.highest_count - bounds.lowest_count + 1 as reachable_counts
    from bounds
    left join indicators as denominator_names on denominator_names.indicator_code = bounds.denominator_code
)

select * from final
