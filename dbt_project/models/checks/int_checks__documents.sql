-- Document-level coverage checks: region resolved, facts found.
with documents as (
    select * from {{ ref('dim_document') }}
),

final as (
    select
        doc_id as check_id,
        reporter_id,
        region_code,
        region_name,
        report_year,
        null::varchar as indicator_codes,
        doc_id,
        file_name,
        null::integer as start_offset,
        null::integer as end_offset,
        null::varchar as sentence,
        case
            when region_status = 'resolved' then 'resolved'
            else region_status || ': ' || coalesce(region_reason, '')
        end as observed,
        'a resolved region and at least one fact' as expected,
        file_name || ': region ' || region_status || coalesce(' (' || region_reason || ')', '')
        || ', ' || fact_count::varchar || ' facts' as explanation,
        region_status,
        fact_count
    from documents
    where not is_duplicate_content
)

select * from final
