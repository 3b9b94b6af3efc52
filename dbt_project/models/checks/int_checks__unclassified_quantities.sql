-- Quantities of the report year left unclassified in a sentence the catalog does recognise (the
-- sentence has at least one classified quantity): a likely gap in seeds/indicator_patterns.csv. One
-- row per quantity of such sentences; the classified ones pass.
with located as (
    select * from {{ ref('int_facts__located') }}
    where period = 'report'
        and kind in ('count', 'amount', 'rate', 'duration', 'change')
),

recognised_sentences as (
    select
        doc_id,
        sentence,
        {{ list_agg_sorted('distinct indicator_code', 'indicator_code') }} as sentence_indicators
    from located
    where indicator_code is not null
    group by doc_id, sentence
),

final as (
    select
        located.doc_id || ':' || located.start_offset as check_id,
        located.reporter_id,
        located.region_code,
        located.region_name,
        located.report_year,
        located.indicator_code as indicator_codes,
        located.doc_id,
        located.file_name,
        located.start_offset,
        located.end_offset,
        located.sentence,
        located.surface as observed,
        'an indicator from the catalog' as expected,
        located.surface || ' (' || located.kind || ') has no indicator; the same sentence gives '
        || recognised_sentences.sentence_indicators as explanation,
        located.kind,
        located.indicator_code is not null as is_classified
    from located
    inner join recognised_sentences
        on recognised_sentences.doc_id = located.doc_id
        and recognised_sentences.sentence = located.sentence
)

select * from final
