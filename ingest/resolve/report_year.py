"""Report year, publish date and document number from a report's title, header and signature."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from datetime import date

_CN_YEAR_DIGITS = str.maketrans("〇零一二三四五六七八九", "00123456789")
_YEAR_SUBJECT_RE = re.compile(
    r"((?:19|20)\d{2})\s*年\s*(?:度)?\s*(?:的)?\s*(?:法治政府|法治建设|推进法治|全面依法|依法行政|法治工作|工作情况|工作报告|年度报告|主要举措)"
)
_OPENING_YEAR_RE = re.compile(r"^\s*((?:19|20)\d{2})\s*年(?:度|以来)?\s*[,，]")
_ANY_YEAR_RE = re.compile(r"((?:19|20)\d{2})\s*年")
_DATE_RE = re.compile(r"((?:19|20)\d{2})\s*[-年/.]\s*(\d{1,2})\s*[-月/.]\s*(\d{1,2})\s*日?")
_CN_DATE_RE = re.compile(r"([二〇零一三四五六七八九]{4})年([一二三四五六七八九十]{1,2})月([一二三四五六七八九十]{1,3})日")
_DOC_NUMBER_RE = re.compile(r"[\u4e00-\u9fff]{1,10}[〔\[［(（]\s*(?:19|20)\d{2}\s*[〕\]］)）]\s*\d{1,4}\s*号")
_SPACE_IN_NUMBER_RE = re.compile(r"(?<=\d)\s+(?=\d)")
_SPACE_RE = re.compile(r"\s+")
# a year stated in the opening sentence, not a date (2024年1月) nor a document's title year
_OPENING_SENTENCE_YEAR_RE = re.compile(r"(?<![\d《〔(（])((?:19|20)\d{2})\s*年(?!\s*\d{1,2}\s*月|版|第)(?![^《》]*》)")
_PROSE_PUNCT_RE = re.compile(r"[，,。；;]")
_LABEL_LINE_RE = re.compile(r"^[^，,。]{0,8}[:：]")
_DATE_LABELS = ("发布日期", "生成日期", "成文日期", "日期")


@dataclass(frozen=True)
class ReportMetadata:
    report_year: int | None
    publish_date: date | None
    doc_number: str | None


def _cn_int(text: str) -> int:
    """一 → 1, 十二 → 12, 二十一 → 21, 三十一 → 31 (months and days only)."""
    digits = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
    if "十" not in text:
        return digits.get(text, 0)
    tens, _, ones = text.partition("十")
    return digits.get(tens, 1) * 10 + digits.get(ones, 0)


def _safe_date(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


def find_publish_date(text: str, metadata: dict[str, str]) -> date | None:
    """Header metadata first, then a date line in the signature at the end, then one near the top."""
    for label in _DATE_LABELS:
        value = metadata.get(label)
        if value and (match := _DATE_RE.search(value)):
            return _safe_date(*map(int, match.groups()))
    tail, head = text[-300:], text[:400]
    for region in (tail, head):
        dates = [_safe_date(*map(int, m.groups())) for m in _DATE_RE.finditer(region)]
        dates += [
            _safe_date(int(m.group(1).translate(_CN_YEAR_DIGITS)), _cn_int(m.group(2)), _cn_int(m.group(3)))
            for m in _CN_DATE_RE.finditer(region)
        ]
        dates = [d for d in dates if d]
        if dates:
            return dates[-1] if region is tail else dates[0]
    return None


def find_report_year(text: str, title: str | None, publish_date: date | None) -> int | None:
    """The year reported on: the year in the title's subject, the opening "2024年，我县…", the most
    common year near the top; else the year before publication (reports appear by 1 April)."""
    head = (title or "") + "\n" + text[:800]
    head = _SPACE_IN_NUMBER_RE.sub("", head)
    subject = [int(y) for y in _YEAR_SUBJECT_RE.findall(head)]
    if subject:
        return Counter(subject).most_common(1)[0][0]
    for line in text[:1500].splitlines():
        if match := _OPENING_YEAR_RE.match(line):
            return int(match.group(1))
    if opening := _opening_sentence(text[:1500]):  # "我县2023年坚持…", "在县委领导下，2023年我县…"
        if match := _OPENING_SENTENCE_YEAR_RE.search(opening):
            return int(match.group(1))
    years = [int(y) for y in _ANY_YEAR_RE.findall(text[:1500]) if 2000 <= int(y) <= 2100]
    if publish_date is not None:
        years = [y for y in years if y <= publish_date.year]
    if years:
        return Counter(years).most_common(1)[0][0]
    return publish_date.year - 1 if publish_date else None


def _opening_sentence(head: str) -> str | None:
    """The first sentence of the first paragraph (a line of prose, not a title or a label line)."""
    for line in head.splitlines():
        line = line.strip()
        if len(line) >= 15 and _PROSE_PUNCT_RE.search(line) and not _LABEL_LINE_RE.match(line):
            return line.split("。", 1)[0]
    return None


def find_doc_number(text: str, metadata: dict[str, str]) -> str | None:
    for label in ("文件编号", "发文字号"):
        value = metadata.get(label)
        if value and _DOC_NUMBER_RE.search(value):
            return value
    match = _DOC_NUMBER_RE.search(text[:600])
    return _SPACE_RE.sub("", match.group()) if match else None


def read_report_metadata(text: str, title: str | None, metadata: dict[str, str]) -> ReportMetadata:
    published = find_publish_date(text, metadata)
    year = find_report_year(text, title, published)
    if published and year and published.year < year:
        published = None  # a date quoted in the body, not the publication date
    return ReportMetadata(year, published, find_doc_number(text, metadata))
