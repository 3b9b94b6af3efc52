"""Classification with a score (issue 14): rules where they fit the unit, the measure phrase scored
against each indicator's names and aliases beyond them, a threshold, and the reason when there is no
code. A small catalog written here, so the behaviour is tested apart from the growing seeds."""

from __future__ import annotations

from pathlib import Path

import pytest

from ingest.analyse.seed_checks import check_seeds
from ingest.classify import catalog as catalog_module
from ingest.classify.catalog import CatalogError, IndicatorCatalog, load_catalog
from ingest.extract.extractor import FactExtractor
from ingest.paths import SEEDS_DIR
from tests.unit.classify.small_catalog import UNITS, write


@pytest.fixture()
def cat(seeds: Path) -> IndicatorCatalog:
    return IndicatorCatalog.load(seeds)


def test_a_rule_whose_unit_fits_keeps_its_code_with_the_score(cat):
    got = cat.classify_scored("办理法律援助", "", "件", "", "办理法律援助")
    assert got.code == "legal_aid_cases" and got.reason == "rule"
    assert 0 < got.score <= 1


def test_comparable_units_count_alike(cat):
    assert cat.classify_scored("办理法律援助", "", "起", "", "办理法律援助").code == "legal_aid_cases"


def test_a_rule_whose_unit_does_not_fit_gives_no_code_and_says_why(cat):
    got = cat.classify_scored("受援", "", "人次", "", "受援")
    assert got.code is None
    assert got.reason == "unit 人次 does not fit legal_aid_beneficiaries (人|名)"


def test_beyond_the_rules_a_close_alias_gives_the_code(cat):
    got = cat.classify_scored("调解成功矛盾纠纷", "", "件", "", "调解成功矛盾纠纷")
    assert got.code == "mediation_cases" and got.reason == "score" and got.score == 1.0


def test_the_score_only_counts_indicators_taking_the_unit(cat):
    # the words fit mediation_cases, but it is not counted in 次
    got = cat.classify_scored("调解成功矛盾纠纷", "", "次", "", "调解成功矛盾纠纷")
    assert got.code is None and "mediation_cases" not in got.reason


def test_below_the_threshold_there_is_no_code_and_the_best_candidate_is_named(cat):
    got = cat.classify_scored("开展普法宣传活动", "", "件", "", "开展普法宣传活动")
    assert got.code is None
    assert got.reason.startswith("below threshold (") and "best " in got.reason
    assert got.score is not None and got.score < catalog_module.SCORE_THRESHOLD


def test_no_indicator_takes_the_unit(cat):
    got = cat.classify_scored("开展普法宣传活动", "", "场", "", "开展普法宣传活动")
    assert (got.code, got.score, got.reason) == (None, None, "no candidate")


def test_a_measure_too_short_to_tell_gets_no_scored_code(cat):
    assert cat.classify_scored("调解", "", "件", "", "调解").code is None


def test_score_is_between_zero_and_one(cat):
    assert cat.score("调解成功矛盾纠纷", "mediation_cases") == 1.0
    assert 0.0 <= cat.score("公证", "mediation_cases") < 0.5
    assert cat.score("", "mediation_cases") == 0.0


def test_aliases_and_units_must_name_known_codes(seeds: Path):
    write(seeds / "indicator_aliases.csv", ["code", "alias", "note"], [("no_such_code", "x", "")])
    with pytest.raises(CatalogError, match="indicator_aliases.csv line 2"):
        IndicatorCatalog.load(seeds)


def test_seed_checks_cover_the_new_files(seeds: Path):
    write(seeds / "indicator_units.csv", ["code", "unit"], [u for u in UNITS if u[0] != "hotline_calls"] + [("legal_aid_cases", "件")])
    problems = "\n".join(check_seeds(seeds))
    assert "indicator hotline_calls has no comparable unit" in problems
    assert "duplicate row" in problems


def test_every_bundled_indicator_has_comparable_units():
    catalog = load_catalog(SEEDS_DIR)
    for code in catalog.indicators:
        assert catalog.units[code], code
    units = catalog.units
    assert {"件", "起", "宗"} <= units["legal_aid_cases"]
    assert "人次" not in units["legal_aid_beneficiaries"]
    assert not {"件", "起"} & units["hotline_calls"]
    assert not {"人", "条", "批次"} & units["legal_consultations"]


def test_a_breakdown_item_gets_no_code_from_its_kind_alone():
    """"其中行政规范性文件20件" names a kind of the documents reviewed; the phrase alone scores as documents
    issued, a wrong code: a scored code is withheld for 其中 items (with the reason)."""
    from ingest.extract.extractor import FactExtractor

    text = "（四）规范性文件。审查规范性文件30件，其中行政规范性文件20件、其他文件15件。"
    facts = {f.surface: f for f in FactExtractor().extract(text, "t", 2024)}
    assert facts["30件"].indicator == "normative_documents_reviewed"
    assert facts["20件"].indicator is None and facts["20件"].breakdown_of == facts["30件"].start
    assert "breakdown item" in facts["20件"].code_reason


def test_a_rank_takes_only_rank_indicators_and_a_count_only_the_others():
    # Both are counted in 名: only the figure's kind tells "全市第三" (a rank) from "全市9331名" (people).
    facts = FactExtractor().extract("我区综合得分全市第三，全市9331名国家工作人员参加学法考试。", "d", 2024)
    codes = {f.surface: f.indicator for f in facts}
    assert codes["第三"] == "city_rank"
    assert codes["9331名"] == "officials_law_exam_participants"


def test_figures_of_a_list_share_the_predicate_after_the_last_one():
    facts = FactExtractor().extract("全年对181件上会议题、拟签订的57份合作协议进行了合法性审查。", "d", 2024)
    codes = {f.surface: f.indicator for f in facts}
    assert codes["181件"] == "legality_reviews"
    # joined by 和 as well as by 、
    facts = FactExtractor().extract("落实党政主要负责人公开述法工作，612名领导干部和174名村（社区）主要负责人完成述法。", "d", 2024)
    assert {f.surface: f.indicator for f in facts}["612名"] == "law_reporting_officials"


def test_a_rank_is_never_given_a_count_indicator_and_says_why():
    fact = FactExtractor().extract("法律援助工作质效居第3名。", "d", 2024)[0]
    assert fact.kind == "rank" and fact.indicator is None
    assert fact.code_reason != "no candidate" and fact.indicator_score is not None
    # the best candidate named in the reason is a rank indicator, never a count one
    ranks = [code for code, ind in load_catalog().indicators.items() if ind.kind == "rank"]
    assert any(code in fact.code_reason for code in ranks), fact.code_reason


@pytest.mark.parametrize("text, surface", [
    ("对12名新任干部、8名公务员进行任前谈话、组织30名干部参加旁听庭审。", "12名"),
    ("对12名新任干部、8名公务员进行任前谈话、组织30名干部参加旁听庭审。", "8名"),
    ("对12个乡镇、8个部门开展调研、组织30个单位进行述法。", "12个"),
    ("新招录12名辅警、组织35名干部参加学法考试。", "12名"),
    ("制定12件行政规范性文件、对35件重大行政决策进行了合法性审查。", "12件"),
    ("表彰12名先进个人、组织35名领导干部进行述法。", "12名"),
    ("新建12个村级调解室、对35个村开展法治督察。", "12个"),
])
def test_a_list_item_with_its_own_verb_does_not_take_the_next_items_predicate(text, surface):
    codes = {f.surface: f.indicator for f in FactExtractor().extract(text, "d", 2024)}
    assert codes[surface] is None


def test_a_cue_in_an_earlier_clause_does_not_name_the_figure():
    # every cue row ends in the figure's own clause: the loss rate of the first clause is not the coverage rate
    facts = FactExtractor().extract("行政诉讼败诉率持续下降，全县法治宣传覆盖率达95%。", "d", 2024)
    assert facts[0].indicator != "admin_litigation_loss_rate"


def test_a_part_that_names_only_its_kind_takes_its_totals_code():
    facts = FactExtractor().extract("审查规范性文件21件，其中涉企规范性文件10件。", "d", 2024)
    part = {f.surface: f for f in facts}["10件"]
    assert part.indicator == "normative_documents_reviewed" and part.code_reason == "part of 21件"
    assert part.breakdown_of is not None
    # a part with a predicate of its own is another figure ("其中2部作品荣获…": awarded, not made)
    facts = FactExtractor().extract("制作普法作品5部，其中2部作品荣获全国优秀作品。", "d", 2024)
    assert {f.surface: f.indicator for f in facts}["2部"] != "legal_culture_works"
    # nor is a part from another year ("上年结转8件")
    facts = FactExtractor().extract("全年共办理行政复议案件96件，其中新收88件，上年结转8件。", "d", 2024)
    assert {f.surface: f.indicator for f in facts}["8件"] is None
    # nor are the newly added or the not yet certified part of a stock of officers: a flow, another state
    facts = FactExtractor().extract("全局共有行政执法人员120名，其中今年新增执法人员6名，待考证人员3名。", "d", 2024)
    codes = {f.surface: f.indicator for f in facts}
    assert codes["120名"] == "enforcement_officers" and codes["6名"] is None and codes["3名"] is None


def test_cue_rows_do_not_read_a_figures_own_clause_after_it():
    # "具体措施" at the end of the clause after 20条 is a cue for rule-of-law tasks when it comes before a
    # figure; read after it, such cues were right about half the time on unseen text, so they are not
    fact = FactExtractor().extract("围绕法治政府建设，出台20条帮扶企业发展的具体措施。", "d", 2024)[0]
    assert fact.indicator is None, fact.code_reason
