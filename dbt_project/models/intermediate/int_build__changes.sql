-- What a data-only build must rebuild (issue 16: one new report into a large warehouse). Holds the
-- state of every input a reporter's rows depend on as of this build (kind 'document': a digest of the
-- document row, the analyst's version pick and the document's facts; kind 'correction': a digest of an
-- analyst correction) and the reporters whose inputs differ from the previous build's state (kind
-- 'changed'), read from this table before it is replaced. The incremental models rebuild only those
-- reporters; a reporter is the unit: version choice, year-over-year and derived figures never look
-- past one reporter's documents, and mirror copies (same content hash) are followed across reporters.
-- Without a previous state (first build, --full-refresh) one 'changed' row with is_full_rebuild.
{%- set previous = previous_build_state() %}
{%- set incremental = previous is not none and previous != '' %}
with documents as (
    select * from {{ ref('stg_raw__documents') }}
),

choices as (
    select * from {{ ref('stg_reference__document_choices') }}
),

facts as (
    select * from {{ source('raw', 'facts') }}
),

fact_digests as (
    select
        doc_id,
        count(*) as fact_count,
        sum(hash(facts)::hugeint) as fact_digest
    from facts
    group by doc_id
),

document_state as (
    select
        'document' as kind,
        documents.reporter_id,
        documents.doc_id as item_id,
        documents.content_hash,
        md5(concat_ws(':', hash(documents), choices.doc_id is not null, coalesce(fact_digests.fact_count, 0), coalesce(fact_digests.fact_digest, 0))) as digest  -- noqa: RF02, LT05
    from documents
    left join choices on choices.doc_id = documents.doc_id
    left join fact_digests on fact_digests.doc_id = documents.doc_id
),

corrections as (
    select * from {{ ref('stg_reference__corrections') }}
),

correction_state as (
    select
        'correction' as kind,
        corrections.reporter_id,
        null::varchar as item_id,
        null::varchar as content_hash,
        md5(hash(corrections)::varchar) as digest  -- noqa: RF03
    from corrections
),

current_state as (
    select * from document_state
    union all
    select * from correction_state
),

-- noqa: disable=LT02
{% if incremental %}

previous_state as (
    select kind, reporter_id, item_id, content_hash, digest
    from {{ previous }}
    where kind in ('document', 'correction')
),

differing as (
    (select * from current_state except all select * from previous_state)
    union all
    (select * from previous_state except all select * from current_state)
),

changed as (
    select reporter_id from differing
    union
    -- copies of a changed document's content elsewhere: which copy is the original may change
    select current_state.reporter_id
    from current_state
    inner join differing on differing.content_hash = current_state.content_hash
    where current_state.kind = 'document'
),

changed_rows as (
    select distinct
        'changed' as kind,
        reporter_id,
        null::varchar as item_id,
        null::varchar as content_hash,
        null::varchar as digest,
        false as is_full_rebuild
    from changed
),

{% else %}

changed_rows as (
    select
        'changed' as kind,
        null::varchar as reporter_id,
        null::varchar as item_id,
        null::varchar as content_hash,
        null::varchar as digest,
        true as is_full_rebuild
),

{% endif %}
-- noqa: enable=LT02

final as (
    select
        *,
        false as is_full_rebuild
    from current_state
    union all
    select * from changed_rows
)

select * from final
