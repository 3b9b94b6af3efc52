"""Text → facts: find every quantity, drop what is not a fact, and give each its meaning.

Hand-written rather than a generic NER library: the grammar of these reports (qualifier words,
shared units, 分别 lists, 其中 breakdowns, plan sections) is the core of the product, and a
regex scanner over a normalised view runs at hundreds of reports per second on one core.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_left
from dataclasses import dataclass

from ingest.classify.catalog import IndicatorCatalog, load_catalog
from ingest.extract.fact import Fact
from ingest.extract.grammar import DURATION_UNITS, PREFIX_QUALIFIERS, QUANTITY_RE, SUFFIX_QUALIFIERS, UNITS
from ingest.extract.leading import leading_windows
from ingest.extract.measure import measure_phrase
from ingest.extract.not_facts import reject_reason
from ingest.extract.numerals import apply_multiplier, parse_number, tidy
from ingest.extract.parts import code_parts, lend_code
from ingest.extract.periods import before_after, comparison_bases, direction_of, period_of, scope_before
from ingest.extract.trailing import next_clauses, trailing_texts
from ingest.extract.version import extraction_version
from ingest.text.normalize import NormalizedText, normalize
from ingest.text.sentences import Section, SectionIndex, Sentence, iter_sentences

_CHANGE_BEFORE_RE = re.compile(r"(?:增长|增加|下降|减少|提高|降低|上升|提升|压减|压缩|缩减|缩短|精简|减少了|增幅|降幅|减幅|分别增长|分别下降)(?:了)?(?:达)?$")
_TO_AFTER_RE = re.compile(r"^[，,]?(?:压减|减少|降低|下降|缩减|缩短|精简|压缩|提升|提高|增加|增长|上升|减)?(?:至|到|为)")
_PLAN_RE = re.compile(r"力争|计划(?:于|在|到|年内)|预计|目标是|拟(?:于|在|将|修改|修订|废止|制定|出台|清理|提请|宣布)|争取")
_YEAR_RE = re.compile(r"(19|20)\d{2}(?=年)")
_RANK_RE = re.compile(r"(?:排名|位列|名列|位居|位于|居于|居|列|全市|全省|全国|全州|全盟)[^，。；、]{0,14}?第(?P<n>\d+|[一二三四五六七八九十]+)(?P<u>名|位)?(?![方批届次轮期个章条款项季度阶部])")
_RESPECTIVELY_RE = re.compile(r"([^，。；：:]{1,40}?)分别(?:为|是|达|达到|有|占)?$")
_CLAUSE_BREAK_RE = re.compile(r"[，,；;]")
_BREAKDOWN_RE = re.compile(r"[，,]?其中.*")
_LABEL_SPLIT_RE = re.compile(r"[、和及与]")
_CHAIN_GAP_RE = re.compile(r"^[、和及与]?$")
_UNIT_SHARE_GAP_RE = re.compile(r"^(?:、|和|及|与|或)$")
# Cues describe the words just before a number; looking further back than this only costs time
# (and measured the same accuracy on the gold annotations).
_WINDOW_CHARS = 40
_MEASURE_CHARS = 80  # the measure phrase reads at most this far back (ingest.extract.measure)
_FOLLOWING_RE = re.compile(r"[^，。；;,、：:]{0,12}")
_HEADING_NUMBER_RE = re.compile(r"^[（(]?[一二三四五六七八九十\d]+[)）、.．]?\s*")
# Every rule that reads around a quantity (reject rules, topic, clause) reads at most this far either
# side of it: a sentence of 10,000 figures must cost 10,000 short reads, not 10,000 reads of itself.
# Report sentences are far shorter, so for them the rules read exactly what they read before.
_CONTEXT_CHARS = 500
# What a fact stores as its sentence: the sentence when it is at most SENTENCE_WHOLE characters,
# else SENTENCE_CONTEXT characters either side of the quantity, with "…" where it was cut.
SENTENCE_WHOLE = 400
SENTENCE_CONTEXT = 150
ELLIPSIS = "…"
# A figure beyond these is not a quantity a report states (or not one a float holds): skipped, noted.
MAX_VALUE = 1e15
MAX_NUMERAL_CHARS = 32
_UNIT_NAMES = {unit: unit for unit in UNITS}  # one string per unit, not one per match


@dataclass(frozen=True, slots=True)
class SkippedFigure:
    """A quantity that would have been a fact but whose value cannot be represented."""
    start: int  # offsets into the document's decoded text
    end: int
    reason: str


@dataclass(slots=True)
class _Candidate:
    start: int  # normalised offsets
    end: int
    value: float
    value_high: float | None
    unit: str | None
    qualifier: str
    is_chinese: bool
    numeral: str
    has_prefix: bool
    multiplier: str | None
    rank: bool = False


# QUANTITY_RE's groups, read with one call: a report has hundreds of matches.
_GROUPS = ("pre", "pct", "num", "num2", "cn", "suf1", "mult", "suf2", "unit", "suf3")


def _candidate(match: re.Match[str], offset: int) -> _Candidate | None:
    """The candidate fact of one QUANTITY_RE match, at offsets relative to `offset`."""
    pre, pct, num, num2, cn, suf1, mult, suf2, unit, suf3 = match.group(*_GROUPS)
    if cn and not unit:
        return None  # Chinese numerals without a measure word are words ("一是", "二十大")
    numeral = pct or num or cn
    # A numeral this long is no report's figure, and reading it costs (cn2an) more than it is worth.
    value = math.inf if len(numeral) > MAX_NUMERAL_CHARS else parse_number(numeral)
    if value is None:
        return None
    if pct:
        unit = "%"
    elif unit:
        unit = _UNIT_NAMES.get(unit, unit)
    multiplier = None if cn else mult  # cn2an already read 万/亿 inside a Chinese numeral
    value = apply_multiplier(value, multiplier)
    value_high = None
    qualifier = "exact"
    high = (math.inf if len(num2) > MAX_NUMERAL_CHARS else parse_number(num2)) if num2 else None  # "3至2,000件": separators in the upper bound too
    if high is not None:
        value_high = apply_multiplier(high, multiplier)
        qualifier = "at_least"
    if unit == "个百分点":
        unit = "百分点"
    suffix = suf1 or suf2
    if pre:
        qualifier = PREFIX_QUALIFIERS[pre]
    elif suffix:
        qualifier = SUFFIX_QUALIFIERS[suffix]
    elif suf3:
        qualifier = SUFFIX_QUALIFIERS[suf3]
    return _Candidate(match.start() - offset, match.end() - offset, value, value_high, unit, qualifier, bool(cn),
                      numeral, bool(pre), multiplier)


def _unrepresentable(c: _Candidate) -> str | None:
    """Why a candidate's value cannot be stored, or None when it can."""
    for value in (c.value, c.value_high):
        if value is None:
            continue
        if len(c.numeral) > MAX_NUMERAL_CHARS:
            return f"numeral of {len(c.numeral)} characters"
        if not math.isfinite(value):
            return "value too large to represent"
        if abs(value) > MAX_VALUE:
            return f"value {value:.3g} beyond {MAX_VALUE:.0e}"
    return None


def _quote(original: str, lo: int, hi: int, start: int, end: int) -> str:
    """original[lo:hi] (a sentence) around the quantity original[start:end], cut to SENTENCE_CONTEXT
    characters either side of it, with "…" at each cut end."""
    cut_lo, cut_hi = max(lo, start - SENTENCE_CONTEXT), min(hi, end + SENTENCE_CONTEXT)
    return (ELLIPSIS if cut_lo > lo else "") + original[cut_lo:cut_hi] + (ELLIPSIS if cut_hi < hi else "")


def _kind(candidate: _Candidate, window: str) -> str:
    if candidate.rank:
        return "rank"
    if candidate.unit == "百分点" or _CHANGE_BEFORE_RE.search(window[-10:]):
        return "change"
    if candidate.unit in ("%", "‰"):
        return "rate"
    if candidate.unit == "元":
        return "amount"
    if candidate.unit in DURATION_UNITS:
        return "duration"
    return "count" if candidate.unit else "other"


def _own_heading(path: list[str]) -> str:
    """The heading a rule's topic reads: the section's own, with its parent's when the own one names no
    subject ("(一)基本情况" under "一、行政复议案件情况")."""
    if not path:
        return ""
    own = path[-1]
    if len(path) > 1 and len(_HEADING_NUMBER_RE.sub("", own)) <= 4:
        return path[-2] + " " + own
    return own


class FactExtractor:
    def __init__(self, catalog: IndicatorCatalog | None = None) -> None:
        self.catalog = catalog or load_catalog()
        self.version = extraction_version()  # stamped on each fact
        # The figures the last extract() call skipped because their value cannot be represented.
        self.last_skipped: list[SkippedFigure] = []

    def extract(self, text: str, doc_id: str = "", report_year: int | None = None,
                norm: NormalizedText | None = None) -> list[Fact]:
        """Every fact quantity in `text`, in order of position. `norm`: normalize(text), when the caller
        has it already."""
        norm = norm or normalize(text)
        sections = SectionIndex(norm.text)
        skipped: list[tuple[int, int, str]] = []  # normalised offsets
        facts: list[Fact] = []
        # One scan of the whole text for quantities, walked along with the sentences (neither is held
        # whole: a text of a million sentences would hold a million of each). The grammar never
        # consumes a sentence end or a line break, so every match lies inside one sentence.
        matches = QUANTITY_RE.finditer(norm.text)
        match = next(matches, None)
        titled: tuple[Section, str, str] | None = None
        for sentence in iter_sentences(norm.text):
            found: list[_Candidate] = []
            while match is not None and match.start() < sentence.end:
                if match.start() >= sentence.start:  # else not inside a sentence (cannot happen, see above)
                    candidate = _candidate(match, sentence.start)
                    if candidate is not None:
                        found.append(candidate)
                match = next(matches, None)
            if not found and "第" not in sentence.text:
                continue  # no quantity and no rank: most sentences of a report
            candidates = self._scan(sentence.text, found, skipped, sentence.start)
            if candidates:
                section = sections.section(sentence.start)
                if titled is None or titled[0] is not section:  # joined once per section, not per sentence
                    # A rule's topic reads the sentence and its own heading only: a grandparent heading such
                    # as "深入推进法治政府建设" makes every count below it look like a law count (on batches
                    # scored before tuning, codes whose topic came only from headings were mostly wrong).
                    # A heading naming no subject ("基本情况") reads its parent's (calibration22: +7 right, 0 wrong).
                    titled = (section, _own_heading(section.path), " > ".join(section.path))
                facts.extend(self._sentence_facts(text, norm, titled, sentence, candidates, doc_id, report_year))
        self.last_skipped = [SkippedFigure(*norm.span(a, b), reason) for a, b, reason in skipped]
        return facts

    def _scan(self, sentence: str, found: list[_Candidate], skipped: list[tuple[int, int, str]] | None = None,
              offset: int = 0) -> list[_Candidate]:
        """The candidates of a sentence that are facts: `found` (from QUANTITY_RE) plus ranks,
        with shared units filled in and numbers that are not facts dropped. A would-be fact whose
        value cannot be represented is left out and noted in `skipped` (at offsets + `offset`)."""
        ranks = []
        for match in _RANK_RE.finditer(sentence) if "第" in sentence else ():
            value = math.inf if len(match["n"]) > MAX_NUMERAL_CHARS else parse_number(match["n"])
            if value is not None:
                ranks.append(_Candidate(match.start("n") - 1, match.end(), value, None, "名", "exact", False, match["n"],
                                        False, None, rank=True))
        if ranks:
            # A rank replaces the quantities it overlaps. Ranks do not overlap one another, so the one a
            # quantity can overlap is the last rank starting before the quantity ends.
            rank_starts = [r.start for r in ranks]
            kept_found = []
            for c in found:
                j = bisect_left(rank_starts, c.end) - 1
                if j < 0 or ranks[j].end <= c.start:
                    kept_found.append(c)
            found = sorted(kept_found + ranks, key=lambda c: c.start)  # QUANTITY_RE's come in order already
        # Shared units: "58、43件" — a bare number takes the unit of the next one in its list.
        for i in range(len(found) - 2, -1, -1):
            here, nxt = found[i], found[i + 1]
            if here.unit is None and nxt.unit and _UNIT_SHARE_GAP_RE.match(sentence[here.end:nxt.start]):
                here.unit = nxt.unit
                if nxt.multiplier and not here.multiplier:
                    here.value = apply_multiplier(here.value, nxt.multiplier)
        kept = []
        for c in found:
            if c.rank:
                pass
            elif c.unit is None:
                continue  # a bare number is a code, a name or a date, not a quantity
            else:
                # The rules read a bounded stretch around the quantity (see _CONTEXT_CHARS).
                lo = max(0, c.start - _CONTEXT_CHARS)
                context = sentence[lo:c.end + _CONTEXT_CHARS] if lo or c.end + _CONTEXT_CHARS < len(sentence) else sentence
                if reject_reason(context, c.start - lo, c.end - lo, c.numeral, c.is_chinese, c.unit, c.value,
                                 c.has_prefix) is not None:
                    continue
            reason = _unrepresentable(c)
            if reason is not None:
                if skipped is not None:
                    skipped.append((offset + c.start, offset + c.end, reason))
                continue
            kept.append(c)
        return kept

    def _sentence_facts(self, original: str, norm: NormalizedText, titled: tuple[Section, str, str],
                        sentence: Sentence, candidates: list[_Candidate], doc_id: str, report_year: int | None) -> list[Fact]:
        offset, text = sentence.start, sentence.text
        section, heading, section_title = titled
        s_start, s_end = norm.span(offset, offset + len(text))
        sentence_text = original[s_start:s_end].strip()
        if len(sentence_text) > SENTENCE_WHOLE:  # each fact quotes a window of it (see _quote)
            s_start = original.find(sentence_text[0], s_start)
            s_end = s_start + len(sentence_text)
            sentence_text = None
        windows = self._windows(text, candidates)
        plan_match = _PLAN_RE.search(text)
        plan_from = plan_match.start() if plan_match else len(text)
        # A quantity's clause starts after the last comma or semicolon before it.
        clause_breaks = [m.start() for m in _CLAUSE_BREAK_RE.finditer(text)]
        facts: list[Fact] = []
        spans = [(c.start, c.end, c.unit) for c in candidates]
        befores, bases = before_after(text, spans), comparison_bases(text, spans)  # {before: after}, {base: of}
        trailings = trailing_texts(text, spans)
        purposes = next_clauses(text, spans)
        leadings = leading_windows(windows, _WINDOW_CHARS)
        parent_of: dict[int, int] = {}
        contexts: list[tuple[str, str, str, str]] = []  # what an exclusion reads, per figure
        breakdown_parent: int | None = None
        previous_end = 0
        for i, c in enumerate(candidates):
            window = windows[i]
            raw_window = text[previous_end:c.start]
            previous_end = c.end
            topic_text = heading + " " + text[max(0, c.start - _CONTEXT_CHARS): c.start]
            next_start = candidates[i + 1].start if i + 1 < len(candidates) else len(text)
            following = _FOLLOWING_RE.match(text, c.end, next_start).group()
            measure = measure_phrase(window[-_MEASURE_CHARS:], following, c.unit,
                                     facts[-1].measure if facts else (section.path[-1] if section.path else ""))
            trailing, shared = trailings[i]
            contexts.append((topic_text, following, trailing, purposes[i]))
            classified = self.catalog.classify_scored(window[-_WINDOW_CHARS:], topic_text, c.unit, following, measure,
                                                      trailing, c.rank, leadings[i], shared, purposes[i])
            indicator = classified.code
            start, end = norm.span(offset + c.start, offset + c.end)
            breaks_before = bisect_left(clause_breaks, c.start)
            clause = text[max(clause_breaks[breaks_before - 1] + 1 if breaks_before else 0, c.start - _CONTEXT_CHARS):c.start]
            kind = _kind(c, raw_window)
            # issue 15: 累计 alone is the year's total; prior/stock only where the text anchors it (periods.py)
            period = "report"
            if section.in_plan or plan_from < c.start:
                period = "plan"
            elif i in befores or i in bases or raw_window.endswith(("由", "从")) and _TO_AFTER_RE.match(text[c.end:c.end + 6]):
                period = "prior"
            else:
                period = period_of(scope_before(text, c.start, _CONTEXT_CHARS), clause, report_year, kind)
                if period == "report" and report_year is not None:
                    years = [int(m.group()) for m in _YEAR_RE.finditer(clause)] if "年" in clause else []
                    if years and max(years) < report_year:
                        period = "prior"
            direction = direction_of(raw_window) if kind == "change" else None
            value, value_high = tidy(c.value), tidy(c.value_high) if c.value_high is not None else None
            if direction == "down":
                value, value_high = -value, -value_high if value_high is not None else None
            # 其中: the parts right after a total ("7797项，其中依申请类907项") belong to it.
            if "其中" in raw_window and i > 0 and _BREAKDOWN_RE.fullmatch(raw_window) and candidates[i - 1].unit == c.unit:
                breakdown_parent = i - 1
            elif breakdown_parent is not None and c.unit != candidates[breakdown_parent].unit:
                breakdown_parent = None
            if breakdown_parent is not None and breakdown_parent != i:
                parent_of[i] = breakdown_parent
            facts.append(Fact(
                doc_id=doc_id,
                start=start,
                end=end,
                surface=original[start:end],
                value=value,
                value_high=value_high,
                unit=c.unit,
                qualifier=c.qualifier,
                kind=kind,
                period=period,
                indicator=indicator,
                section=section_title,
                sentence=sentence_text if sentence_text is not None else _quote(original, s_start, s_end, start, end),
                breakdown_of=None,
                extractor_version=self.version,
                measure=measure,
                indicator_score=classified.score,
                code_reason=classified.reason,
                code_status=classified.status,
                direction=direction,
            ))
        if parent_of:  # most sentences have no 其中 part: no lists to build for them
            code_parts(facts, parent_of, [t for t, _ in trailings], [w[-_WINDOW_CHARS:] for w in windows],
                       lambda i, code: self.catalog.excluded(code, *contexts[i]))
        for before, after in befores.items():
            facts[before].before_of = facts[after].start
        for base, of in bases.items():  # an earlier year's value counts what this year's counts
            code = facts[of].indicator
            if facts[base].indicator is None and code:
                lend_code(facts[base], code, f"earlier year of {facts[of].surface}", self.catalog.excluded(code, *contexts[base]))
        return facts

    @staticmethod
    def _windows(sentence: str, candidates: list[_Candidate]) -> list[str]:
        """The classification window of each quantity: text back to the previous quantity, except in
        "受理、办结分别为58件、43件", where each quantity gets its own label from the list."""
        windows = []
        previous_end = 0
        for c in candidates:
            windows.append(sentence[previous_end:c.start])
            previous_end = c.end
        i = 0
        while i < len(candidates):
            # The literal test first: the regex's lazy prefix retries at every position of the window.
            match = _RESPECTIVELY_RE.search(windows[i]) if "分别" in windows[i] else None
            if match:
                labels = [label for label in _LABEL_SPLIT_RE.split(match.group(1)) if label]
                chain = [i]
                # (a chain longer than the labels is no match: not followed further)
                while chain[-1] + 1 < len(candidates) and len(chain) <= len(labels) and _CHAIN_GAP_RE.match(windows[chain[-1] + 1]):
                    chain.append(chain[-1] + 1)
                if len(labels) == len(chain) > 1:
                    prefix = windows[i][: match.start(1)]
                    for label, index in zip(labels, chain, strict=False):
                        windows[index] = prefix + label
                    i = chain[-1]
            i += 1
        return windows


def extract_facts(text: str, doc_id: str = "", report_year: int | None = None) -> list[Fact]:
    """Convenience wrapper with the bundled catalog."""
    return FactExtractor().extract(text, doc_id, report_year)
