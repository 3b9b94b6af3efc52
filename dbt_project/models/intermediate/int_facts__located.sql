-- Every fact of a chosen document version, with who reported it and for which year.
{{ incremental_by_reporter() }}
with facts as (
    select * from {{ ref('stg_raw__facts') }}
),

documents as (
    select * from {{ ref('int_documents__versions') }}
    where is_chosen_version {{ changed_reporters_only() }}
),

final as (
    select
        documents.reporter_id,
        documents.region_code,
        documents.region_name,
        documents.region_level,
        documents.department,
        documents.report_year,
        documents.file_name,
        facts.*
    from facts
    inner join documents on documents.doc_id = facts.doc_id
)

select * from final
