with source as (
    select * from {{ source('raw', 'ingest_errors') }}
),

final as (
    select
        run_id,
        path,
        reason
    from source
)

select * from final
