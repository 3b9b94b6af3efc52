"""What the parts of a 其中 breakdown count ("审查规范性文件21件，其中涉企规范性文件10件"): a part that names only
its kind counts what its total counts; a part that acts on its own or comes from another period does not."""

from __future__ import annotations

import re
from collections.abc import Callable

from ingest.classify.code_status import INHERITED, SCORE, UNCERTAIN, WITHHELD
from ingest.classify.exclusions import withheld_reason
from ingest.extract.fact import Fact

_PART_PREDICATE_RE = re.compile(r"获|评为|入选|被|通过")
_PART_OTHER_RE = re.compile(r"结转|上年|往年|遗留|存量|未结|尚未|新增|新招|新录|待考|待申领")  # another period or state


def lend_code(fact: Fact, code: str, how: str, withheld_because: str | None) -> None:
    """Give an uncoded figure the code of another one (its 其中 total, this year's figure it is the earlier value
    of), `how` saying so; or, when an exclusion withholds that code in the figure's own words, say that instead."""
    if withheld_because:
        fact.code_reason, fact.code_status = withheld_reason(code, withheld_because), WITHHELD
    else:
        fact.indicator, fact.code_reason, fact.code_status = code, how, INHERITED


def code_parts(facts: list[Fact], parent_of: dict[int, int], trailings: list[str], windows: list[str],
               excluded: Callable[[int, str], str | None]) -> None:
    """Set each part's `breakdown_of` and, where it has no code of its own, its total's code (`code_reason`
    'part of …'). `parent_of` maps a part's index to its total's; `trailings` and `windows` are each figure's
    text after and before it; `excluded(i, code)` is why an exclusion withholds `code` from figure i, or None.
    Not a part with a predicate or period of its own ("其中2部作品荣获…", "上年结转8件"), nor one in whose own
    words an exclusion withholds the total's code ("其中党纪学习4次"). The marts publish the total before any
    part (int_observations__candidates)."""
    for child, parent in parent_of.items():
        facts[child].breakdown_of = facts[parent].start
        acting = _PART_PREDICATE_RE.search(trailings[child]) or _PART_OTHER_RE.search(windows[child])
        code = facts[parent].indicator
        if facts[child].indicator is None and code and not acting:
            lend_code(facts[child], code, f"part of {facts[parent].surface}", excluded(child, code))
        if facts[child].code_status == SCORE:
            # a 其中 item names only its kind ("其中行政规范性文件20件"); the action is the total's, so a
            # phrase-only match would code it as something else: leave it to a rule or a person
            facts[child].indicator = None
            facts[child].code_reason = f"breakdown item of {facts[parent].surface}: scored code withheld"
            facts[child].code_status = UNCERTAIN
