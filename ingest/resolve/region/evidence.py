"""Evidence of the issuing region from each part of a report: title lines, opening, signature, metadata and body mentions."""

from __future__ import annotations

import re

from ingest.resolve.region.cues import (
    _BOOK_TITLE_RE,
    _CJK_SPACE_RE,
    _CUE_WORDS,
    _DATE_LINE_RE,
    _FURNITURE_LABEL_RE,
    _FURNITURE_RE,
    _GOV_LEVEL,
    _GOV_WORDS_RE,
    _ISSUER_LINE_END_RE,
    _LABEL_RE,
    _LABEL_WEIGHT,
    _OPENING_GOV_RE,
    _REPORT_WORDS_RE,
    _SELF_LEVEL,
    _SELF_RE,
    _SENTENCE_PUNCT_RE,
    _STRONG,
    _SUPERIOR_RE,
    _W,
    _department_after,
    _Evidence,
    _issuer_text,
    _short_is_place,
)
from ingest.resolve.region.gazetteer import _NOISY_SHORTS, _WEAK_NAMES, _Tables, _Unit
from ingest.resolve.region.mentions import _is_cjk, _Mention, _scan


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


_COMMITTEE_AND_GOV_RE = re.compile(r"委(?:员会)?\s*[、和与及]?\s*(?:县|区|市|旗|州|盟)?(?:人民)?政府")


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
        # "X县委、县政府…" is the county's party committee and government together: the issuer, not a superior
        with_gov = _COMMITTEE_AND_GOV_RE.match(window, m.end) if after == "委" else None
        superior = after == "委" and with_gov is None or before == "在"
        fits = any(_compatible(tables.units[c], cue) for c in m.codes)
        dept = _department_after(window, m.end)
        if not first_done and not superior and fits:
            issuer = window[m.start:with_gov.end()] if with_gov else _issuer_text(window, m, dept)
            evidence.append(_Evidence(m.codes, _W["opening"], "opening", "opening", issuer, dept))
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
