"""The fact record: one quantity found in a document."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

FACT_FIELDS = (
    "doc_id", "start", "end", "surface", "value", "value_high", "unit", "qualifier", "kind", "period",
    "indicator", "section", "sentence", "breakdown_of", "extractor_version", "measure", "indicator_score", "code_reason",
    "code_status", "before_of", "direction",
)


@dataclass(slots=True)  # slots: a report of a million sentences holds a million facts
class Fact:
    doc_id: str
    start: int  # offsets into the document's decoded text: text[start:end] == surface
    end: int
    surface: str
    value: float
    value_high: float | None  # upper bound of a range ("3至5天"), else None
    unit: str | None
    qualifier: str  # exact | approx | at_least | at_most
    kind: str  # count | amount | rate | change | duration | rank | other
    period: str  # report (the year's flow) | stock (standing count at year end) | prior (earlier) | plan
    indicator: str | None
    section: str
    sentence: str  # the sentence, or a window of it around the quantity when it is long (a quote for a human)
    breakdown_of: int | None  # start offset of the total this quantity is a part of ("其中…")
    extractor_version: str
    # What the figure measures in the report's words ("收到行政复议申请", "律所"): ingest.extract.measure.
    measure: str = ""
    # How well the measure phrase fits the given code (0-1); for a figure without a code, of the best
    # candidate. None when no indicator takes the figure's unit.
    indicator_score: float | None = None
    # Why there is no code ('no candidate', 'below threshold (0.42: best legal_aid_cases)', 'unit 人次 does
    # not fit legal_aid_recipients (人)'), or how the code was given ('rule', 'rule after', 'rule list', with ' purpose'
    # when the row read the next clause; 'part of 12件'; 'earlier year of 1113件'; 'score'), or 'X excluded: why'
    # when an exclusion withheld X, or 'breakdown item of 12件: scored code withheld'.
    code_reason: str | None = None
    # The same in one word (ingest.classify.code_status): rule | score | inherited, or withheld | unit_mismatch |
    # not_counted | uncertain | no_candidate.
    code_status: str | None = None
    # The start offset of the "after" figure this one is the "before" value of ("由144个压减至84个": 144 → 84).
    before_of: int | None = None
    # The direction of a change (kind change): 'up' (增长/提高...) or 'down' (下降/压减...; value negative), else None.
    direction: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)
