"""Rules that tell a number that is not a fact (dates, ordinals, names, slogans, codes) from one that is."""

from __future__ import annotations

import re

from ingest.extract.numerals import CHINESE_DIGITS

_PUNCT_AFTER = frozenset("，。、；;：:）)”\"！？,.\n")
_WORDY_BEFORE_CN = frozenset("统唯单同之逐专划整初周星期其")
_DURATION_CONTEXT_RE = re.compile(r"(?:连续|近|历时|满|长达|用时|已|共|超过|逾|持续|为期)$")
_NAME_AFTER_YEAR_RE = re.compile(r"^(?:行动|规划|计划|攻坚|专项|纲要|工作|建设|版)")
_IDIOM_AFTER_CN_UNIT = re.compile(r"^(?:方面|层面|维度|全面|一流|事$|事[，。”])")
_NAME_AFTER_UNIT_RE = re.compile(r"^(?:班子|年(?!度)|(?:、[一二三四五六七八九十]+次)*全会)")
_ORDINAL_LIST_BEFORE_RE = re.compile(r"第[一二三四五六七八九十\d]+[、和至-]$")
_FORMULA_RE = re.compile(r"\+")
# Slogans: a small Chinese numeral after "讲好/上好/打好/下好/算好…" (讲好“…”“…”“…”三堂课, 打好三场攻坚战,
# 上好开学三堂课), or right after the run of quoted names it counts (“防范诈骗”“防范性侵”两堂课).
_SLOGAN_VERB_RE = re.compile(r"(?:讲|上|打|唱|下|算|答|念|写|走|守|把|织|种)好(?:[“\"][^”\"]{1,20}[”\"][、，,和及与]?)*[\u4e00-\u9fff]{0,4}$")
_QUOTED_RUN_RE = re.compile(r"(?:[“\"][^”\"]{1,20}[”\"][、和及与]?){2,}$")
_QUOTED_ITEM_RE = re.compile(r"[“\"][^”\"]{1,20}[”\"]")
QUOTE_MAX = 30


def _inside_pair(text: str, pos: int, opening: str, closing: str, max_len: int) -> bool:
    """True when `pos` lies inside an opening…closing pair that closes within max_len characters."""
    open_at = text.rfind(opening, 0, pos)
    if open_at < 0 or text.rfind(closing, 0, pos) > open_at:
        return False
    close_at = text.find(closing, pos)
    return 0 <= close_at and close_at - open_at <= max_len


_PAIRS = (("“", "”", QUOTE_MAX), ('"', '"', QUOTE_MAX), ("《", "》", 80), ("〔", "〕", 8), ("[", "]", 8))


def inside_name(text: str, start: int) -> bool:
    """Numbers inside quoted names and slogans (“三高四新”, “1+N”) or titles (《2024年…清单》)."""
    for opening, closing, limit in _PAIRS:
        if opening in text and _inside_pair(text, start, opening, closing, limit):
            return True
    return False


# A recurring per-unit obligation ("每季度", "每月", "每年") before a distributive 各N: a quota, not a count.
_QUOTA_RE = re.compile(r"每(?:季度|个?月|年|半年|周|旬)")


def reject_reason(text: str, start: int, end: int, numeral: str, is_chinese: bool, unit: str | None,
                  value: float, has_prefix: bool) -> str | None:
    """Why the quantity text[start:end] is not a fact, or None when it is one."""
    before = text[start - 1] if start > 0 else ""
    after = text[end] if end < len(text) else ""
    preceding = text[max(0, start - 6):start]
    if before == "第" or "第" in preceding and _ORDINAL_LIST_BEFORE_RE.search(preceding):
        return "ordinal"
    if "+" in text:
        clause_start = max(text.rfind(p, 0, start) for p in "，。；;,")
        clause_end = min((i for i in (text.find(p, end) for p in "，。；;,") if i >= 0), default=len(text))
        # "1名法律顾问+1名志愿者+N名", "“书面+台面”两种形式" name a model, not a count; "互联网+" names a
        # policy ("“互联网+监管”系统中录入主项546项") and makes no formula of the clause
        if any(not text.endswith("互联网", 0, m.start()) for m in _FORMULA_RE.finditer(text, clause_start + 1, clause_end)):
            return "formula"
    if before.isascii() and before.isalpha() or after.isascii() and after.isalpha():
        return "code"
    if before == "各" and _QUOTA_RE.search(text, max(0, start - 60), start):
        return "quota"  # "各单位每季度上报…案卷各1件": a rule each unit follows, not a count of the year
    if inside_name(text, start):
        return "name"
    if unit in ("周", "次", "套") and _NAME_AFTER_UNIT_RE.match(text[end:end + 12]):
        return "name"
    if unit == "年":
        if not is_chinese and 1900 <= value <= 2100:
            return "year"
        since = text[end:end + 2] in ("以来", "来,", "来，") or text[end:end + 1] == "来"
        if _NAME_AFTER_YEAR_RE.match(text[end:end + 4]) or not (since or has_prefix or _DURATION_CONTEXT_RE.search(text[max(0, start - 4):start])):
            return "year-like"
    if unit is None and after in ("年", "月", "日", "号"):
        return "date"
    if is_chinese:
        if value <= 10:
            leading = text[max(0, start - 90):start]
            if _SLOGAN_VERB_RE.search(leading):
                return "slogan"
            run = _QUOTED_RUN_RE.search(leading)
            if run and len(_QUOTED_ITEM_RE.findall(run.group())) == value:
                return "slogan"
        if before in _WORDY_BEFORE_CN or before in CHINESE_DIGITS:
            return "word"
        if unit is None or unit == "分":
            return "word"
        if after in CHINESE_DIGITS:
            return "idiom"
        if unit == "个" and _IDIOM_AFTER_CN_UNIT.match(text[end:end + 3]):
            return "word"
        # A lone 一 + measure word is a fact only when it ends a phrase ("优秀文件一份，").
        if numeral == "一" and after not in _PUNCT_AFTER and after != "":
            return "word"
    return None
