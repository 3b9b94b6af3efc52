"""Exclusions (seeds/indicator_exclusions.csv): sentences in which some indicators are not what a figure
measures, whatever rule names them ("党委理论学习中心组专题学习党的二十届三中全会精神4次" is party study, not
law study). The figure keeps no code and its code_reason names the withheld code and why."""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass
from pathlib import Path

from ingest.classify.seed_rows import CatalogError, compiled, records

# The regular-expression columns (the seed checks compile the same ones).
EXCLUSION_REGEX_COLUMNS = ("sentence_pattern", "unless_pattern")
# In code_reason between the withheld code and the exclusion's reason ("law_study_sessions excluded: …"), for a
# reader; code_status 'withheld' is what the checks and the worklist filter by.
_EXCLUDED = " excluded: "
_SENTENCE_BREAKS = "。；; "


@dataclass(frozen=True)
class Exclusion:
    """One row of the exclusions seed: the codes it withholds, where, and why."""
    codes: frozenset[str]
    sentence_pattern: re.Pattern[str]  # searched in the figure's sentence part up to it and the words right after it
    unless_pattern: re.Pattern[str] | None  # searched there, in the object after the figure and in the next clause
    reason: str


def listed_codes(cell: str) -> list[str]:
    """The codes of an exclusion's `codes` cell ("a|b")."""
    return [code.strip() for code in cell.split("|") if code.strip()]


def load_exclusions(path: Path, codes: Collection[str]) -> list[Exclusion]:
    """The rows of an exclusions seed (optional): codes (|-separated), sentence_pattern, unless_pattern, reason."""
    exclusions = []
    for line_no, row in records(path):
        listed = frozenset(listed_codes(row.get("codes", "")))
        unknown = sorted(code for code in listed if code not in codes)
        if unknown:
            raise CatalogError(f"{path.name} line {line_no}: unknown indicator code '{unknown[0]}'")
        regex = compiled(row, EXCLUSION_REGEX_COLUMNS, f"{path.name} line {line_no}")
        if not listed or not regex["sentence_pattern"] or not row.get("reason"):
            raise CatalogError(f"{path.name} line {line_no}: an exclusion needs codes, sentence_pattern and reason")
        exclusions.append(Exclusion(listed, regex["sentence_pattern"], regex["unless_pattern"], row["reason"]))
    return exclusions


def exclusion_reason(exclusions: list[Exclusion], topic_text: str, following: str, trailing: str = "",
                     purpose: str = "") -> str | None:
    """The reason of the first exclusion that applies to a figure, or None. `topic_text` is the heading and
    the sentence up to the figure; only its part after the last 。/；/space (the figure's sentence part, as the
    rows' "[^。；; ]*$" reads it) is searched, with `following`, the words right after the figure. A law
    named in `trailing` (the object after it) or `purpose` (the next clause) lifts the exclusion too."""
    if not exclusions:
        return None
    context = topic_text[max(map(topic_text.rfind, _SENTENCE_BREAKS)) + 1:] + " " + following
    rest = context + " " + trailing + " " + purpose
    for exclusion in exclusions:
        if exclusion.sentence_pattern.search(context) and not (exclusion.unless_pattern and exclusion.unless_pattern.search(rest)):
            return exclusion.reason
    return None


def withheld_reason(code: str, reason: str) -> str:
    """The code_reason of a figure whose `code` an exclusion withheld."""
    return f"{code}{_EXCLUDED}{reason}"
