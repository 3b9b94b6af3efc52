"""What period a figure is of, which figure it is the "before" value of, and which way a change goes.

A figure is the report year's (``report``) unless the text anchors it elsewhere (domain.md, 累计):
  * ``prior``: 自2019年以来 / 2021年以来 / 近三年 (several years up to now), an earlier year named in its
    clause, or the "before" value of a before→after pair (由144个压减至84个, 将55项…调整为26项);
  * ``stock``: a standing count at year end: honours held (目前已成功创建…个), a standing network or roster
    under 截至/目前/现有 (截至年底共有执业律师45名) — not the year's activities counted so far
    (截至目前共走访企业42家 stays report).
累计 by itself says "in total", which in a sentence about the year's work is the year's total: report.
"""

from __future__ import annotations

import re

# several years up to now: 自2019年以来, 2021年以来, 自成立以来, 近三年, 十三五期间
_SINCE_YEAR_RE = re.compile(r"((?:19|20)\d{2})\s*年(?:[^，,。；;]{0,4}?)(?:以来|至今)")
_SINCE_OTHER_RE = re.compile(
    r"自(?!今年|本年)[^，,。；;\d]{1,8}以来|近(?:[两二三四五六七八九十]|\d{1,2})年(?:来|以来)?|(?:十二五|十三五)(?:期间|以来)|历年"
)
# a standing count: the anchor (截至…/目前/现有/已…) and, last before the figure, a verb of holding, not of doing
_STOCK_ANCHOR_RE = re.compile(r"截至|截止|目前|至今|现有|已")
_STOCK_VERB_RE = re.compile(
    r"创建|建成|建立|获评|获得|获批|命名|现有|共有|拥有|目前有|已有|在册|在职|持证|执业|设立|配备|聘请|聘任|培育|打造"
)
# a span of years that starts before the report year: 2023年至2024年以来, 2022—2024年
_YEAR_RANGE_RE = re.compile(r"((?:19|20)\d{2})\s*年?\s*(?:至|到|—|－|-|~)\s*(?:19|20)\d{2}\s*年")
_ACTIVITY_RE = re.compile(
    r"开展|举办|组织|办理|受理|办结|审结|召开|走访|培训|发放|开设|审查|审核|调解|化解|出具|处理|查处|接待|提供|完成|"
    r"参加|宣讲|撰写|梳理|解答|服务|指派|收到|编制|发布|清理|制定|印发|备案|检查|评查|新增|新建|新设|新聘"
)
_THIS_YEAR_RE = re.compile(r"今年|本年|全年|年内|当年")
_SCOPE_BREAK = "；;"

# before→after: "由144个压减至84个", "从原来的25项精简为12项", "将最初下放乡镇的55项…调整为平均26项"
_BEFORE_FROM_RE = re.compile(r"(?:由|从)(?:原来的?|原有的?|原|最初的?|改革前的?|以前的?|之前的?)?$")
_BEFORE_WILL_RE = re.compile(r"将[^，,。；;]{0,30}$")
_TO_AFTER_GAP_RE = re.compile(
    r"^[^，,。；;、]{0,20}?(?:调整|压减|压缩|缩减|减少|精简|降低|下降|缩短|提升|提高|增加|增长|上升|扩大|优化|整合|合并|减|增)"
    r"(?:了)?(?:为|至|到)(?:平均|仅|只有|现在的|目前的)?$"
)

# the direction of a change: the word right before its figure
_FALLING_RE = re.compile(r"(?:下降|减少|降低|压减|压缩|缩减|缩短|精简|降幅|减幅|减)(?:了)?(?:达)?$")
_RISING_RE = re.compile(r"(?:增长|上升|提高|增加|提升|增幅|增)(?:了)?(?:达)?$")


def period_of(scope: str, clause: str, report_year: int | None, kind: str) -> str:
    """report | stock | prior for a figure outside the plan: `scope` is its sentence up to it (from the last
    semicolon), `clause` the part of it after the last comma."""
    if report_year is not None and "年" in scope:
        since = [int(m.group(1)) for m in _SINCE_YEAR_RE.finditer(scope)]
        since += [int(m.group(1)) for m in _YEAR_RANGE_RE.finditer(scope)]
        if since and min(since) < report_year:
            return "prior"
    if _SINCE_OTHER_RE.search(scope):
        return "prior"
    if kind == "count" and _STOCK_ANCHOR_RE.search(scope) and not _THIS_YEAR_RE.search(scope):
        verbs = [m.end() for m in _STOCK_VERB_RE.finditer(scope)]
        doing = [m.end() for m in _ACTIVITY_RE.finditer(scope)]
        if verbs and (not doing or verbs[-1] > doing[-1]):
            return "stock"
    return "report"


def scope_before(sentence: str, start: int, limit: int) -> str:
    """The sentence before position `start`, from the last semicolon, at most `limit` characters (the
    extractor's bounded context: a sentence of 10,000 figures must cost 10,000 short reads)."""
    lo = max(0, start - limit)
    cut = max(sentence.rfind(p, lo, start) for p in _SCOPE_BREAK)
    return sentence[max(cut + 1, lo):start]


def before_after(sentence: str, spans: list[tuple[int, int, str | None]]) -> dict[int, int]:
    """{i: j}: the figure at index i of `spans` ((start, end, unit) in `sentence`, in order) is the
    "before" value of figure j."""
    pairs: dict[int, int] = {}
    previous_end = 0
    for i in range(len(spans) - 1):
        start, end, unit = spans[i]
        window = sentence[previous_end:start]
        previous_end = end
        nxt_start, _, nxt_unit = spans[i + 1]
        if unit != nxt_unit or not _TO_AFTER_GAP_RE.match(sentence[end:nxt_start]):
            continue
        clause = sentence[max(sentence.rfind(p, 0, start) for p in "，,；;") + 1:start]
        if _BEFORE_FROM_RE.search(window) or _BEFORE_WILL_RE.search(clause):
            pairs[i] = i + 1
    return pairs


# the earlier year's value given beside this year's: "收到复议申请1113件，较2022年558件", "3321件（2023年为867件）"
_BASE_GAP_RE = re.compile(r"\s*(?:[，,]?\s*(?:较|比|相比|同比|对比)(?:上年|去年|上一年|(?:19|20)\d{2}\s*年)(?:同期)?的?"
                          r"|[（(](?:上年|去年|上一年|(?:19|20)\d{2}\s*年)(?:同期)?为)")


def comparison_bases(sentence: str, spans: list[tuple[int, int, str | None]]) -> dict[int, int]:
    """{i: j}: the figure at index i of `spans` ((start, end, unit), in order) is the earlier year's value of
    figure j, the one right before it in the same unit."""
    return {i: i - 1 for i in range(1, len(spans))
            if spans[i][2] == spans[i - 1][2] and _BASE_GAP_RE.fullmatch(sentence[spans[i - 1][1]:spans[i][0]])}


def direction_of(window: str) -> str | None:
    """'down' or 'up' from the change word just before a figure, else None."""
    tail = window[-10:]
    if _FALLING_RE.search(tail):
        return "down"
    if _RISING_RE.search(tail):
        return "up"
    return None
