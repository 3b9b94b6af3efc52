"""How a figure got its indicator code, or why it has none: one word per figure (raw.facts.code_status), so an
analyst filters by it instead of parsing code_reason, which says the same in words. The dbt models test the
column against this list (tests/unit/classify/test_code_status.py keeps the two equal)."""

from __future__ import annotations

# A code was given ...
RULE = "rule"  # by a row of seeds/indicator_patterns.csv
SCORE = "score"  # by the fit of the measure phrase to an indicator's names (SCORE_THRESHOLD)
INHERITED = "inherited"  # from the figure's 其中 total or from this year's figure it is the earlier value of
# ... or none, because
WITHHELD = "withheld"  # an exclusion (seeds/indicator_exclusions.csv) withholds the code in this sentence
UNIT_MISMATCH = "unit_mismatch"  # the rule's indicator does not take the figure's unit
NOT_COUNTED = "not_counted"  # an average per day, month or head: not a year's count
# a candidate scored below the threshold, too close to the next or on a measure phrase too short to score, or a
# scored 其中 item
UNCERTAIN = "uncertain"
NO_CANDIDATE = "no_candidate"  # no rule names it, and no indicator takes its unit (or its measure phrase is empty)

CODED = (RULE, SCORE, INHERITED)
CODE_STATUSES = (*CODED, WITHHELD, UNIT_MISMATCH, NOT_COUNTED, UNCERTAIN, NO_CANDIDATE)
# Uncoded by a decision, not for want of a catalog row: an alias for the withheld code would not code them, and no
# indicator counts an average. The unmapped worklist leaves them out (the dbt check of unclassified quantities too).
DECIDED = (WITHHELD, NOT_COUNTED)
