"""What the words around a name say: departments (绍兴市司法局), self-references (我县), page furniture, issuer and date lines, and the weights of each kind of evidence."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ingest.resolve.region.mentions import (
    _ISSUER_AFTER_RE,
    _SHORT_OK_AFTER_RE,
    _Mention,
)

_DEPT_NAMES = sorted(
    """司法局 司法厅 市场监督管理局 市场监管局 教育局 教育厅 教育委员会 教委 教育体育局 教育和体育局 公安局 公安厅
    财政局 财政厅 人力资源和社会保障局 人力资源和社会保障厅 人力资源社会保障局 人社局 民政局 民政厅 自然资源局
    自然资源和规划局 自然资源厅 规划和自然资源局 规划和自然资源委员会 规划自然资源委 生态环境局 生态环境厅
    住房和城乡建设局 住房城乡建设局 住房和城乡建设厅 住房和城乡建设委员会 住建委 住建局 交通运输局 交通运输厅
    交通委员会 交通委 水利局 水利厅 水务局 农业农村局 农业农村厅 农业农村委员会 农业农村委 商务局 商务厅 商务委员会
    商务委 文化和旅游局 文化广电和旅游局 文化广电旅游局 文化和旅游厅 文旅局 卫生健康委员会 卫生健康委 卫健委
    卫生健康局 卫健局 退役军人事务局 退役军人事务厅 应急管理局 应急管理厅 应急局 审计局 审计厅 统计局 税务局
    发展和改革委员会 发展改革委 发改委 发展和改革局 发改局 工业和信息化局 工业和信息化厅 经济和信息化局
    经济和信息化委员会 经信委 经信局 工信局 科学技术局 科学技术厅 科技局 科技厅 科学技术委员会 科委 城市管理局
    城市管理和综合执法局 城市管理综合执法局 城市管理委员会 城管委 城管局 综合行政执法局 行政审批局 行政审批服务局
    数据资源管理局 大数据局 政务服务管理局 政务服务和数据管理局 政务服务数据管理局 医疗保障局 医保局 林业局
    林业和草原局 园林绿化局 体育局 粮食和物资储备局 人民防空办公室 人防办 机关事务管理局 信访局 民族宗教事务局
    民族宗教事务委员会 民宗委 地方金融监督管理局 金融工作局 国有资产监督管理委员会 国资委 气象局 药品监督管理局
    知识产权局 乡村振兴局 能源局 广播电视局 新闻出版局 外事办公室 侨务办公室 人民政府外事办公室""".split(),
    key=len,
    reverse=True,
)
_DEPT_STOP_FIRST = set("在对把将的和与及为是全各以从向按坚认紧充围深始聚通立着于由等及其该本我")
_DEPT_RE = re.compile("(" + "|".join(map(re.escape, _DEPT_NAMES)) + r"|[\u4e00-\u9fff]{2,9}?(?:局|厅))")
_NOT_DEPT_RE = re.compile(r"政府|人民|委|全局|大局|格局|布局|当局|开局|建设|发展|工作|法治|推进|新局|结局|胜局|变局")
_NOT_DEPT_NEXT = set("面势部长限")


def _department_after(text: str, end: int) -> str | None:
    m = _DEPT_RE.match(text, end)
    if not m:
        return None
    dept = m.group(1)
    if dept in _DEPT_NAMES:
        return dept
    # the generic reading (…局/…厅) must look like an office, not 新格局, 法治建设新局面
    if dept[0] in _DEPT_STOP_FIRST or _NOT_DEPT_RE.search(dept) or text[m.end() : m.end() + 1] in _NOT_DEPT_NEXT:
        return None
    return dept


def _issuer_text(text: str, m: _Mention, dept: str | None) -> str:
    end = m.end
    if dept:
        return text[m.start : end + len(dept)]
    after = _ISSUER_AFTER_RE.match(text, end)
    if after and after.group(0) not in ("委",):
        end = after.end()
    return text[m.start : end]


_SELF_RE = re.compile(r"我(县|区|市|省|州|旗|盟|局|厅|委)")
_SELF_LEVEL = {"县": "county", "旗": "county", "区": "district", "市": "city", "省": "province", "州": "prefecture",
               "盟": "prefecture", "局": "department", "厅": "department", "委": "department"}
_OPENING_GOV_RE = re.compile(
    r"^\s*(?:(?:19|20)\d{2}\s*年(?:度|以来)?)?[\s,，、]*(县|区|市|省|州|旗|自治区)(?:人民)?政府"
)
_GOV_LEVEL = {"县": "county", "旗": "county", "区": "district", "市": "city", "省": "province", "州": "prefecture",
              "自治区": "province"}
_CUE_WORDS = {"county": "我县", "district": "我区", "city": "我市", "province": "我省", "prefecture": "我州",
              "department": "我局"}

_PROVINCE_ABBR = {
    "京": "110000", "津": "120000", "冀": "130000", "晋": "140000", "蒙": "150000", "辽": "210000", "吉": "220000",
    "黑": "230000", "沪": "310000", "苏": "320000", "浙": "330000", "皖": "340000", "闽": "350000", "赣": "360000",
    "鲁": "370000", "豫": "410000", "鄂": "420000", "湘": "430000", "粤": "440000", "桂": "450000", "琼": "460000",
    "渝": "500000", "川": "510000", "蜀": "510000", "黔": "520000", "滇": "530000", "藏": "540000", "陕": "610000",
    "秦": "610000", "甘": "620000", "陇": "620000", "青": "630000", "宁": "640000", "新": "650000",
}
_ABBR_RE = re.compile(r"(?:来|到|赴)(" + "|".join(_PROVINCE_ABBR) + r")(?:考察|视察)")

_FURNITURE_RE = re.compile(
    r"来源|发布机构|发布单位|发文机关|发文单位|主办|承办|协办|版权所有|Copyright|©|ICP|公网安备|网站标识码|当前位置|"
    r"所在的位置|当前的位置|索引号|浏览|点击|字体|字号|分享|打印|关闭|今天是|首页|网站地图|站点地图|扫一扫|访问量|访客|"
    r"发布日期|发布时间|更新时间|生成日期|成文日期|公开方式|公开范围|主题分类|文\s*号|签发人|阅读|时间[:：]"
)
_FURNITURE_LABEL_RE = re.compile(r"(?:来源|发布机构|发布单位|发布日期|发布时间|索引号|浏览次数|点击率|主办|承办)\s*[:：]")
_LABEL_RE = re.compile(
    r"(发文机关|发文单位|发布机构|发布单位|信息来源|文章来源|来源|主办单位|主办)\s*[:：]?\s*([^\s:：|｜]{2,40})"
)
_LABEL_WEIGHT = {"发文机关": 6.0, "发文单位": 6.0, "发布机构": 2.0, "发布单位": 2.0, "信息来源": 1.0, "文章来源": 1.0,
                 "来源": 1.0, "主办单位": 1.5, "主办": 1.5}
_REPORT_WORDS_RE = re.compile(r"报告|法治政府|法治建设|依法行政|工作情况|年度|依法治")
_ISSUER_LINE_END_RE = re.compile(
    r"(?:人民政府|政府|委员会|管委会|县委|区委|市委|州委|旗委|盟委|省委|党委|党工委|委|文件|局|厅|办公室|办公厅|行政公署)$"
)
_GOV_WORDS_RE = re.compile(r"人民政府|政府|管理委员会|管委会|行政公署|行署")
_SENTENCE_PUNCT_RE = re.compile(r"[，,。；;！？]")
_CJK_SPACE_RE = re.compile(r"(?<=[\u4e00-\u9fff])[ \t\u3000\u00a0]+(?=[\u4e00-\u9fff])")
_BOOK_TITLE_RE = re.compile(r"《[^》]{0,80}》")
_SUPERIOR_RE = re.compile(r"在[^。；;]{0,60}?(?:领导|指导|关心|支持|帮助|部署)下")
_DATE_LINE_RE = re.compile(r"^\s*(?:(?:19|20)\d{2}|[〇零一二三四五六七八九]{4})\s*年.{0,6}月.{0,4}日?\s*$")
_CODE_RE = re.compile(r"^\s*(\d{6}|Z\d{8})\s*$")
_TITLE_SPLIT_RE = re.compile(r"\s*(?:[_|｜]|--|——|\s-\s|\s–\s)\s*")

# Weights of evidence (see module docstring).
_W = {
    "title_arg": 12.0,
    "subject_bonus": 4.0,
    "title_line": 10.0,
    "issuer_line": 8.0,
    "other_line": 3.0,
    "opening": 7.0,
    "opening_other": 1.0,
    "signature": 6.0,
    "furniture": 1.0,
    "title_arg_other": 1.5,
    "abbreviation": 2.0,
    "body": 0.5,
    "body_cap": 3.0,
}
_STRONG = 6.0  # evidence at least this strong names the author outright
_MIN_SCORE = 2.0  # below this, a lone candidate is reported as unresolved, not guessed


@dataclass
class _Evidence:
    code_set: tuple[str, ...]
    weight: float
    source: str  # title_arg | title_line | issuer_line | opening | signature | metadata | furniture | body | abbreviation
    key: str  # one source line: a code counts once per key (its highest weight)
    issuer: str | None = None
    dept: str | None = None
    publisher: bool = False


def _short_is_place(text: str, m: _Mention) -> bool:
    """A short-name reading counts only where the context makes it a place name."""
    if m.parent:
        return True
    before = text[max(0, m.start - 2) : m.start]
    if before in ("法治", "平安"):
        return True
    return bool(_SHORT_OK_AFTER_RE.match(text, m.end) or _department_after(text, m.end))
