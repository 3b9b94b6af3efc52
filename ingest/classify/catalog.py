"""The indicator catalog (seeds/indicators.csv + seeds/indicator_patterns.csv) and the rule
that names what a quantity measures. The catalog is data: analysts add rows, not Python."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from rapidfuzz import fuzz, process

from ingest.classify.code_status import NO_CANDIDATE, NOT_COUNTED, RULE, SCORE, UNCERTAIN, UNIT_MISMATCH, WITHHELD
from ingest.classify.exclusions import Exclusion, exclusion_reason, load_exclusions, withheld_reason
from ingest.classify.seed_rows import CatalogError, code_rows, compiled, records
from ingest.paths import SEEDS_DIR
from ingest.text.regex_literals import RowFilter, set_bits


@dataclass(frozen=True)
class Indicator:
    code: str
    name_zh: str
    domain: str
    kind: str
    unit: str
    numerator: str | None
    denominator: str | None
    description: str = ""


@dataclass(frozen=True)
class Pattern:
    code: str
    cue: re.Pattern[str] | None  # must match in the text before the quantity
    topic: re.Pattern[str] | None
    units: frozenset[str]
    after: re.Pattern[str] | None = None  # or: must match right after it ("4家律所": after = 律所)
    # and, if given, must match at the start of the next clause: what the event was for ("召开专题会议2次，研究部署法治…")
    purpose: re.Pattern[str] | None = None


@dataclass(frozen=True, slots=True)
class Classification:
    """What a figure measures: its code (or None), the fit of its measure phrase (0-1) to that code
    (or to the best candidate when there is no code; None when no indicator takes its unit), and how
    the code was given ('rule', 'rule after', 'rule list', each with ' purpose' when the row read the next
    clause; 'score') or why there is none; `status` says the same in one word (ingest.classify.code_status)."""
    code: str | None
    score: float | None
    reason: str
    status: str


# Scoring a measure phrase against the catalog (issue 14). Chosen on the tuning gold and the
# calibration set (never the blind set): see README "How a figure gets its code".
# A rule's code is kept when the measure phrase agrees with the indicator at least this much. Measured:
# any veto above 0 dropped more right codes than wrong ones (tuning 7 right/0 wrong at 0.2), so the
# agreement is stored, not enforced.
RULE_AGREEMENT = 0.0
# Beyond the rules, the best-scoring indicator taking the unit is given at or above this score (the
# lowest threshold with >= 95% precision on tuning + calibration figures the rules leave uncoded) ...
SCORE_THRESHOLD = 0.9
# ... when no other indicator scores within this margin of it ...
SCORE_MARGIN = 0.1
# ... and the measure phrase has at least this many characters ("修订", "废止", "优秀率", "完成率" fit too many
# things: at 3, scored codes on the tuning sets were right 4 times in 7).
MIN_MEASURE_CHARS = 4
_CJK_RUN_RE = re.compile(r"[\u4e00-\u9fff]{2,}")
# A per-day or per-month average ("日均办件量2000件", "月均办件1500件") or a count per head of population
# ("百万人受理办件量") is not the count of a year that every indicator of the catalog is: no code (calibration29: 4
# such figures, all coded wrongly before; calibration80: 1).
_AVERAGE_RE = re.compile(r"(?:日均|月均|周均|平均每[日天周月]|每[日天周月]平均|日受理|每(?:十|百)?万人|百万人(?!次))[^，,。；;]{0,8}$")
_NAME_SPLIT_RE = re.compile(r"[()（）/、]")
# The regular-expression columns of the patterns seed (the seed checks compile the same ones).
PATTERN_REGEX_COLUMNS = ("topic", "cue", "after", "purpose")


# Fit (0-100) of a measure phrase to one name or alias of an indicator: rapidfuzz's normalised Indel
# similarity. Measured against partial_ratio, WRatio, token_set_ratio over characters and char n-gram
# TF-IDF (scikit-learn): best top-1 on tuning + calibration, none better on the fallback's precision.
# Passed to rapidfuzz as its own C function (a Python wrapper would cost ~4x per figure).
_similarity = fuzz.ratio


class IndicatorCatalog:
    def __init__(self, indicators: dict[str, Indicator], patterns: list[Pattern],
                 units: dict[str, frozenset[str]] | None = None, aliases: dict[str, list[str]] | None = None,
                 exclusions: list[Exclusion] | None = None) -> None:
        self.indicators = indicators
        self._exclusions: dict[str, list[Exclusion]] = {}
        for exclusion in exclusions or ():
            for code in exclusion.codes:
                self._exclusions.setdefault(code, []).append(exclusion)
        self.is_rank: dict[str, bool] = {code: ind.kind == "rank" for code, ind in indicators.items()}  # a rank indicator
        # Comparable units of each indicator (seeds/indicator_units.csv; else its unit and its rows' units).
        fallback: dict[str, set[str]] = {code: {ind.unit} for code, ind in indicators.items()}
        for pattern in patterns:
            fallback[pattern.code] |= pattern.units
        self.units: dict[str, frozenset[str]] = {code: (units or {}).get(code) or frozenset(fallback[code])
                                                 for code in indicators}
        # The words an indicator is known by: its name (split at brackets), aliases, the Chinese terms
        # of its description.
        self.names: dict[str, list[str]] = {}
        for code, ind in indicators.items():
            words = [w for w in _NAME_SPLIT_RE.split(ind.name_zh) if len(w) >= 2]
            words += (aliases or {}).get(code, [])
            words += _CJK_RUN_RE.findall(ind.description)
            self.names[code] = list(dict.fromkeys(words))
        # Per unit, built on first use: the (name, code) choices of the indicators taking that unit.
        self._choices: dict[tuple[str, bool | None], tuple[list[str], list[str]]] = {}
        self._by_unit: dict[str, list[Pattern]] = {}
        for pattern in patterns:
            for unit in pattern.units:
                self._by_unit.setdefault(unit, []).append(pattern)
        # Per unit, built on first use: which rows can match a given window (or following text),
        # found with one scan for the strings each row's regex requires, so classify() runs a
        # handful of regexes, not all of them.
        self._filters: dict[str, tuple[RowFilter, RowFilter]] = {}

    def _row_filters(self, unit: str) -> tuple[RowFilter, RowFilter]:
        """The (cue, after) row filters of a unit's rows."""
        filters = self._filters.get(unit)
        if filters is None:
            rows = self._by_unit[unit]
            filters = (RowFilter([p.cue.pattern if p.cue else None for p in rows]),
                       RowFilter([p.after.pattern if p.after else None for p in rows]))
            self._filters[unit] = filters
        return filters

    @classmethod
    def load(cls, seeds_dir: Path = SEEDS_DIR) -> IndicatorCatalog:
        indicators: dict[str, Indicator] = {}
        for _line, row in records(seeds_dir / "indicators.csv", required=True):
            code = row.get("code")
            if not code:
                continue
            indicators[code] = Indicator(
                code=code,
                name_zh=row["name_zh"],
                domain=row["domain"],
                kind=row["kind"],
                unit=row["unit"],
                numerator=row.get("numerator") or None,
                denominator=row.get("denominator") or None,
                description=row.get("description", ""),
            )
        patterns: list[Pattern] = []
        path = seeds_dir / "indicator_patterns.csv"
        for line_no, row in code_rows(path, indicators, required=True):
            code = row["code"]
            units = row.get("units") or indicators[code].unit
            regex = compiled(row, PATTERN_REGEX_COLUMNS, f"{path.name} line {line_no}")
            if not regex["cue"] and not regex["after"]:
                raise CatalogError(f"{path.name} line {line_no}: a pattern needs a cue or an after expression")
            unit_set = frozenset(u.strip() for u in units.split("|") if u.strip())
            patterns.append(Pattern(code, regex["cue"], regex["topic"], unit_set, regex["after"], regex["purpose"]))
        units: dict[str, set[str]] = {}
        for _line, row in code_rows(seeds_dir / "indicator_units.csv", indicators):
            units.setdefault(row["code"], set()).add(row["unit"])
        aliases: dict[str, list[str]] = {}
        for _line, row in code_rows(seeds_dir / "indicator_aliases.csv", indicators):
            aliases.setdefault(row["code"], []).append(row["alias"])
        return cls(indicators, patterns, {code: frozenset(u) for code, u in units.items()}, aliases,
                   load_exclusions(seeds_dir / "indicator_exclusions.csv", indicators))

    def _unit_choices(self, unit: str, rank: bool | None = None) -> tuple[list[str], list[str]]:
        choices = self._choices.get((unit, rank))
        if choices is None:
            names: list[str] = []
            codes: list[str] = []
            for code, fits in self.units.items():
                if unit in fits and (rank is None or self.is_rank[code] == rank):
                    names += self.names[code]
                    codes += [code] * len(self.names[code])
            choices = self._choices[(unit, rank)] = (names, codes)
        return choices

    def score(self, measure: str, code: str) -> float:
        """Fit (0-1) of a measure phrase to an indicator: its best fit to any of the indicator's names."""
        if not measure:
            return 0.0
        best = process.extractOne(measure, self.names[code], scorer=_similarity)
        return best[1] / 100 if best else 0.0

    def best_candidates(self, measure: str, unit: str | None, limit: int = 8,
                        rank: bool | None = None) -> list[tuple[str, float]]:
        """The indicators taking `unit` (only rank indicators for a rank, only the others for a count, when
        `rank` is given), best fit of the measure phrase first, one entry per code."""
        names, codes = self._unit_choices(unit or "", rank)
        if not names or not measure:
            return []
        found: dict[str, float] = {}
        for _name, score, index in process.extract(measure, names, scorer=_similarity, limit=limit * 4):
            found.setdefault(codes[index], score / 100)
        return sorted(found.items(), key=lambda item: -item[1])[:limit]

    def classify_scored(self, window: str, topic_text: str, unit: str | None, following: str = "",
                        measure: str = "", trailing: str = "", rank: bool = False,
                        leading: str = "", shared: bool = False, purpose: str = "") -> Classification:
        """The code of a figure: a rule's code when its unit fits the indicator and the measure phrase
        agrees with it (a rule reading the text before the figure; else a row naming the noun after it,
        reading `trailing`, its object and predicate: reason 'rule after'; else, for a figure in a list,
        the list's shared predicate (`shared`) or opening verb (`leading`): 'rule list'); else the
        best-scoring indicator taking the unit, above SCORE_THRESHOLD and SCORE_MARGIN ahead of the next;
        else no code, with the reason. A code that an exclusion (seeds/indicator_exclusions.csv) withholds in
        this sentence is not given either; the reason names it. `purpose`: the next clause, read by rows with
        a purpose and by exclusions.
        A rank ("第3名", `rank`) takes only a rank indicator and a rank indicator only a rank: both
        are counted in 名, which the units cannot tell apart."""
        if _AVERAGE_RE.search(window):
            return Classification(None, None, "an average per day or month or per head of population, not the year's count",
                                  NOT_COUNTED)
        found, how = self._rule(window, topic_text, unit, following, rank, purpose), "rule"
        if found is None and trailing:
            # The rows naming the noun after a number read the whole object and predicate here, not just
            # the first dozen characters ("对5个乡镇(街道)开展实地法治督察"). The cue rows read it only for a
            # list sharing one predicate: on a figure's own clause they were right 41 times in 71 on batches
            # scored before tuning on them, the after rows 64 times in 80.
            found, how = self._rule("", topic_text, unit, trailing, rank, purpose), "rule after"
            if found is None and shared:
                found, how = self._rule(trailing, topic_text, unit, "", rank, purpose), "rule list"
        if found is None and leading:
            found, how = self._rule(leading, topic_text, unit, "", rank, purpose), "rule list"
        rule = found.code if found else None
        if found is not None and found.purpose is not None:
            how += " purpose"  # the next clause said what the event was for
        reason, why = "no candidate", NO_CANDIDATE
        if rule is not None:
            fits = self.units[rule]
            if (unit or "") not in fits:
                reason, why = f"unit {unit} does not fit {rule} ({'|'.join(sorted(fits))})", UNIT_MISMATCH
            else:
                excluded = self.excluded(rule, topic_text, following, trailing, purpose)
                if excluded:
                    # the score below may still name another code
                    reason, why = withheld_reason(rule, excluded), WITHHELD
                else:
                    agreement = self.score(measure, rule)
                    if agreement >= RULE_AGREEMENT:
                        return Classification(rule, round(agreement, 3), how, RULE)
                    reason, why = f"measure disagrees with rule {rule} ({agreement:.2f})", UNCERTAIN
        ranked = self.best_candidates(measure, unit, rank=rank)
        if len(measure.replace(" ", "")) < MIN_MEASURE_CHARS and ranked:
            best_code, best = ranked[0]
            if rule is None:
                reason, why = f"measure too short to score ({best:.2f}: best {best_code})", UNCERTAIN
            return Classification(None, round(best, 3), reason, why)
        if not ranked:
            return Classification(None, None, reason, why)
        best_code, best = ranked[0]
        runner_up = ranked[1][1] if len(ranked) > 1 else 0.0
        if best >= SCORE_THRESHOLD and best - runner_up >= SCORE_MARGIN:
            excluded = self.excluded(best_code, topic_text, following, trailing, purpose)
            if excluded:
                return Classification(None, round(best, 3), withheld_reason(best_code, excluded), WITHHELD)
            return Classification(best_code, round(best, 3), "score", SCORE)
        if rule is None:
            reason = (f"below threshold ({best:.2f}: best {best_code})" if best < SCORE_THRESHOLD
                      else f"ambiguous ({best:.2f}: {best_code} vs {ranked[1][0]} {runner_up:.2f})")
            why = UNCERTAIN
        return Classification(None, round(best, 3), reason, why)

    def excluded(self, code: str, topic_text: str, following: str, trailing: str = "", purpose: str = "") -> str | None:
        """Why an exclusion withholds `code` from a figure with this context (see classify_scored), or None."""
        return exclusion_reason(self._exclusions.get(code, []), topic_text, following, trailing, purpose)

    def classify(self, window: str, topic_text: str, unit: str | None, following: str = "",
                 rank: bool | None = None, purpose: str = "") -> str | None:
        """Best indicator for a quantity by the rules alone (see _rule)."""
        found = self._rule(window, topic_text, unit, following, rank, purpose)
        return found.code if found else None

    def _rule(self, window: str, topic_text: str, unit: str | None, following: str = "",
              rank: bool | None = None, purpose: str = "") -> Pattern | None:
        """The row naming a quantity's indicator. A `cue` must match in `window` (the text just before the
        quantity, back to the previous quantity); an `after` expression must match at the start of
        `following` (the text right after it, "4家律所"); the topic anywhere in `topic_text` (sentence
        so far plus headings). The cue match ending closest to the quantity wins, ties to the longer
        cue, then to the earlier row; a noun right after the number beats a cue that is not adjacent.
        A row with a purpose also needs it to match at the start of `purpose`, the next clause.
        With `rank` given, only the rows of rank indicators (True) or of the others (False) count."""
        key = unit or ""
        rows = self._by_unit.get(key, ())
        if not rows:
            return None
        cue_filter, after_filter = self._filters.get(key) or self._row_filters(key)
        after_row: Pattern | None = None
        for i in set_bits(after_filter.candidates(following)):
            pattern = rows[i]
            if rank is not None and self.is_rank[pattern.code] != rank:
                continue
            if pattern.after.match(following) and _topic_ok(pattern, topic_text) and _purpose_ok(pattern, purpose):
                after_row = pattern
                break
        matched: list[tuple[int, int, int]] = []
        for i in set_bits(cue_filter.candidates(window)):
            last = None
            for last in rows[i].cue.finditer(window):  # noqa: B007 (the last match is wanted)
                pass
            if last is not None and last.end() > last.start():
                matched.append((-last.end(), last.start() - last.end(), i))
        # Best first (closest to the quantity, longer, earlier row); the costly topic test runs only
        # until one row passes.
        best: tuple[int, int] | None = None
        best_row: Pattern | None = None
        for neg_end, neg_length, i in sorted(matched):
            if rank is not None and self.is_rank[rows[i].code] != rank:
                continue
            if _topic_ok(rows[i], topic_text) and _purpose_ok(rows[i], purpose):
                best, best_row = (-neg_end, -neg_length), rows[i]
                break
        if after_row is not None and (best is None or best[0] < len(window.rstrip("达为共计约近超过逾有了的")) - 1):
            return after_row
        return best_row


def _topic_ok(pattern: Pattern, topic_text: str) -> bool:
    return pattern.topic is None or pattern.topic.search(topic_text) is not None


def _purpose_ok(pattern: Pattern, purpose: str) -> bool:
    return pattern.purpose is None or pattern.purpose.match(purpose) is not None


@lru_cache(maxsize=4)
def load_catalog(seeds_dir: Path = SEEDS_DIR) -> IndicatorCatalog:
    return IndicatorCatalog.load(seeds_dir)
