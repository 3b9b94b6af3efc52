with source as (
    select * from {{ source('raw', 'facts') }}
),

final as (
    select
        -- ids
        doc_id,
        start_offset,
        end_offset,
        -- the quantity
        surface,
        value,
        value_high,
        unit,
        qualifier,
        kind,
        period,
        indicator as indicator_code,
        -- context
        section,
        sentence,
        breakdown_of,
        extractor_version,
        -- what it measures (issue 14)
        measure,
        indicator_score,
        code_reason,
        code_status,
        -- what it means in its sentence (issue 15)
        before_of,
        direction
    from source
)

select * from final
