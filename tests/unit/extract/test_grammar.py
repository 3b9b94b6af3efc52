"""The hard cases of the quantity grammar (issue 4), each as a sentence a report could contain."""

from __future__ import annotations

import pytest

from ingest.extract.extractor import extract_facts


def facts_of(text: str, year: int | None = 2024):
    return [(f.surface, f.value, f.unit, f.qualifier) for f in extract_facts(text, "t", year)]


def test_offsets_slice_to_surface():
    text = "全年共办理法律援助案件155件，涉案金额约8万元。"
    for fact in extract_facts(text, "t", 2024):
        assert text[fact.start:fact.end] == fact.surface


@pytest.mark.parametrize(
    "text, expected",
    [
        ("受理行政复议案件１２３件，办结率９８．５％。", [("１２３件", 123, "件", "exact"), ("９８．５％", 98.5, "%", "exact")]),
        ("累计服务群众1.2万余人次。", [("1.2万余人次", 12000, "人次", "at_least")]),
        ("涉案金额约8万元。", [("约8万元", 80000, "元", "approx")]),
        ("挽回经济损失340余万元。", [("340余万元", 3400000, "元", "at_least")]),
        ("受理、办结分别为58件、43件。", [("58件", 58, "件", "exact"), ("43件", 43, "件", "exact")]),
        ("审批时限压缩至3至5天。", [("3至5天", 3, "天", "at_least")]),
        ("全年办理案件1,500至2,000件。", [("1,500至2,000件", 1500, "件", "at_least")]),  # separators in both bounds
        ("开展普法活动二十余次。", [("二十余次", 20, "次", "at_least")]),
        ("发放资料2.9万余条。", [("2.9万余条", 29000, "条", "at_least")]),
        ("调解成功率达百分之九十五。", [("百分之九十五", 95, "%", "exact")]),
        ("提高3个百分点。", [("3个百分点", 3, "百分点", "exact")]),
        ("接待群众咨询1000人次以上。", [("1000人次以上", 1000, "人次", "at_least")]),
        ("入企检查486家次。", [("486家次", 486, "家次", "exact")]),  # not 486家
        ("主体班共计参加培训4649人次天。", [("4649人次天", 4649, "人次天", "exact")]),  # person-days, not 人次
    ],
)
def test_quantity_forms(text, expected):
    assert facts_of(text) == expected


def test_traditional_characters_keep_original_offsets():
    text = "通過告知承諾方式辦理涉企經營事項共計27383件，區級政務服務中心“委託受理”率91.15%。"
    got = extract_facts(text, "t", 2022)
    assert [(f.surface, f.value) for f in got] == [("27383件", 27383), ("91.15%", 91.15)]
    assert all(text[f.start:f.end] == f.surface for f in got)


def test_page_break_inside_a_sentence_is_joined():
    text = ("对全区执法单位行政执法人员进行统计与清理，组织全区各执法单位187人次参加行政执法考试两次，参考合格率达\n\n"
            "到83.8%，合格率列各县市区第一。")
    got = facts_of(text)
    assert ("83.8%", 83.8, "%", "exact") in got
    assert ("187人次", 187, "人次", "exact") in got


def test_word_bookmark_marker_is_ignored():
    text = "[bookmark: _GoBack]对4份涉市场经营主体规范性文件进行了公平竞争审查。"
    assert facts_of(text) == [("4份", 4, "份", "exact")]


@pytest.mark.parametrize(
    "text",
    [
        "2025730日召开会议。",  # a date whose 年/月 were lost
        "于20256月印发实施。",
        "屈报〔2025〕2号文件。",
        "召开第36次党组会议，公布第二批名单。",
        "一是强化组织领导。",
        "全面落实“三高四新”战略，推进“1+N”体系建设。",
        "畅通12345热线、12348法律服务热线。",
        "实施提升行政执法质量三年行动。",
        "将“最多跑一次”升级为“一次也不用跑”。",
        "纳入“十四五”规划。",
        "深入学习党的二十大和二十届三中全会精神。",
        "联系电话：0731-88888888。",
    ],
)
def test_not_facts(text):
    assert facts_of(text) == []


def test_a_plus_sign_makes_a_formula_except_after_internet():
    # "1名法律顾问+1名志愿者" names a model; “互联网+监管” names a policy, and the count beside it stays
    assert facts_of("组建1名法律顾问+2名调解员的服务队。") == []
    assert facts_of("不断丰富“书面+台面”两种形式。") == []
    assert facts_of("“互联网+监管”系统中录入主项546项。") == [("546项", 546, "项", "exact")]
    assert facts_of("推行“互联网+政务服务”，网上办件3000件。") == [("3000件", 3000, "件", "exact")]


def test_duration_that_looks_like_a_year():
    assert facts_of("连续3年获评先进。") == [("3年", 3, "年", "exact")]


def test_plan_section_and_cumulative_periods():
    text = "一、主要成效\n今年办理法律援助案件155件，累计办理案件900余件。\n三、下一步工作打算\n力争办理案件200件。"
    periods = [(f.surface, f.period) for f in extract_facts(text, "t", 2024)]
    # issue 15: 累计 alone, in a sentence about the year's work, is the year's total
    assert periods == [("155件", "report"), ("900余件", "report"), ("200件", "plan")]


def test_before_after_pair():
    got = [(f.surface, f.period, f.kind) for f in extract_facts("窗口由144个压减至84个，压减41.7%。", "t", 2024)]
    assert got == [("144个", "prior", "count"), ("84个", "report", "count"), ("41.7%", "report", "change")]


def test_rank():
    got = [(f.surface, f.value, f.kind) for f in extract_facts("参考合格率达到83.8%，合格率列各县市区第一。", "t", 2024)]
    assert ("第一", 1, "rank") in got
