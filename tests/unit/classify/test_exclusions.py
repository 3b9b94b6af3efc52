"""Exclusions (seeds/indicator_exclusions.csv): a sentence in which some indicators are not what a figure
measures, whatever rule names them. The figure keeps no code and says why in its code_reason."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from ingest.analyse.seed_checks import check_seeds
from ingest.classify.catalog import CatalogError, IndicatorCatalog
from ingest.extract.extractor import FactExtractor
from ingest.paths import SEEDS_DIR
from tests.unit.classify.small_catalog import write

HEADER = ["codes", "sentence_pattern", "unless_pattern", "reason"]
LAW_HEADING = "一、加强理论武装\n（一）深入推进法治政府建设\n"
_EXTRACTOR = FactExtractor()


def _catalog(seeds: Path, *rows: tuple[str, str, str, str]) -> IndicatorCatalog:
    write(seeds / "indicator_exclusions.csv", HEADER, list(rows))
    return IndicatorCatalog.load(seeds)


def test_an_excluded_rule_code_is_withheld_with_its_reason(seeds: Path):
    cat = _catalog(seeds, ("legal_aid_cases|legal_aid_beneficiaries", "扶贫", "律师", "poverty relief, not legal aid"))
    got = cat.classify_scored("扶贫法律援助", "扶贫法律援助", "件", "", "扶贫法律援助")
    assert got.code is None
    assert got.reason == "legal_aid_cases excluded: poverty relief, not legal aid"
    # the same rule without the exclusion's words keeps its code
    assert cat.classify_scored("办理法律援助", "办理法律援助", "件", "", "办理法律援助").code == "legal_aid_cases"


def test_unless_lifts_an_exclusion_also_from_the_words_after_the_figure(seeds: Path):
    cat = _catalog(seeds, ("legal_aid_cases", "扶贫", "律师", "poverty relief, not legal aid"))
    assert cat.classify_scored("律师扶贫法律援助", "律师扶贫法律援助", "件", "", "律师扶贫法律援助").code == "legal_aid_cases"
    # the next clause names it ("...5件，由律师办理")
    assert cat.classify_scored("扶贫法律援助", "扶贫法律援助", "件", "", "扶贫法律援助",
                               purpose="由律师办理").code == "legal_aid_cases"
    # so does the object after the figure ("...5件律师代理案件")
    assert cat.classify_scored("扶贫法律援助", "扶贫法律援助", "件", "", "扶贫法律援助",
                               trailing="律师代理案件").code == "legal_aid_cases"


def test_an_exclusion_reads_only_the_figures_own_sentence(seeds: Path):
    cat = _catalog(seeds, ("legal_aid_cases", "扶贫", "", "poverty relief, not legal aid"))
    # the heading and an earlier sentence part (before 。 or ；) do not exclude
    assert cat.classify_scored("办理法律援助", "扶贫工作 开展扶贫；办理法律援助", "件", "", "办理法律援助").code == "legal_aid_cases"
    assert cat.classify_scored("办理法律援助", "扶贫工作 办理法律援助", "件", "", "办理法律援助").code == "legal_aid_cases"
    assert cat.classify_scored("办理法律援助", "开展扶贫，办理法律援助", "件", "", "办理法律援助").code is None


def test_an_excluded_rule_leaves_the_score_to_name_another_code(seeds: Path):
    cat = _catalog(seeds, ("legal_aid_cases", "扶贫", "", "poverty relief"))
    got = cat.classify_scored("扶贫法律援助", "扶贫法律援助", "件", "", "调解成功矛盾纠纷")
    assert (got.code, got.reason) == ("mediation_cases", "score")


def test_an_earlier_years_value_does_not_borrow_a_code_withheld_in_its_own_words(seeds: Path):
    text = "办理法律援助案件12件，较去年同期的8件有所增加。"
    plain = {f.surface: f for f in FactExtractor(IndicatorCatalog.load(seeds)).extract(text, "x", 2024)}
    assert (plain["8件"].indicator, plain["8件"].code_reason) == ("legal_aid_cases", "earlier year of 12件")
    excluded = {f.surface: f for f in FactExtractor(_catalog(seeds, ("legal_aid_cases", "同期", "", "test"))).extract(text, "x", 2024)}
    assert excluded["12件"].indicator == "legal_aid_cases"
    assert (excluded["8件"].indicator, excluded["8件"].code_reason) == (None, "legal_aid_cases excluded: test")
    assert (plain["8件"].code_status, excluded["8件"].code_status) == ("inherited", "withheld")


def test_an_exclusion_also_stops_a_scored_code(seeds: Path):
    cat = _catalog(seeds, ("mediation_cases", "扶贫", "", "poverty relief"))
    assert cat.classify_scored("调解成功矛盾纠纷", "调解成功矛盾纠纷", "件", "", "调解成功矛盾纠纷").code == "mediation_cases"
    got = cat.classify_scored("扶贫调解成功矛盾纠纷", "扶贫调解成功矛盾纠纷", "件", "", "调解成功矛盾纠纷")
    assert (got.code, got.reason) == (None, "mediation_cases excluded: poverty relief")


@pytest.mark.parametrize("row,message", [
    (("no_such_code", "扶贫", "", "why"), "unknown indicator code 'no_such_code'"),
    (("legal_aid_cases", "扶贫(", "", "why"), "bad regular expression"),
    (("legal_aid_cases", "扶贫", "", ""), "needs codes, sentence_pattern and reason"),
])
def test_a_malformed_exclusion_names_its_line(seeds: Path, row, message):
    with pytest.raises(CatalogError, match=rf"indicator_exclusions.csv line 2: .*{message}"):
        _catalog(seeds, row)


def test_seed_checks_name_each_defect_of_an_exclusion(tmp_path: Path):
    copy = tmp_path / "seeds"
    shutil.copytree(SEEDS_DIR, copy, ignore=shutil.ignore_patterns(".*"))
    write(copy / "indicator_exclusions.csv", HEADER, [("law_study_sessions|no_such_code", "党纪(", "", ""), ("", "", "法律(", "why")])
    assert [p.split(": bad regular expression")[0] for p in check_seeds(copy)] == [
        "seeds/indicator_exclusions.csv line 2, column reason: empty",
        "seeds/indicator_exclusions.csv line 2, column codes: unknown indicator code (no_such_code)",
        "seeds/indicator_exclusions.csv line 2, column sentence_pattern",
        "seeds/indicator_exclusions.csv line 3, column codes: empty",
        "seeds/indicator_exclusions.csv line 3, column sentence_pattern: empty",
        "seeds/indicator_exclusions.csv line 3, column unless_pattern"]


@pytest.mark.parametrize("body,surface,code", [
    # party theory and discipline study, no law named in the sentence: no law-study code
    ("党委理论学习中心组专题学习党的二十届三中全会精神4次。", "4次", None),
    ("共计开展各类专题党课、专题研讨会及学习会60余场次。", "60余场次", None),
    ("开展党纪学习教育专题研讨4次。", "4次", None),
    # a law named in the sentence, or in the clause after the figure, keeps it
    ("党委理论学习中心组专题学习习近平法治思想和党的二十大精神4次。", "4次", "central_group_law_study_sessions"),
    ("党委理论学习中心组专题学习党的二十届三中全会精神4次，学习《行政复议法》。", "4次", "central_group_law_study_sessions"),
    # 第一议题 and 三会一课 are forms of study, not its subject (on batches scored before tuning, codes next to
    # them were right 9 times in 14)
    ("落实“第一议题”制度，党组理论学习中心组学习11次。", "11次", "central_group_law_study_sessions"),
    # a law named without 《》 lifts it; a body named for the law (司法局, 依法治区办) or a party rule does not
    ("党委理论学习中心组专题学习行政复议法和二十届三中全会精神4次。", "4次", "central_group_law_study_sessions"),
    ("市司法局党组理论学习中心组专题学习党的二十届三中全会精神4次。", "4次", None),
    ("区委依法治区办组织理论学习中心组专题学习党的二十届三中全会精神4次。", "4次", None),
    ("党委理论学习中心组专题学习党纪法规4次。", "4次", None),
    ("开展党纪学习教育，党委理论学习中心组集中学习《条例》4次。", "4次", None),
    ("党委理论学习中心组专题学习新修订的《纪律处分条例》4次。", "4次", None),
    ("区普法办组织理论学习中心组专题学习二十大精神4次。", "4次", None),
    ("司法行政系统党委理论学习中心组专题学习党的二十大精神4次。", "4次", None),
    ("党委理论学习中心组专题学习《优化营商环境条例》4次。", "4次", "law_study_sessions"),
    # executive meetings too
    ("市政府常务会议专题学习党的二十届三中全会精神4次。", "4次", None),
    ("区政府常务会议学习《行政复议法》4次。", "4次", "executive_meeting_law_study_sessions"),
    # a 其中 part does not take its total's code when its own words are party study
    ("党委理论学习中心组集中学习12次，其中专题学习党纪4次。", "4次", None),
    ("党委理论学习中心组集中学习12次，其中党纪学习4次。", "4次", None),
    ("党委理论学习中心组集中学习12次，其中党史4次。", "4次", None),
    # ... but takes a code no exclusion withholds there
    ("举办干部培训班12期，其中党史学习教育专题学习3期。", "3期", "training_sessions"),
])
def test_party_study_is_not_law_study_without_a_law(body: str, surface: str, code: str | None):
    fact = next(f for f in _EXTRACTOR.extract(LAW_HEADING + body + "\n", "exclusion", 2024) if f.surface == surface)
    assert fact.indicator == code, fact.code_reason
    if code is None:
        assert "excluded: party theory" in fact.code_reason and fact.code_status == "withheld"


@pytest.mark.parametrize("body,surface,code", [
    # a sentence on cancelling approvals: the items after it are the reform's, not service items
    ("全区累计取消许可事项56个，减少申请材料1183件，优化审批服务事项34项。", "34项", None),
    ("取消证明材料20项，进驻政务服务中心事项456项。", "456项", "government_service_items"),
    ("进驻政务服务中心事项456项。", "456项", "government_service_items"),
    # items moved into a service centre are service items; a 取消 after the figure is not the sentence's subject
    ("深化改革，取消和下放行政审批事项12项，进驻政务服务中心事项856项。", "856项", "government_service_items"),
    ("政务服务事项856项全部取消纸质审批材料。", "856项", "government_service_items"),
    # a word on problems that describes the documents does not stop a clean-up count
    ("清理涉及群众切身利益问题的规范性文件12件。", "12件", "normative_documents_cleaned_up"),
])
def test_items_in_a_sentence_on_cancelled_approvals_are_not_service_items(body: str, surface: str, code: str | None):
    fact = next(f for f in _EXTRACTOR.extract(body + "\n", "exclusion", 2024) if f.surface == surface)
    assert fact.indicator == code, fact.code_reason


def test_the_loader_and_the_seed_checks_name_the_same_line(seeds: Path, tmp_path: Path):
    # a blank line and a row of empty cells are skipped by both; the bad row is on line 4
    text = ",".join(HEADER) + "\n\n,,,\nno_such_code,扶贫,,why\n"
    (seeds / "indicator_exclusions.csv").write_text(text, encoding="utf-8")
    with pytest.raises(CatalogError, match="indicator_exclusions.csv line 4: unknown indicator code"):
        IndicatorCatalog.load(seeds)
    copy = tmp_path / "bundled"
    shutil.copytree(SEEDS_DIR, copy, ignore=shutil.ignore_patterns(".*"))
    (copy / "indicator_exclusions.csv").write_text(text, encoding="utf-8")
    assert check_seeds(copy) == ["bundled/indicator_exclusions.csv line 4, column codes: unknown indicator code (no_such_code)"]
