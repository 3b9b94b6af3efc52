"""Whose report is it: resolve the issuing region (and department) of a 法治政府建设 report.

Pure Python (stdlib + opencc-python-reimplemented).  The region tables are seeds/regions.csv
(GB/T 2260 provinces, prefectures, county-level units) and seeds/regions_extra.csv (functional
zones with pseudo codes), loaded once per process.

How a report is read
--------------------
Names are found with a dictionary scan over every surface form of every unit: its official
name, its Traditional/variant spellings, an autonomous county's colloquial form (焉耆县 for
焉耆回族自治县), the aliases listed in regions_extra.csv's note ("别名: A、B"), and its short
name (蓝山, 绍兴).  A short name counts only where it is plainly a place: before 人民政府/政府/
县委/..., a department, or after 法治/平安 ("法治海港"), or as the parent in a chain
("杭州钱塘区").  Two-character full names (赵县, 和县) need a word boundary on their left, so
示范县 is not 范县.  Adjacent names form a chain (绍兴市上虞区, 上海市闵行区人民政府) whose last
link is the unit named and whose earlier links only narrow it down.

Evidence, strongest first (weights in _W):
  * the title argument ("关于X的报告" makes X the subject);
  * title lines at the top of the text (short lines before the first paragraph): report-title
    lines, issuer lines (蓝山县人民政府, 中共屈原管理区委员会 ...), with the subject after 关于
    weighted above the issuer; addressee lines ("中共岳阳市委、市人民政府：", "省政府:") are
    skipped, page furniture (来源, 发布机构, Copyright, 主办 ...) only says who published the page;
  * the first name in the opening paragraph ("2024年,曲沃县坚持..."), skipping superiors
    ("在绍兴市委...领导下") and titles of documents in 《》;
  * the signature (last short lines ending in 人民政府, 委员会办公室, 局 ...);
  * the metadata argument (发文机关 strong; 发布机构/来源 weak: a mirror page's publisher is not
    the report's author);
  * every further mention of a full name in the body (weak, capped).
The text's self-references (我县, 我区, 我市, 我省, 我局, or "县政府" opening the report) give
the level; a report that only says 我县 is unresolved with level county.  A province report
that names no province ("省政府..." + "总书记来陕考察") is read from the abbreviation.

Ties between units sharing a name (通州区 in 北京 and 南通; four 鼓楼区) are broken by the
province, prefecture and sibling counties the text names, then by the level cue, then by a
small table of unmistakable keywords (_HINTS); otherwise the result is ``ambiguous`` with
the candidates in ``reason``.  Nothing is guessed silently.

Traditional characters: the parts that decide most (the title and metadata arguments, the first
600 characters) go through opencc t2s when they hold any Traditional character; the rest (head up
to 1,200 characters, the last 400, the body read for weak evidence) through opencc's own character
table (TSCharacters) with str.translate, which is ~20x faster.  Every name is indexed under both
conversions of itself (乾县 -> 干县 by character), so both agree.  A 15,000-character report
resolves in ~3 ms after the first call (tables load once, ~0.5 s).

Departments: "绍兴市司法局" gives level ``department``, department "司法局" and the region of
绍兴市.  人民政府办公室/办公厅 count as the government itself.  Party organs (中共X县委 ...)
are the region.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from ingest.paths import SEEDS_DIR
from ingest.text.regex_literals import trie_pattern

__all__ = ["RegionResolution", "resolve_region"]


@dataclass(frozen=True)
class RegionResolution:
    issuer: str | None  # the issuer as written in the text (e.g. "蓝山县人民政府", "绍兴市司法局", "東城區政府")
    region_code: str | None
    region_name: str | None  # simplified official name
    level: str | None  # county | prefecture | province | functional_zone | department
    department: str | None  # e.g. "司法局" when the issuer is a department, else None
    prefecture_code: str | None
    province_code: str | None
    status: str  # resolved | ambiguous | unresolved
    reason: str | None  # why ambiguous/unresolved, human readable


# --------------------------------------------------------------------------------------------
# Tables
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Unit:
    code: str
    name: str
    short_name: str
    level: str  # province | prefecture | county | functional_zone
    prefecture_code: str
    province_code: str
    prefecture_name: str
    province_name: str
    kind: str  # 县 旗 区 市 州 盟 地区 省 自治区 (by the generic part of the name)

    @property
    def ancestors(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(c for c in (self.prefecture_code, self.province_code) if c and c != self.code))

    @property
    def label(self) -> str:
        parents = []
        if self.province_name and self.province_code != self.code:
            parents.append(self.province_name)
        if self.prefecture_name and self.prefecture_code not in (self.code, self.province_code):
            parents.append(self.prefecture_name)
        return f"{self.code} {''.join(parents)}{self.name}"


FULL, ALIAS, SHORT = "full", "alias", "short"

# Full names that are also everyday words: never counted from the body, only in title lines.
_WEAK_NAMES = frozenset({
    "城区", "郊区", "矿区", "东区", "西区", "市中区", "新城区", "老城区", "城中区", "城东区", "城西区",
    "城北区", "新市区", "古城区", "新华区", "和平区", "长安区", "中山区", "白云区", "城关区", "江南区",
    "河东区", "河西区", "南山区", "北山区", "西湖区", "青山区", "铁西区", "铁东区", "平安区", "新兴区",
})
# Short names too common as words to say anything even as context.
_NOISY_SHORTS = frozenset({
    "长治", "安康", "白银", "来宾", "阿里", "大同", "普洱", "红河", "兴安", "黄山", "中山", "朝阳", "大理",
    "海西", "玉树", "怒江", "凉山", "文山", "和田", "吉安", "三明", "通化", "资源", "公安", "共和", "平安",
    "惠民", "通道", "天门", "合作", "新城", "城关", "长安", "和平", "新华", "东区", "西区", "开发",
})
# Keywords that single out one of several same-named units (code -> keywords).
_HINTS: dict[str, tuple[str, ...]] = {
    "110112": ("城市副中心", "副中心"),  # 北京城市副中心 is 北京市通州区 (not 南通市通州区)
}


@dataclass
class _Tables:
    units: dict[str, _Unit]
    surfaces: dict[str, tuple[tuple[str, str], ...]]  # surface -> ((code, form), ...)
    full_rev: dict  # reversed trie of full names and aliases (char -> node; "$" -> surface)
    full_end_re: re.Pattern[str]  # the characters full names end with
    short_rev: dict  # reversed trie of short names of counties and zones
    short_fwd: dict[str, tuple[int, ...]]  # their first two characters -> lengths, longest first
    higher_short_re: re.Pattern[str]  # short names of provinces and prefectures (北京, 绍兴)
    t2s_table: dict[int, str]
    converter: object | None
    children: dict[str, set[str]] = field(default_factory=dict)

    def t2s(self, text: str, phrase_chars: int = 600) -> str:
        """opencc t2s on the first `phrase_chars` characters, opencc's character table on the rest.

        Both are skipped when nothing in `text` is Traditional (the common case)."""
        fast = text.translate(self.t2s_table)
        if fast == text or self.converter is None:
            return fast
        return self.converter.convert(text[:phrase_chars]) + fast[phrase_chars:]  # type: ignore[attr-defined]

    def fast_t2s(self, text: str) -> str:
        return text.translate(self.t2s_table)


def _kind(name: str, level: str) -> str:
    if name.endswith("自治区"):
        return "自治区"
    if level == "functional_zone":
        return "区"
    for suffix in ("地区", "省", "县", "旗", "区", "市", "州", "盟"):
        if name.endswith(suffix):
            return suffix
    return ""


def _opencc_parts():
    try:
        import opencc  # opencc-python-reimplemented
    except ImportError:  # pragma: no cover - the project depends on it
        return None, {}
    converter = opencc.OpenCC("t2s")
    table: dict[int, str] = {}
    chars = Path(opencc.__file__).resolve().parent / "dictionary" / "TSCharacters.txt"
    if chars.exists():
        for line in chars.read_text(encoding="utf-8").splitlines():
            parts = line.split()
            if len(parts) >= 2 and len(parts[0]) == 1 and len(parts[1]) == 1 and parts[0] != parts[1]:
                table[ord(parts[0])] = parts[1]
    return converter, table


_ALIAS_RE = re.compile(r"别名[:：]\s*([^;；]+)")


def _rev_insert(trie: dict, surface: str) -> None:
    node = trie
    for ch in reversed(surface):
        node = node.setdefault(ch, {})
    node["$"] = surface


def _read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


@lru_cache(maxsize=4)
def _load(seeds_dir: Path = SEEDS_DIR) -> _Tables:
    converter, table = _opencc_parts()
    units: dict[str, _Unit] = {}
    aliases: dict[str, list[str]] = {}
    for path in (seeds_dir / "regions.csv", seeds_dir / "regions_extra.csv"):
        if not path.exists():
            continue
        for row in _read_csv(path):
            code = row["region_code"].strip()
            level = row["level"].strip()
            unit = _Unit(
                code=code,
                name=row["name"].strip(),
                short_name=(row.get("short_name") or "").strip(),
                level=level,
                prefecture_code=(row.get("prefecture_code") or "").strip(),
                province_code=(row.get("province_code") or "").strip(),
                prefecture_name=(row.get("prefecture_name") or "").strip(),
                province_name=(row.get("province_name") or "").strip(),
                kind=_kind(row["name"].strip(), level),
            )
            units[code] = unit
            note = row.get("note") or ""
            if m := _ALIAS_RE.search(note):
                aliases[code] = [a.strip() for a in re.split(r"[、,，]", m.group(1)) if a.strip()]

    higher_shorts: dict[str, set[str]] = {}
    for u in units.values():
        if u.level in ("province", "prefecture") and u.short_name:
            higher_shorts.setdefault(u.short_name, set()).add(u.code)
    full_names = {u.name for u in units.values()}
    surfaces: dict[str, dict[tuple[str, str], None]] = {}

    def add(surface: str, code: str, form: str) -> None:
        if len(surface) < 2:
            return
        variants = {surface, surface.translate(table)}
        if converter is not None:
            variants.add(converter.convert(surface))
        for variant in variants:
            surfaces.setdefault(variant, {})[(code, form)] = None

    for unit in units.values():
        add(unit.name, unit.code, FULL)
        for alias in aliases.get(unit.code, ()):
            add(alias, unit.code, ALIAS)
        if unit.short_name:
            add(unit.short_name, unit.code, SHORT)
            if "自治" in unit.name and unit.name[-1] in "县旗州":
                colloquial = unit.short_name + unit.name[-1]  # 焉耆县, 湘西州
                if colloquial not in full_names and not (higher_shorts.get(unit.short_name, set()) - {unit.code}):
                    add(colloquial, unit.code, ALIAS)

    full_rev: dict = {}
    short_rev: dict = {}
    short_fwd: dict[str, set[int]] = {}
    higher_shorts_all: set[str] = set()
    for surface, entries in surfaces.items():
        forms = {form for _, form in entries}
        if forms - {SHORT}:
            _rev_insert(full_rev, surface)
        if SHORT in forms:
            short_levels = {units[c].level for c, f in entries if f == SHORT}
            if short_levels & {"province", "prefecture"}:
                higher_shorts_all.add(surface)  # 长沙 reads as 长沙市 on its own
            if short_levels - {"province", "prefecture"}:
                _rev_insert(short_rev, surface)  # 长沙人民政府 may still be 长沙县
                short_fwd.setdefault(surface[:2], set()).add(len(surface))
    end_chars = "".join(sorted(full_rev))
    children: dict[str, set[str]] = {}
    for unit in units.values():
        for parent in unit.ancestors:
            children.setdefault(parent, set()).add(unit.code)
    return _Tables(
        units=units,
        surfaces={s: tuple(v) for s, v in surfaces.items()},
        full_rev=full_rev,
        full_end_re=re.compile("[" + re.escape(end_chars) + "]"),
        short_rev=short_rev,
        short_fwd={k: tuple(sorted(v, reverse=True)) for k, v in short_fwd.items()},
        higher_short_re=re.compile(trie_pattern(higher_shorts_all)),
        t2s_table=table,
        converter=converter,
        children=children,
    )


# --------------------------------------------------------------------------------------------
# Scanning
# --------------------------------------------------------------------------------------------


def _is_cjk(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff"


@dataclass
class _Mention:
    start: int
    end: int
    surface: str
    codes: tuple[str, ...]
    short: bool  # only short-name readings
    parent: bool = False  # an earlier link of a chain (narrows the next name, is not the subject)


_LEFT_OK = set("于共省市州盟在和与及、")  # chars before a two-character full name that keep it a name
_ISSUER_AFTER_RE = re.compile(
    r"(?:人民政府办公室|人民政府办公厅|人民政府|政府|管理委员会|管委会|行政公署|行署|党工委|工委|县委|区委|市委|州委|旗委|盟委|省委|委员会|党委|委)"
)
_SHORT_OK_AFTER_RE = re.compile(
    r"(?:人民政府|政府|管理委员会|管委会|行政公署|县委|区委|市委|州委|旗委|盟委|省委|党工委|党委|司法局|司法厅)"
)
_PLACE_AFTER_RE = _SHORT_OK_AFTER_RE  # 鲁山人民政府, 衡山县委: a county short name before these is a place
_PLACE_BEFORE_RE = re.compile(r"法治|平安")  # 法治海港


def _rev_longest(trie: dict, text: str, last: int, stop: int = 0) -> tuple[int, str] | None:
    """Longest surface in a reversed trie that ends at text[last]; (start, surface)."""
    node = trie.get(text[last])
    best = None
    j = last - 1
    while node is not None:
        if "$" in node:
            best = (j + 1, node["$"])
        if j < stop:
            break
        node = node.get(text[j])
        j -= 1
    return best


def _scan(tables: _Tables, text: str) -> list[_Mention]:
    """Names in `text`: full names and aliases anchored on their last character, short names of
    provinces/prefectures anywhere, short names of counties only before an issuer word or after
    法治/平安.  Overlaps go to the earliest, then longest; boundary rules and chains applied."""
    surfaces, units = tables.surfaces, tables.units
    raw: list[tuple[int, int, str, bool]] = []  # start, end, surface, higher-level short reading only
    for m in tables.full_end_re.finditer(text):
        hit = _rev_longest(tables.full_rev, text, m.start())
        if hit:
            raw.append((hit[0], m.end(), hit[1], False))
    for m in tables.higher_short_re.finditer(text):
        raw.append((m.start(), m.end(), m.group(0), True))
    if tables.short_rev:
        for m in _PLACE_AFTER_RE.finditer(text):
            if m.start() >= 2:
                hit = _rev_longest(tables.short_rev, text, m.start() - 1)
                if hit:
                    raw.append((hit[0], m.start(), hit[1], False))
        for m in _PLACE_BEFORE_RE.finditer(text):
            i = m.end()
            for length in tables.short_fwd.get(text[i : i + 2], ()):
                surface = text[i : i + length]
                if surface in surfaces and any(f == SHORT for _, f in surfaces[surface]):
                    raw.append((i, i + length, surface, False))
                    break
    raw.sort(key=lambda r: (r[0], r[0] - r[1]))
    out: list[_Mention] = []
    last_end = -1
    for start, end, surface, higher_only in raw:
        if start < last_end:
            continue
        entries = surfaces[surface]
        if higher_only:
            entries = tuple((c, f) for c, f in entries if f == SHORT and units[c].level in ("province", "prefecture"))
        full = tuple(dict.fromkeys(c for c, f in entries if f != SHORT))
        if full:
            if text[end : end + 1] == "域" and surface[-1] in "区县市":
                continue  # 区域/县域/市域: not a name (教育资源县域)
            if len(surface) == 2 and start > 0 and not (out and out[-1].end == start):
                prev, nxt = text[start - 1], text[end : end + 1]
                if _is_cjk(prev) and prev not in _LEFT_OK:
                    continue  # 示范县 is not 范县
                if nxt and nxt in "委直级属" and prev != "共":
                    continue  # 市委和县委, 和县直单位: 县委/县直, not 和县
            out.append(_Mention(start, end, surface, full, False))
        else:
            out.append(_Mention(start, end, surface, tuple(dict.fromkeys(c for c, f in entries if f == SHORT)), True))
        last_end = end
    # chains: 浙江省杭州市钱塘区, 杭州钱塘区, 上海市闵行区
    for prev, cur in zip(out, out[1:], strict=False):
        if cur.start != prev.end:
            continue
        narrowed = tuple(c for c in cur.codes if set(units[c].ancestors) & set(prev.codes))
        if narrowed:
            parents = {a for c in narrowed for a in units[c].ancestors}
            prev.codes = tuple(c for c in prev.codes if c in parents) or prev.codes
            prev.parent = True
            cur.codes = narrowed
    return out


def _short_is_place(text: str, m: _Mention) -> bool:
    """A short-name reading counts only where the context makes it a place name."""
    if m.parent:
        return True
    before = text[max(0, m.start - 2) : m.start]
    if before in ("法治", "平安"):
        return True
    return bool(_SHORT_OK_AFTER_RE.match(text, m.end) or _department_after(text, m.end))


# --------------------------------------------------------------------------------------------
# Departments, cues, lines
# --------------------------------------------------------------------------------------------

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


# --------------------------------------------------------------------------------------------
# Evidence collection
# --------------------------------------------------------------------------------------------


def _line_evidence(tables: _Tables, line: str, weight: float, source: str, key: str, *,
                   publisher: bool = False, short_ok_everywhere: bool = False) -> list[_Evidence]:
    """Evidence from one title-like line: every named unit; the subject after 关于 weighs more."""
    found: list[_Evidence] = []
    whole_line = source in ("issuer_line", "signature") and len(line) <= 40
    about = line.find("关于")
    subject_done = False
    for m in _scan(tables, line):
        if m.parent:
            continue
        if m.short and not (short_ok_everywhere and _higher_level(tables, m)) and not _short_is_place(line, m):
            continue
        dept = _department_after(line, m.end)
        w = weight
        if about >= 0 and m.start > about and not subject_done:
            w += _W["subject_bonus"]
            subject_done = True
        issuer = line if whole_line and not dept else _issuer_text(line, m, dept)
        found.append(_Evidence(m.codes, w, source, key, issuer, dept, publisher))
    return found


def _issuer_rank(ev: _Evidence) -> tuple[int, float]:
    """Which reading to quote as the issuer: a government or department before a party organ or a bare name."""
    text = ev.issuer or ""
    if ev.dept or _GOV_WORDS_RE.search(text):
        rank = 3
    elif text.endswith(("委", "委员会", "办公室", "文件")):
        rank = 2
    else:
        rank = 1
    return rank, ev.weight


def _higher_level(tables: _Tables, m: _Mention) -> bool:
    return all(tables.units[c].level in ("province", "prefecture") for c in m.codes)


def _split_lines(window: str) -> list[str]:
    return [_CJK_SPACE_RE.sub("", ln).strip() for ln in window.splitlines()]


def _cjk_len(s: str) -> int:
    return sum(1 for ch in s if _is_cjk(ch))


def _head_evidence(tables: _Tables, head: str) -> tuple[list[_Evidence], str, set[str]]:
    """Evidence from the top of the text; returns it with the opening paragraph and the lines read."""
    evidence: list[_Evidence] = []
    opening = ""
    read: set[str] = set()
    for idx, line in enumerate(_split_lines(head)):
        if not line:
            continue
        read.add(line)
        key = f"head{idx}"
        is_paragraph = _cjk_len(line) >= 30 and bool(_SENTENCE_PUNCT_RE.search(line))
        if (_FURNITURE_LABEL_RE.search(line) if is_paragraph else _FURNITURE_RE.search(line)):
            for label, value in _LABEL_RE.findall(line):
                evidence += _line_evidence(tables, value, _LABEL_WEIGHT[label], "furniture", f"{key}:{label}",
                                           publisher=_LABEL_WEIGHT[label] < _STRONG)
            if not _LABEL_RE.search(line):
                evidence += _line_evidence(tables, line, _W["furniture"], "furniture", key, publisher=True)
            continue
        if line[-1] in ":：" and len(line) <= 40 and "报告" not in line:
            continue  # addressee: 中共岳阳市委、市人民政府：
        if is_paragraph:
            opening = line
            break
        if len(line) > 80:
            continue
        if _REPORT_WORDS_RE.search(line):
            weight, source = _W["title_line"], "title_line"
        elif _ISSUER_LINE_END_RE.search(line) or line.startswith("中共"):
            weight, source = _W["issuer_line"], "issuer_line"
        else:
            weight, source = _W["other_line"], "other_line"
        evidence += _line_evidence(tables, line, weight, source, key, short_ok_everywhere=True)
    return evidence, opening, read


def _opening_evidence(tables: _Tables, opening: str, cue: str | None) -> list[_Evidence]:
    """The first name in the opening paragraph is the one reporting ("2024年,曲沃县坚持"), unless it
    is a superior ("在绍兴市委...领导下"), a document title (《...》) or of another level than the
    text speaks as (我县 ... but names 永州市 first)."""
    window = _BOOK_TITLE_RE.sub(lambda m: " " * len(m.group(0)), opening[:300])
    window = _SUPERIOR_RE.sub(lambda m: "在" + " " * (len(m.group(0)) - 1), window)
    evidence: list[_Evidence] = []
    first_done = False
    for m in _scan(tables, window):
        if m.parent:
            continue
        if m.short and not _short_is_place(window, m):
            continue
        after = window[m.end : m.end + 1]
        before = window[max(0, m.start - 1) : m.start]
        superior = after == "委" or before == "在"
        fits = any(_compatible(tables.units[c], cue) for c in m.codes)
        dept = _department_after(window, m.end)
        if not first_done and not superior and fits:
            evidence.append(_Evidence(m.codes, _W["opening"], "opening", "opening", _issuer_text(window, m, dept), dept))
            first_done = True
        else:
            evidence.append(_Evidence(m.codes, _W["opening_other"], "opening_other", f"opening{m.start}"))
    return evidence


def _signature_evidence(tables: _Tables, tail: str, read: set[str]) -> list[_Evidence]:
    lines = [ln for ln in _split_lines(tail) if ln and ln not in read]
    evidence: list[_Evidence] = []
    for idx, line in enumerate(lines[-6:]):
        key = f"tail{idx}"
        if _FURNITURE_RE.search(line):
            for label, value in _LABEL_RE.findall(line):
                evidence += _line_evidence(tables, value, _LABEL_WEIGHT[label], "furniture", f"{key}:{label}",
                                           publisher=_LABEL_WEIGHT[label] < _STRONG)
            continue
        if len(line) > 40 or _DATE_LINE_RE.match(line) or _SENTENCE_PUNCT_RE.search(line):
            continue
        if not _ISSUER_LINE_END_RE.search(line):
            continue
        evidence += _line_evidence(tables, line, _W["signature"], "signature", key)
    return evidence


def _body_evidence(tables: _Tables, body: str) -> tuple[list[_Evidence], dict[str, float]]:
    """Weak evidence from every full-name mention, and context counts for tie-breaking."""
    evidence: list[_Evidence] = []
    context: dict[str, float] = {}
    for m in _scan(tables, body):
        if m.short:
            if m.surface in _NOISY_SHORTS:
                continue
            if _higher_level(tables, m):
                for c in m.codes:
                    context[c] = context.get(c, 0.0) + 1.0
            if not _short_is_place(body, m) or m.parent:
                continue
        else:
            for c in m.codes:
                context[c] = context.get(c, 0.0) + 1.0
        if m.parent or m.surface in _WEAK_NAMES:
            continue
        evidence.append(_Evidence(m.codes, _W["body"], "body", "body"))
    return evidence, context


def _level_cue(body: str, opening: str) -> tuple[str | None, str | None]:
    counts: dict[str, int] = {}
    for m in _SELF_RE.finditer(body):
        level = _SELF_LEVEL[m.group(1)]
        counts[level] = counts.get(level, 0) + 1
    if counts:
        level = max(counts, key=lambda k: counts[k])
        return level, f"{_CUE_WORDS[level]} ×{counts[level]}"
    if m := _OPENING_GOV_RE.match(_SUPERIOR_RE.sub("", opening[:200])):  # 2023年,[在县委的坚强领导下,]县政府
        return _GOV_LEVEL[m.group(1)], "opening '" + m.group(0).split("年")[-1].lstrip(",，、 ") + "'"
    return None, None


def _compatible(unit: _Unit, cue: str | None) -> bool:
    if cue is None or cue == "department":
        return True
    if cue == "county":
        return unit.level == "county" and unit.kind in ("县", "旗")
    if cue == "district":
        return unit.kind in ("区", "自治区") or unit.level == "functional_zone"
    if cue == "city":
        return unit.kind == "市"
    if cue == "prefecture":
        return unit.kind in ("州", "盟", "地区")
    if cue == "province":
        return unit.level == "province"
    return True


def _cue_level_name(cue: str | None) -> str | None:
    return {"county": "county", "district": "county", "province": "province", "prefecture": "prefecture",
            "department": "department"}.get(cue or "")


# --------------------------------------------------------------------------------------------
# Decision
# --------------------------------------------------------------------------------------------


def _resolution(tables: _Tables, code: str, issuer: str | None, dept: str | None, status: str = "resolved",
                reason: str | None = None) -> RegionResolution:
    unit = tables.units[code]
    return RegionResolution(
        issuer=issuer,
        region_code=unit.code,
        region_name=unit.name,
        level="department" if dept else unit.level,
        department=dept,
        prefecture_code=unit.prefecture_code or None,
        province_code=unit.province_code or None,
        status=status,
        reason=reason,
    )


def _as_written(original_windows: list[str], tables: _Tables, issuer: str | None) -> str | None:
    """Map an issuer found in converted text back to the characters the text used (東城區政府)."""
    if not issuer:
        return issuer
    for window in original_windows:
        if not window:
            continue
        if issuer in window:
            return issuer
        converted = tables.fast_t2s(window)
        key = tables.fast_t2s(issuer)
        pos = converted.find(key)
        if pos >= 0:
            return window[pos : pos + len(issuer)]
    return issuer


def _context_score(tables: _Tables, code: str, context: dict[str, float], own_codes: set[str]) -> float:
    unit = tables.units[code]
    score = 0.0
    for ancestor in unit.ancestors:
        score += context.get(ancestor, 0.0)
    if unit.prefecture_code and unit.prefecture_code != unit.province_code:
        for sibling in tables.children.get(unit.prefecture_code, ()):
            if sibling != code and sibling not in own_codes and tables.units[sibling].level != "prefecture":
                score += 0.5 * context.get(sibling, 0.0)
    return score


def _break_tie(tables: _Tables, tied: list[str], cue: str | None, context: dict[str, float],
               raw_text: str) -> tuple[str | None, str]:
    own = set(tied)
    compatible = [c for c in tied if _compatible(tables.units[c], cue)]
    pool = compatible if compatible else tied
    if len(pool) == 1:
        return pool[0], f"chosen by level cue ({cue})"
    scores = sorted(((_context_score(tables, c, context, own), c) for c in pool), reverse=True)
    best, second = scores[0], scores[1]
    if best[0] > 0 and (second[0] == 0 or best[0] >= 2 * second[0]):
        unit = tables.units[best[1]]
        named = [tables.units[a].name for a in unit.ancestors if context.get(a)]
        why = "、".join(named) if named else "neighbouring units"
        return best[1], f"disambiguated by context ({why} named in the text)"
    hinted = [c for c in pool if any(k in raw_text for k in _HINTS.get(c, ()))]
    if len(hinted) == 1:
        keyword = next(k for k in _HINTS[hinted[0]] if k in raw_text)
        return hinted[0], f"disambiguated by keyword '{keyword}'"
    return None, "no province or prefecture named in the text to choose between them"


def resolve_region(text: str, title: str | None = None, metadata: dict[str, str] | None = None) -> RegionResolution:
    """Resolve the region (and department) whose report `text` is; see the module docstring."""
    tables = _load()
    text = text or ""
    metadata = metadata or {}

    if title and (m := _CODE_RE.match(title)) and m.group(1) in tables.units:
        return _resolution(tables, m.group(1), title.strip(), None, reason="given as a region code")

    head_raw, tail_raw = text[:1200], text[-400:]
    head, tail = tables.t2s(head_raw), tables.fast_t2s(tail_raw)
    body = tables.fast_t2s(text)

    evidence: list[_Evidence] = []
    if title:
        parts = [p for p in _TITLE_SPLIT_RE.split(tables.t2s(title.strip())) if p]
        for idx, part in enumerate(parts):
            clean = _CJK_SPACE_RE.sub("", part)
            if idx == 0:
                evidence += _line_evidence(tables, clean, _W["title_arg"], "title_arg", "title0", short_ok_everywhere=True)
            else:
                evidence += _line_evidence(tables, clean, _W["title_arg_other"], "title_arg_other", f"title{idx}",
                                           publisher=True)
    for label, value in metadata.items():
        weight = _LABEL_WEIGHT.get(label)
        if weight is None or not value:
            continue
        evidence += _line_evidence(tables, tables.t2s(str(value)), weight, "metadata", f"meta:{label}",
                                   publisher=weight < _STRONG)
    head_ev, opening, read = _head_evidence(tables, head)
    evidence += head_ev
    cue, cue_text = _level_cue(body, opening)
    evidence += _opening_evidence(tables, opening, cue)
    evidence += _signature_evidence(tables, tail, read)
    body_ev, context = _body_evidence(tables, body)
    evidence += body_ev
    extra = "\n".join([tables.t2s(title or ""), *(tables.t2s(str(v)) for v in metadata.values())])
    if extra.strip():
        for code, count in _body_evidence(tables, extra)[1].items():
            context[code] = context.get(code, 0.0) + count
    m = _OPENING_GOV_RE.match(_SUPERIOR_RE.sub("", opening[:200]))
    opening_gov = m.group(0).split("年")[-1].lstrip(",，、 ") if m else None
    if cue == "province":
        for m in _ABBR_RE.finditer(body):
            code = _PROVINCE_ABBR[m.group(1)]
            evidence.append(_Evidence((code,), _W["abbreviation"], "abbreviation", "abbreviation"))

    # score: a code counts once per source line (its best reading there); body mentions are capped
    best_per_key: dict[tuple[str, str], _Evidence] = {}
    body_score: dict[str, float] = {}
    for ev in evidence:
        for code in ev.code_set:
            if ev.source == "body":
                body_score[code] = min(_W["body_cap"], body_score.get(code, 0.0) + ev.weight)
                continue
            k = (code, ev.key)
            if k not in best_per_key or best_per_key[k].weight < ev.weight:
                best_per_key[k] = ev
    scores: dict[str, float] = dict(body_score)
    items: dict[str, list[_Evidence]] = {}
    for (code, _), ev in best_per_key.items():
        scores[code] = scores.get(code, 0.0) + ev.weight
        items.setdefault(code, []).append(ev)

    cue_note = f"level cue {cue_text}" if cue_text else "no level cue"
    if not scores:
        return RegionResolution(None, None, None, _cue_level_name(cue), None, None, None, "unresolved",
                                f"no region name found in the title, opening, signature or metadata ({cue_note})")

    ranked = sorted(scores, key=lambda c: (-scores[c], c))
    top = scores[ranked[0]]
    tied = [c for c in ranked if scores[c] >= top - 1e-9]
    reason: str | None = None
    if len(tied) > 1:
        if not _same_named(tables, tied):
            return _ambiguous(tables, tied, items, "conflicting evidence of equal weight: "
                              + "; ".join(_describe(tables, c, scores, items) for c in tied))
        chosen, why = _break_tie(tables, tied, cue, context, body)
        if chosen is None:
            return _ambiguous(tables, tied, items, why)
        best = chosen
        reason = why
    else:
        best = ranked[0]

    unit = tables.units[best]
    related = set(unit.ancestors) | tables.children.get(best, set()) | {best}
    rivals = [c for c in ranked if c not in related and c not in tied and scores[c] >= 0.8 * top]
    if rivals and _same_named(tables, [best, *rivals]):
        chosen, why = _break_tie(tables, [best, *rivals], cue, context, body)
        if chosen is None:
            return _ambiguous(tables, [best, *rivals], items, why)
        best, reason, rivals = chosen, why, []
        unit = tables.units[best]
    if rivals:
        return _ambiguous(tables, [best, *rivals], items,
                          "conflicting evidence: " + "; ".join(_describe(tables, c, scores, items) for c in [best, *rivals]))

    strong = [ev for ev in items.get(best, []) if not ev.publisher and ev.source not in ("body", "opening_other")]
    strongest = max(strong, key=lambda ev: ev.weight) if strong else None
    has_strong = strongest is not None and strongest.weight >= _STRONG
    if not _compatible(unit, cue) and not has_strong:
        return RegionResolution(None, None, None, _cue_level_name(cue), None, None, None, "unresolved",
                                f"the text speaks as a {cue} but only names "
                                f"{unit.name} ({unit.level}) in passing ({cue_note})")
    if top < _MIN_SCORE:
        return RegionResolution(None, None, None, _cue_level_name(cue), None, None, None, "unresolved",
                                f"only weak evidence: {_describe(tables, best, scores, items)} ({cue_note})")

    dept = None
    if strongest is not None and strongest.dept and (strongest.source != "signature" or cue in (None, "department")):
        dept = strongest.dept  # a signature by 司法局 under a text that says 我县 is the county's report
    elif cue == "department":
        with_dept = [ev for ev in strong if ev.dept]
        if with_dept:
            strongest = max(with_dept, key=lambda ev: ev.weight)
            dept = strongest.dept
    if dept:
        issuer_norm = strongest.issuer if strongest is not None else unit.name
    else:
        floor = min(_STRONG, strongest.weight if strongest else 0.0)
        named = [ev for ev in evidence if best in ev.code_set and ev.issuer and not ev.publisher and not ev.dept
                 and ev.source not in ("body", "opening_other") and ev.weight >= floor]
        issuer_norm = max(named, key=_issuer_rank).issuer if named else (opening_gov or unit.name)
    issuer = _as_written([title or "", head_raw, tail_raw, *map(str, metadata.values())], tables, issuer_norm)
    notes = [n for n in (reason, None if has_strong else f"weak evidence only ({cue_note})") if n]
    if not _compatible(unit, cue):
        notes.append(f"named {unit.name} does not match {cue_note}")
    return _resolution(tables, best, issuer, dept, reason="; ".join(notes) or None)


def _same_named(tables: _Tables, codes: list[str]) -> bool:
    """True when the candidates share a name or short name (通州区 x2; 长沙市/长沙县)."""
    units = [tables.units[c] for c in codes]
    if len({u.name for u in units}) == 1:
        return True
    shorts = {u.short_name or u.name for u in units}
    return len(shorts) == 1


def _describe(tables: _Tables, code: str, scores: dict[str, float], items: dict[str, list[_Evidence]]) -> str:
    sources = sorted({ev.source for ev in items.get(code, [])}) or ["body"]
    return f"{tables.units[code].label} (score {scores[code]:.1f} from {', '.join(sources)})"


def _ambiguous(tables: _Tables, codes: list[str], items: dict[str, list[_Evidence]], why: str) -> RegionResolution:
    units = [tables.units[c] for c in codes]
    names = {u.name for u in units}
    levels = {u.level for u in units}
    issuers = [ev.issuer for c in codes for ev in sorted(items.get(c, []), key=lambda e: -e.weight) if ev.issuer]
    same_name = len(names) == 1
    label = f"{next(iter(names))} matches {len(units)} regions" if same_name else "several regions"
    return RegionResolution(
        issuer=issuers[0] if issuers else None,
        region_code=None,
        region_name=next(iter(names)) if same_name else None,
        level=next(iter(levels)) if len(levels) == 1 else None,
        department=None,
        prefecture_code=None,
        province_code=units[0].province_code if len({u.province_code for u in units}) == 1 else None,
        status="ambiguous",
        reason=f"{label}: " + " | ".join(u.label for u in units) + f"; {why}",
    )
