"""The region tables: every unit of seeds/regions.csv and regions_extra.csv under each surface form of its name (official, Traditional, colloquial, aliases, short), loaded once per process."""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from ingest.paths import SEEDS_DIR
from ingest.text.regex_literals import trie_pattern


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
