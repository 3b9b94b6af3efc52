-- Lists in one sentence that give one indicator several exact values ("听取了2个乡镇…、8个县直部门…报告"
-- gives law_reporting_units 2 and 8): the values are parts of a total the text does not state, and
-- publishing the first (or any) of them would contradict the sentence. Such a statement is withheld:
-- not published, listed in fct_figure_not_published with this reason. It is published when the chosen
-- figure comes first and is at least the sum of the others, a total followed by its parts ("推送文章66篇,
-- 上稿…5篇、…37篇…"). Rates are never summed: two different rates of one indicator in a sentence withhold.
{{ incremental_by_reporter() }}
with same_sentence as (
    select * from {{ ref('int_observations__equal_fit') }}
    where is_same_sentence {{ changed_reporters_only() }}
),

lists as (
    select
        reporter_id,
        report_year,
        indicator_code,
        period,
        doc_id,
        chosen_start_offset,
        bool_and(start_offset > chosen_start_offset)
        and any_value(chosen_kind) in ('count', 'amount')
        and any_value(chosen_value) >= sum(value) as is_total_first
    from same_sentence
    group by reporter_id, report_year, indicator_code, period, doc_id, chosen_start_offset
),

final as (
    select
        reporter_id,
        report_year,
        indicator_code,
        period,
        doc_id,
        chosen_start_offset as start_offset,
        'one of several figures for this indicator in one sentence (parts of a total the text does not state)'
            as withheld_reason
    from lists
    where not is_total_first
)

select * from final
