-- Stated rates next to the rate recomputed from the same report's numerator and denominator. The
-- tolerance is half a unit of the stated precision ("57.23%" → 0.005) plus float noise.
with derived as (
    select * from {{ ref('int_observations__derived') }}
    where not is_derived
),

reported as (
    select * from {{ ref('int_observations__reported') }}
    where period = 'report'
),

documents as (
    select * from {{ ref('int_documents__versions') }}
),

indicators as (
    select * from {{ ref('stg_reference__indicators') }}
),

compared as (
    select
        derived.*,
        reported.surface,
        reported.sentence,
        reported.start_offset,
        reported.end_offset,
        reported.doc_id as rate_doc_id,
        {{ stated_decimals('reported.surface') }} as stated_decimals
    from derived
    inner join reported
        on reported.reporter_id = derived.reporter_id
        and reported.report_year = derived.report_year
        and reported.indicator_code = derived.indicator_code
),

final as (
    select
        compared.reporter_id || ':' || compared.report_year || ':' || compared.indicator_code as check_id,
        compared.reporter_id,
        documents.region_code,
        documents.region_name,
        compared.report_year,
        compared.indicator_code as indicator_codes,
        compared.rate_doc_id as doc_id,
        documents.file_name,
        compared.start_offset,
        compared.end_offset,
        compared.sentence,
        compared.surface as observed,
        {{ number_text('compared.recomputed_value', 3) }} || '%' as expected,
        'stated ' || compared.surface || '; '
        || {{ number_text('compared.numerator_value') }} || ' / ' || {{ number_text('compared.denominator_value') }}
        || ' = ' || {{ number_text('compared.recomputed_value', 3) }} || '%'
        || ' (' || coalesce(numerator_names.name_zh, numerator_names.indicator_code, '?') || ' / '
        || coalesce(denominator_names.name_zh, denominator_names.indicator_code, '?') || '); the stated '
        || compared.stated_decimals::varchar || '-decimal figure allows ±'
        || {{ number_text('0.5 * power(10, -compared.stated_decimals)', 3) }} as explanation,
        abs(compared.reported_value - compared.recomputed_value) - (
            0.5 * power(10, -compared.stated_decimals) + {{ var('rate_tolerance_extra', 0.0001) }}
        ) as excess_over_tolerance,
        compared.numerator_value,
        compared.denominator_value
    from compared
    inner join documents on documents.doc_id = compared.rate_doc_id
    left join indicators as rate_names on rate_names.indicator_code = compared.indicator_code
    left join indicators as numerator_names on numerator_names.indicator_code = rate_names.numerator_code
    left join indicators as denominator_names on denominator_names.indicator_code = rate_names.denominator_code
)

select * from final
