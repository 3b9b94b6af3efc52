"""code_status: how a figure got its code, or why it has none, in one word an analyst can filter by. It must agree
with the code (coded statuses only with a code), with code_reason, and with the values the dbt models accept."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from ingest.classify.catalog import IndicatorCatalog
from ingest.classify.code_status import CODE_STATUSES, CODED, DECIDED
from ingest.extract.extractor import FactExtractor
from ingest.paths import REPO_ROOT
from tests.unit.classify.small_catalog import write

_EXTRACTOR = FactExtractor()


@pytest.mark.parametrize("window,unit,measure,status", [
    ("办理法律援助", "件", "办理法律援助", "rule"),
    ("调解成功矛盾纠纷", "件", "调解成功矛盾纠纷", "score"),
    ("受援", "人次", "受援", "unit_mismatch"),
    ("开展普法宣传活动", "件", "开展普法宣传活动", "uncertain"),  # below the threshold
    ("调解", "件", "调解", "uncertain"),  # too short to score
    ("开展普法宣传活动", "场", "开展普法宣传活动", "no_candidate"),
    ("日均办理法律援助", "件", "日均办理法律援助", "not_counted"),
])
def test_each_classification_says_how_in_one_word(seeds: Path, window, unit, measure, status):
    got = IndicatorCatalog.load(seeds).classify_scored(window, window, unit, "", measure)
    assert got.status == status, got
    assert (got.code is not None) == (status in CODED)


def test_a_withheld_code_says_withheld(seeds: Path):
    write(seeds / "indicator_exclusions.csv", ["codes", "sentence_pattern", "unless_pattern", "reason"],
          [("legal_aid_cases|mediation_cases", "扶贫", "", "poverty relief")])
    cat = IndicatorCatalog.load(seeds)
    assert cat.classify_scored("扶贫法律援助", "扶贫法律援助", "件", "", "扶贫法律援助").status == "withheld"
    scored = cat.classify_scored("扶贫调解成功矛盾纠纷", "扶贫调解成功矛盾纠纷", "件", "", "调解成功矛盾纠纷")
    assert (scored.code, scored.status) == (None, "withheld")


def test_parts_and_earlier_years_inherit_a_code_and_say_so():
    facts = {f.surface: f for f in _EXTRACTOR.extract("审查规范性文件21件，其中涉企规范性文件10件。", "d", 2024)}
    assert (facts["21件"].code_status, facts["10件"].code_status) == ("rule", "inherited")
    facts = {f.surface: f for f in _EXTRACTOR.extract("办理法律援助案件12件，较去年同期的8件有所增加。", "d", 2024)}
    assert facts["8件"].code_status == "inherited"
    # a scored 其中 item loses its code: uncertain, not scored
    text = "（四）规范性文件。审查规范性文件30件，其中行政规范性文件20件、其他文件15件。"
    facts = {f.surface: f for f in _EXTRACTOR.extract(text, "t", 2024)}
    assert (facts["20件"].indicator, facts["20件"].code_status) == (None, "uncertain")


def test_every_bundled_figure_has_a_status_that_agrees_with_its_code_and_reason():
    seen = set()
    for path in sorted((REPO_ROOT / "data" / "reports").rglob("*.txt")):
        for fact in _EXTRACTOR.extract(path.read_text(encoding="utf-8"), path.name, 2024):
            assert fact.code_status in CODE_STATUSES, (path.name, fact.surface, fact.code_reason)
            assert (fact.indicator is not None) == (fact.code_status in CODED), (path.name, fact.surface, fact.code_reason)
            assert (" excluded: " in fact.code_reason) == (fact.code_status == "withheld"), (path.name, fact.surface)
            seen.add(fact.code_status)
    assert {"rule", "withheld", "uncertain", "no_candidate"} <= seen


def test_the_dbt_models_accept_exactly_these_statuses():
    models = yaml.safe_load((REPO_ROOT / "dbt_project" / "models" / "staging" / "_staging__models.yml").read_text(encoding="utf-8"))
    facts = next(m for m in models["models"] if m["name"] == "stg_raw__facts")
    column = next(c for c in facts["columns"] if c["name"] == "code_status")
    accepted = next(t["accepted_values"] for t in column["data_tests"] if "accepted_values" in t)
    assert tuple(accepted["arguments"]["values"]) == CODE_STATUSES


def test_the_unclassified_quantities_check_leaves_out_the_same_decided_statuses():
    sql = (REPO_ROOT / "dbt_project" / "models" / "checks" / "int_checks__unclassified_quantities.sql").read_text(encoding="utf-8")
    listed = re.search(r"coalesce\(code_status, ''\) not in \(([^)]*)\)", sql)
    assert listed, "the check no longer filters by code_status"
    assert tuple(re.findall(r"'([a-z_]+)'", listed.group(1))) == DECIDED
