"""The decision: weigh the evidence, break ties between same-named units, and say resolved, ambiguous or unresolved with the reason."""

from __future__ import annotations

from dataclasses import dataclass

from ingest.resolve.region.cues import (
    _ABBR_RE,
    _CJK_SPACE_RE,
    _CODE_RE,
    _LABEL_WEIGHT,
    _MIN_SCORE,
    _OPENING_GOV_RE,
    _PROVINCE_ABBR,
    _STRONG,
    _SUPERIOR_RE,
    _TITLE_SPLIT_RE,
    _W,
    _Evidence,
)
from ingest.resolve.region.evidence import (
    _body_evidence,
    _compatible,
    _cue_level_name,
    _head_evidence,
    _issuer_rank,
    _level_cue,
    _line_evidence,
    _opening_evidence,
    _signature_evidence,
)
from ingest.resolve.region.gazetteer import _HINTS, _load, _Tables


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

    municipality = _whole_municipality(tables, scores, cue)
    if municipality is not None:
        return _resolution(tables, municipality, opening_gov or tables.units[municipality].name, None,
                           reason=f"a municipality as a whole: {cue_note}, only its districts named")

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


def _whole_municipality(tables: _Tables, scores: dict[str, float], cue: str | None) -> str | None:
    """北京/上海/天津/重庆 reporting as a whole: the text speaks as a city (我市, 市政府) but every name it
    gives is a district of one municipality (上海市浦东新区, 闵行区), never a city itself."""
    if cue != "city" or any(_compatible(tables.units[c], cue) for c in scores):
        return None
    roots = set()
    for code in scores:
        unit = tables.units[code]
        root = unit.ancestors[-1] if unit.ancestors else code
        roots.add(root)
    if len(roots) != 1:
        return None
    root = roots.pop()
    unit = tables.units.get(root)
    return root if unit is not None and unit.level == "province" and unit.kind == "市" else None


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
