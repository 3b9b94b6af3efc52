-- One row per report-year quantity of a chosen document, with the values the range rules test:
-- rates and shares within 0-100, counts and amounts not negative, countable units whole.
with located as (
    select * from {{ ref('int_facts__located') }}
),

final as (
    select
        doc_id || ':' || start_offset as check_id,
        reporter_id,
        region_code,
        region_name,
        report_year,
        indicator_code as indicator_codes,
        doc_id,
        file_name,
        start_offset,
        end_offset,
        sentence,
        surface as observed,
        case
            when kind = 'rate' then '0 to 100 %'
            when kind = 'count' then 'a whole number >= 0'
            else '>= 0'
        end as expected,
        surface || ' (' || kind || ')' as explanation,
        case when kind = 'rate' then value end as rate_value,
        case when kind in ('count', 'amount', 'duration') then value end as magnitude_value,
        case when kind = 'count' and qualifier = 'exact' then value - floor(value) end as count_fraction
    from located
)

select * from final
