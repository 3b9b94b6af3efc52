"""The fact record: one quantity found in a document."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

FACT_FIELDS = (
    "doc_id", "start", "end", "surface", "value", "value_high", "unit", "qualifier", "kind", "period",
    "indicator", "section", "sentence", "breakdown_of", "extractor_version",
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
    period: str  # report | prior | plan
    indicator: str | None
    section: str
    sentence: str  # the sentence, or a window of it around the quantity when it is long (a quote for a human)
    breakdown_of: int | None  # start offset of the total this quantity is a part of ("其中…")
    extractor_version: str

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)
