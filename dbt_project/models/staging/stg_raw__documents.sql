with source as (
    select * from {{ source('raw', 'documents') }}
),

renamed as (
    select
        -- ids
        doc_id,
        content_hash,
        -- file
        source_path,
        file_name,
        media_type,
        encoding,
        text_length,
        title,
        header_metadata,
        -- issuer and region
        issuer,
        region_code,
        region_name,
        case when department is not null then 'department' else region_level end as region_level,
        department,
        prefecture_code,
        province_code,
        region_status,
        region_reason,
        -- report
        report_year,
        publish_date,
        doc_number,
        extractor_version,
        ingested_at
    from source
),

final as (
    select
        *,
        -- the unit a report speaks for: a government (region code) or one of its departments
        case
            when region_code is null then 'unresolved:' || doc_id
            when department is not null then region_code || ':' || department
            else region_code
        end as reporter_id
    from renamed
)

select * from final
