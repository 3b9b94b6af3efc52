"""The grammar of a quantity: numerals, multipliers, units and qualifier words, as one regex."""

from __future__ import annotations

import re

NUMBER = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
CHINESE_NUMBER = r"[零〇一二两三四五六七八九十百千万亿]+"

# Longest first: the alternation takes the first that matches.
UNITS = (
    "个工作日", "个百分点", "百分点", "平方米", "人次天", "人次", "件次", "场次", "户次", "家次", "批次", "个月", "小时", "分钟",
    "课时", "学时", "公里", "%", "‰", "元", "个", "件", "人", "名", "次", "项", "场", "部", "份", "条", "家",
    "批", "期", "篇", "起", "户", "天", "年", "周", "卷", "本", "册", "宗", "笔", "所", "处", "座", "支", "类",
    "种", "款", "例", "方面", "台", "辆", "位", "套", "张", "节", "堂", "轮", "组", "队", "村", "间", "亩", "吨", "分",
)
DURATION_UNITS = frozenset({"个工作日", "个月", "小时", "分钟", "课时", "学时", "天", "年", "周"})
PREFIX_QUALIFIERS = {
    "不超过": "at_most", "不到": "at_most", "不足": "at_most", "超过": "at_least", "多达": "at_least",
    "大约": "approx", "约": "approx", "近": "approx", "超": "at_least", "逾": "at_least",
}
SUFFIX_QUALIFIERS = {
    "余": "at_least", "多": "at_least", "以上": "at_least", "左右": "approx", "以内": "at_most", "以下": "at_most",
}

_units = "|".join(re.escape(u) for u in UNITS)
_prefixes = "|".join(PREFIX_QUALIFIERS)
QUANTITY_RE = re.compile(
    # the lookahead rejects most positions (ordinary characters) before any alternative is tried
    r"(?=[约近大超逾不多百\d零〇一二两三四五六七八九十千万亿])"
    rf"(?P<pre>{_prefixes})?"
    rf"(?:百分之(?P<pct>{NUMBER}|{CHINESE_NUMBER})"
    rf"|(?P<num>{NUMBER})(?:(?P<rsep>至|到|~|-|—)(?P<num2>{NUMBER}))?"
    rf"|(?P<cn>{CHINESE_NUMBER}))"
    r"(?P<suf1>余|多)?"
    r"(?P<mult>千万|百万|万|亿)?"
    r"(?P<suf2>余|多)?"
    rf"(?P<unit>{_units})?"
    r"(?P<suf3>以上|左右|以内|以下)?"
)
