-- One row per report-year quantity of a chosen document, with the values the range rules test:
-- rates and shares within 0-100, counts and amounts not negative, countable units whole.
with facts as (
    select * from {{ ref('stg_raw__facts') }}
),

documents as (
    select * from {{ ref('int_documents__versions') }}
    where is_chosen_version
),

located as (
    select
        facts.*,
        documents.reporter_id,
        documents.region_code,
        documents.region_name,
        documents.report_year,
        documents.file_name
    from facts
    inner join documents on documents.doc_id = facts.doc_id
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
        case when kind = 'rate' then value end as rate_value,
        case when kind in ('count', 'amount', 'duration') then value end as magnitude_value,
        case when kind = 'count' and qualifier = 'exact' then value - floor(value) end as count_fraction,
        case
            when kind = 'rate' then '0 to 100 %'
            when kind = 'count' then 'a whole number >= 0'
            else '>= 0'
        end as expected,
        surface || ' (' || kind || ')' as explanation
    from located
)

select * from final
