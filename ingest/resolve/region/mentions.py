"""Region names in a text: a dictionary scan over every surface form, with the rules that keep a short or two-character name a place and not a word."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ingest.resolve.region.gazetteer import SHORT, _Tables


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
