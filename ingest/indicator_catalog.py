"""The indicator catalog (seeds/indicators.csv + seeds/indicator_patterns.csv) and the rule
that names what a quantity measures. The catalog is data: analysts add rows, not Python."""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ingest.paths import SEEDS_DIR


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
    cue: re.Pattern[str]
    topic: re.Pattern[str] | None
    units: frozenset[str]


class CatalogError(Exception):
    """The seed files are malformed; the message names the file and row."""


class IndicatorCatalog:
    def __init__(self, indicators: dict[str, Indicator], patterns: list[Pattern]) -> None:
        self.indicators = indicators
        self._by_unit: dict[str, list[Pattern]] = {}
        for pattern in patterns:
            for unit in pattern.units:
                self._by_unit.setdefault(unit, []).append(pattern)

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
                try:
                    cue = re.compile(row["cue"].strip())
                    topic_text = (row.get("topic") or "").strip()
                    topic = re.compile(topic_text) if topic_text else None
                except re.error as exc:
                    raise CatalogError(f"{path.name} line {line_no}: bad regular expression ({exc})") from None
                patterns.append(Pattern(code, cue, topic, frozenset(u.strip() for u in units.split("|") if u.strip())))
        return cls(indicators, patterns)

    def classify(self, window: str, topic_text: str, unit: str | None) -> str | None:
        """Best indicator for a quantity: its cue must match in `window` (the text just before the
        quantity, back to the previous quantity), its topic anywhere in `topic_text` (sentence so far
        plus headings). The cue match ending closest to the quantity wins; ties go to the longer cue."""
        best: tuple[int, int] | None = None
        best_code: str | None = None
        for pattern in self._by_unit.get(unit or "", ()):
            last = None
            for last in pattern.cue.finditer(window):
                pass
            if last is None or last.end() == last.start():
                continue
            if pattern.topic is not None and not pattern.topic.search(topic_text):
                continue
            score = (last.end(), last.end() - last.start())
            if best is None or score > best:
                best, best_code = score, pattern.code
        return best_code


@lru_cache(maxsize=4)
def load_catalog(seeds_dir: Path = SEEDS_DIR) -> IndicatorCatalog:
    return IndicatorCatalog.load(seeds_dir)
