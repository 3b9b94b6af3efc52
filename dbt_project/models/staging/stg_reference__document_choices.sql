with source as (
    select * from {{ ref('document_choices') }}
),

final as (
    select
        doc_id,
        reason,
        author
    from source
)

select * from final
