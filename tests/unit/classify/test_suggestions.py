"""The worklist's suggested codes (issue 14, item 4): a model learned from annotated figures
(seeds/indicator_examples.csv) ranks the indicators taking a figure's unit by the words around it."""

from __future__ import annotations

from pathlib import Path

import pytest

from ingest.classify.catalog import load_catalog
from ingest.classify.suggestions import Example, SuggestionModel, figure_context, load_examples, suggestion_score


@pytest.fixture(scope="module")
def catalog():
    return load_catalog()


def _model(catalog, examples):
    return SuggestionModel(examples, catalog.units, catalog.is_rank)


SMALL = [Example(code, "件", "count", before, after) for code, phrases in {
    "legal_aid_cases": ["全年办理法律援助案件", "共受理法律援助案件", "指派法律援助案件", "法律援助中心办结援助案件"],
    "admin_reconsideration_cases_received": ["全年收到行政复议申请", "共受理行政复议案件", "新收行政复议案件", "复议机关收案"],
    "mediation_cases": ["人民调解组织调解矛盾纠纷", "共排查调处纠纷", "调解各类纠纷", "化解矛盾纠纷"],
}.items() for before in phrases for after in (",同比增长", "")]


def test_figure_context_is_the_clause_around_the_figure():
    text = "一、总体情况。全年共办理法律援助案件12件，同比增长5%；其中刑事案件3件。"
    start = text.index("12件")
    assert figure_context(text, start, start + 3) == ("全年共办理法律援助案件", "，同比增长5%")
    start = text.index("3件")
    assert figure_context(text, start, start + 2) == ("其中刑事案件", "")
    long = "甲" * 80 + "受理案件9件"
    start = long.index("9件")
    assert figure_context(long, start, start + 2)[0] == ("甲" * 80 + "受理案件")[-30:]


def test_the_words_before_a_figure_choose_its_code(catalog):
    model = _model(catalog, SMALL)
    found = model.suggest([("本年度办理法律援助案件", "", "件", "count"), ("受理行政复议申请", "", "起", "count"),
                           ("调处矛盾纠纷", "，调解成功率98%", "件", "count")])
    assert [f[0][0] for f in found] == ["legal_aid_cases", "admin_reconsideration_cases_received", "mediation_cases"]
    for suggestions in found:
        scores = [score for _code, score in suggestions]
        assert scores == sorted(scores, reverse=True) and all(0 < s < 1 for s in scores)
    assert found[0][0][1] > found[0][1][1]


def test_only_codes_that_take_the_unit_and_kind_are_suggested(catalog):
    examples = SMALL + [Example("pre_meeting_law_study_sessions", "次", "count", "常务会议会前学法", "")] * 3
    model = _model(catalog, examples)
    (by_unit,) = model.suggest([("常务会议会前学法", "", "件", "count")])
    assert by_unit and "pre_meeting_law_study_sessions" not in dict(by_unit)
    (in_times,) = model.suggest([("办理法律援助案件", "", "次", "count")])
    assert [code for code, _ in in_times] == ["pre_meeting_law_study_sessions"]  # the only one taking 次
    assert model.suggest([("全省排名", "", "名", "rank")]) == [[]]  # no rank indicator among the examples


def test_without_two_codes_to_tell_apart_nothing_is_suggested(catalog, tmp_path: Path):
    assert load_examples(tmp_path) == []
    assert _model(catalog, []).suggest([("办理法律援助案件", "", "件", "count")]) == [[]]
    assert _model(catalog, SMALL[:4]).suggest([("办理法律援助案件", "", "件", "count")]) == [[]]


def test_the_score_is_a_calibrated_share_not_the_raw_margin():
    assert suggestion_score(0.0) > 0.5 > suggestion_score(-0.5)  # the fitted intercept is positive
    assert suggestion_score(1.0) > 0.95 and suggestion_score(-2.0) < 0.01


def test_the_bundled_examples_suggest_the_study_codes_for_a_phrasing_of_their_own(catalog):
    model = _model(catalog, load_examples())
    (found,) = model.suggest([("县政府常务会议会前专题学法", "，学习行政复议法等法律法规", "次", "count")])
    assert {"pre_meeting_law_study_sessions", "executive_meeting_law_study_sessions"} & {c for c, _ in found[:2]}, found


def test_an_examples_file_without_its_columns_is_one_clear_error(tmp_path: Path):
    from ingest.classify.seed_rows import CatalogError

    (tmp_path / "indicator_examples.csv").write_text("code,unit,words\nlegal_aid_cases,件,办理法律援助案件\n", encoding="utf-8")
    with pytest.raises(CatalogError, match=r"indicator_examples.csv line 2: no column kind, before, after"):
        load_examples(tmp_path)


def test_two_codes_rank_by_the_single_decision_value(catalog):
    two = [e for e in SMALL if e.code != "mediation_cases"]
    model = _model(catalog, two)
    found = model.suggest([("办理法律援助案件", "", "件", "count"), ("受理行政复议申请", "", "件", "count")], limit=2)
    assert [f[0][0] for f in found] == ["legal_aid_cases", "admin_reconsideration_cases_received"]
    assert all(f[0][1] > f[1][1] for f in found)


def test_a_rank_gets_rank_codes_and_limit_is_kept(catalog):
    ranks = [Example(code, "名", "rank", before, "") for code, phrases in {
        "provincial_rank": ["在全省法治政府建设考核中排名第", "全省考评位列第", "全省排名第"],
        "city_rank": ["在全市考核中排名第", "全市综合考评位列第", "全市排名第"],
    }.items() for before in phrases]
    people = [Example("training_participants_people", "名", "count", b, "") for b in ("培训执法人员", "参训干部", "培训人员")]
    model = _model(catalog, SMALL + ranks + people)
    (rank,) = model.suggest([("在全省年度考核中排名第", "", "名", "rank")])
    assert rank[0][0] == "provincial_rank" and {c for c, _ in rank} <= {"provincial_rank", "city_rank"}
    (count,) = model.suggest([("全年培训人员", "", "名", "count")], limit=1)
    assert [c for c, _ in count] == ["training_participants_people"]


def test_examples_too_few_to_learn_from_give_no_suggestion_not_an_error(catalog):
    few = [Example(code, "件", "count", before, "") for code, before in
           (("legal_aid_cases", "办理法律援助案件"), ("legal_aid_cases", "援助"), ("mediation_cases", "调解纠纷"), ("mediation_cases", "化解"))]
    assert _model(catalog, few).suggest([("办理法律援助案件", "", "件", "count")]) == [[]]
