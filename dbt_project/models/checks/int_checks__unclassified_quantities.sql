-- Quantities of the report year left unclassified in a sentence the catalog does recognise (the
-- sentence has at least one classified quantity): a likely gap in seeds/indicator_patterns.csv. One
-- row per quantity of such sentences; the classified ones pass. A figure whose code an exclusion withheld
-- (seeds/indicator_exclusions.csv, code_status 'withheld') or an average (not_counted) is a decision, not a gap:
-- left out (the same as ingest.classify.code_status.DECIDED).
with located as (
    select * from {{ ref('int_facts__located') }}
    where period = 'report'
        and kind in ('count', 'amount', 'rate', 'duration', 'change')
        and coalesce(code_status, '') not in ('withheld', 'not_counted')
),

sentences as (
    -- the codes of each quantity's sentence, as a window partitioned by reporter too: a data-only
    -- build's filter on reporters then reaches the table (a self-join on an aggregate computed every
    -- reporter). DuckDB list functions (list_distinct drops nulls).
    select
        located.*,
        list_sort(list_distinct(list(located.indicator_code) over by_sentence)) as sentence_codes
    from located
    window by_sentence as (partition by located.reporter_id, located.doc_id, located.sentence)
),

final as (
    select
        sentences.doc_id || ':' || sentences.start_offset as check_id,
        sentences.reporter_id,
        sentences.region_code,
        sentences.region_name,
        sentences.report_year,
        sentences.indicator_code as indicator_codes,
        sentences.doc_id,
        sentences.file_name,
        sentences.start_offset,
        sentences.end_offset,
        sentences.sentence,
        sentences.surface as observed,
        'an indicator from the catalog' as expected,
        sentences.surface || ' (' || sentences.kind || ') has no indicator; the same sentence gives '
        || array_to_string(sentences.sentence_codes, ', ') as explanation,
        sentences.kind,
        sentences.indicator_code is not null as is_classified
    from sentences
    where len(sentences.sentence_codes) > 0
)

select * from final
