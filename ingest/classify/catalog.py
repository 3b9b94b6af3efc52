"""The indicator catalog (seeds/indicators.csv + seeds/indicator_patterns.csv) and the rule
that names what a quantity measures. The catalog is data: analysts add rows, not Python."""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

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


@dataclass(frozen=True)
class Pattern:
    code: str
    cue: re.Pattern[str] | None  # must match in the text before the quantity
    topic: re.Pattern[str] | None
    units: frozenset[str]
    after: re.Pattern[str] | None = None  # or: must match right after it ("4家律所": after = 律所)


class CatalogError(Exception):
    """The seed files are malformed; the message names the file and row."""


class IndicatorCatalog:
    def __init__(self, indicators: dict[str, Indicator], patterns: list[Pattern]) -> None:
        self.indicators = indicators
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
        path = seeds_dir / "indicators.csv"
        with path.open(encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle):
                code = (row.get("code") or "").strip()
                if not code:
                    continue
                indicators[code] = Indicator(
                    code=code,
                    name_zh=row["name_zh"].strip(),
                    domain=row["domain"].strip(),
                    kind=row["kind"].strip(),
                    unit=row["unit"].strip(),
                    numerator=(row.get("numerator") or "").strip() or None,
                    denominator=(row.get("denominator") or "").strip() or None,
                )
        patterns: list[Pattern] = []
        path = seeds_dir / "indicator_patterns.csv"
        with path.open(encoding="utf-8", newline="") as handle:
            for line_no, row in enumerate(csv.DictReader(handle), start=2):
                code = (row.get("code") or "").strip()
                if not code:
                    continue
                if code not in indicators:
                    raise CatalogError(f"{path.name} line {line_no}: unknown indicator code '{code}'")
                units = (row.get("units") or "").strip() or indicators[code].unit
                cue_text, topic_text, after_text = ((row.get(k) or "").strip() for k in ("cue", "topic", "after"))
                if not cue_text and not after_text:
                    raise CatalogError(f"{path.name} line {line_no}: a pattern needs a cue or an after expression")
                try:
                    cue = re.compile(cue_text) if cue_text else None
                    topic = re.compile(topic_text) if topic_text else None
                    after = re.compile(after_text) if after_text else None
                except re.error as exc:
                    raise CatalogError(f"{path.name} line {line_no}: bad regular expression ({exc})") from None
                unit_set = frozenset(u.strip() for u in units.split("|") if u.strip())
                patterns.append(Pattern(code, cue, topic, unit_set, after))
        return cls(indicators, patterns)

    def classify(self, window: str, topic_text: str, unit: str | None, following: str = "") -> str | None:
        """Best indicator for a quantity. A `cue` must match in `window` (the text just before the
        quantity, back to the previous quantity); an `after` expression must match at the start of
        `following` (the text right after it, "4家律所"); the topic anywhere in `topic_text` (sentence
        so far plus headings). The cue match ending closest to the quantity wins, ties to the longer
        cue, then to the earlier row; a noun right after the number beats a cue that is not adjacent."""
        key = unit or ""
        rows = self._by_unit.get(key, ())
        if not rows:
            return None
        cue_filter, after_filter = self._row_filters(key)
        after_code: str | None = None
        for i in set_bits(after_filter.candidates(following)):
            pattern = rows[i]
            if pattern.after.match(following) and _topic_ok(pattern, topic_text):
                after_code = pattern.code
                break
        matched: list[tuple[int, int, int]] = []
        for i in set_bits(cue_filter.candidates(window)):
            last = None
            for last in rows[i].cue.finditer(window):
                pass
            if last is not None and last.end() > last.start():
                matched.append((-last.end(), last.start() - last.end(), i))
        # Best first (closest to the quantity, longer, earlier row); the costly topic test runs only
        # until one row passes.
        best: tuple[int, int] | None = None
        best_code: str | None = None
        for neg_end, neg_length, i in sorted(matched):
            if _topic_ok(rows[i], topic_text):
                best, best_code = (-neg_end, -neg_length), rows[i].code
                break
        if after_code is not None and (best is None or best[0] < len(window.rstrip("达为共计约近超过逾有了的")) - 1):
            return after_code
        return best_code


def _topic_ok(pattern: Pattern, topic_text: str) -> bool:
    return pattern.topic is None or pattern.topic.search(topic_text) is not None


@lru_cache(maxsize=4)
def load_catalog(seeds_dir: Path = SEEDS_DIR) -> IndicatorCatalog:
    return IndicatorCatalog.load(seeds_dir)
