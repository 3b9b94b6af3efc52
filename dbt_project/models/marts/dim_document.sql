with versions as (
    select * from {{ ref('int_documents__versions') }}
),

fact_counts as (
    select
        doc_id,
        count(*) as fact_count,
        count(indicator_code) as classified_fact_count
    from {{ ref('stg_raw__facts') }}
    group by doc_id
),

final as (
    select
        versions.doc_id,
        versions.reporter_id,
        versions.file_name,
        versions.source_path,
        versions.media_type,
        versions.encoding,
        versions.text_length,
        versions.title,
        versions.issuer,
        versions.region_code,
        versions.region_name,
        versions.region_level,
        versions.department,
        versions.region_status,
        versions.region_reason,
        versions.report_year,
        versions.publish_date,
        versions.doc_number,
        versions.is_duplicate_content,
        versions.same_as_doc_id,
        versions.version_rank,
        versions.version_count,
        versions.is_analyst_choice,
        versions.is_chosen_version,
        versions.version_choice_basis,
        coalesce(fact_counts.fact_count, 0) as fact_count,
        coalesce(fact_counts.classified_fact_count, 0) as classified_fact_count,
        versions.extractor_version,
        versions.ingested_at
    from versions
    left join fact_counts on fact_counts.doc_id = versions.doc_id
)

select * from final
