"""The five seed reports (data/reports/seed/) yield the findings a careful reader with a calculator
finds, and no others of the arithmetic rules (issue 7).

Read with a calculator, the seeds hold four figures that cannot all be right:
- 衡山县: "调解矛盾纠纷1928件,调解成功1838件,成功率达95.4%": 1838 / 1928 = 95.33%, not 95.4%.
- 衡山县: "行政诉讼案件收案 14 件,办结 8 件,胜诉率93%": a win rate over 8 concluded cases is k/8
  (7/8 = 87.5%, 8/8 = 100%); no whole count gives 93% (13/14 would: the wrong denominator).
- 长沙县: "办理县人大代表议案、建议和政协提案79件,满意率为97.4%": 76/79 = 96.20%, 77/79 = 97.47%.
- 屈原管理区: "187人次参加行政执法考试两次，参考合格率达到83.8%": 156/187 = 83.42%, 157/187 = 83.96%.
Everything else adds up, for instance (checked here so that the rules are seen to pass on them):
- 长沙县 "前台窗口数量由144个压缩到84个,压减41.7%": (144 - 84) / 144 = 41.67%;
- 曲沃县 "将最初下放乡镇的55项行政执法事项清单调整为平均26项，压缩率53%": 29 / 55 = 52.7%;
- 衡山县 "审查政府文件及合同共95件,其中会议纪要64件、一般性文件19件、政府合同12件": 64 + 19 + 12 = 95;
- 蓝山县 "梳理权责清单7797项，其中依申请类907项，依职权类6890项": 907 + 6890 = 7797;
- 长沙县 "办理法律援助案件518件,其中刑事案件495件、民事案件23件": 495 + 23 = 518;
- 蓝山县 "报名717人，合格439人，参考合格率64.6%": the rate is over those who sat (参考, not stated),
  not over the 717 registered (439/717 = 61.2%), so it is not a finding.
"""

from __future__ import annotations

from tests.conftest import SEEDS

SEED_FILES = [path.name for path in SEEDS]
ARITHMETIC_RULES = ("range.", "order.", "sums.", "consistency.")

# (rule, severity, region, indicator, stated, a text of the sentence that shows it)
EXPECTED = [
    ("consistency.rate", "error", "衡山县", "mediation_success_rate", "95.4%",
     "调解矛盾纠纷1928件,调解成功1838件,成功率达95.4%"),
    ("consistency.rate_granularity", "error", "衡山县", "admin_litigation_win_rate", "93% of 8 件",
     "行政诉讼案件收案 14 件,办结 8 件,胜诉率93%"),
    ("consistency.rate_granularity", "error", "长沙县", "proposal_satisfaction_rate", "97.4% of 79件",
     "议案、建议和政协提案79件,满意率为97.4%"),
    ("consistency.rate_granularity", "error", "屈原管理区", "enforcement_exam_pass_rate", "83.8% of 187人次",
     "187人次参加行政执法考试两次，参考合格率达到83.8%"),
]


def _seed_findings(query, prefixes=ARITHMETIC_RULES):
    rows = query(
        "select rule_id, severity, region_name, indicator_codes, observed, expected, explanation, sentence "
        "from quality.dq_findings where file_name in (" + ", ".join("?" * len(SEED_FILES)) + ") "
        "order by rule_id, region_name", SEED_FILES)
    return [row for row in rows if row[0].startswith(prefixes)]


def test_the_seed_reports_yield_the_inconsistencies_a_careful_reader_finds(query):
    found = _seed_findings(query)
    summary = sorted((rule, severity, region, codes.split(", ")[0], observed)
                     for rule, severity, region, codes, observed, *_ in found)
    assert summary == sorted(case[:5] for case in EXPECTED)
    for rule, _, region, indicator, _stated, sentence in EXPECTED:
        row = next(f for f in found if f[0] == rule and f[2] == region and f[3].startswith(indicator))
        assert sentence in row[7], (rule, region, row[7])


def test_each_seed_finding_shows_its_arithmetic(query):
    found = {(f[0], f[2]): f for f in _seed_findings(query)}
    assert found[("consistency.rate", "衡山县")][5] == "95.332%"
    assert "1838 / 1928 = 95.332%" in found[("consistency.rate", "衡山县")][6]
    assert "7 / 8 = 87.5%, 8 / 8 = 100%" in found[("consistency.rate_granularity", "衡山县")][6]
    assert "76 / 79 = 96.203%, 77 / 79 = 97.468%" in found[("consistency.rate_granularity", "长沙县")][6]
    assert "156 / 187 = 83.422%, 157 / 187 = 83.957%" in found[("consistency.rate_granularity", "屈原管理区")][6]


def test_the_seed_figures_that_add_up_were_checked_and_passed(query):
    before_after = dict(query("select region_name, round(expected_change, 2) from intermediate.int_checks__before_after "
                              "where excess_over_tolerance <= 0 and file_name in ("
                              + ", ".join("?" * len(SEED_FILES)) + ")", SEED_FILES))
    assert before_after == {"长沙县": 41.67, "曲沃县": 52.73}
    sums = query("select region_name, observed from intermediate.int_checks__breakdown_sums "
                 "where parts_excess = 0 and file_name in (" + ", ".join("?" * len(SEED_FILES)) + ")", SEED_FILES)
    assert ("衡山县", "64件 + 19件 + 12件 = 95") in sums
    assert ("蓝山县", "907项 + 6890项 = 7797") in sums
    assert ("长沙县", "495件 + 23件 = 518") in sums
    # the exam pass rate over those who sat is not compared with the registered count
    assert query("select count(*) from intermediate.int_checks__rate_consistency "
                 "where indicator_codes = 'enforcement_exam_pass_rate' and region_name = '蓝山县'") == [(0,)]
    orders = query("select count(*), max(part_excess) from intermediate.int_checks__count_order where file_name in ("
                   + ", ".join("?" * len(SEED_FILES)) + ")", SEED_FILES)
    assert orders[0][0] >= 20 and orders[0][1] < 0


def test_the_seed_reports_are_covered_and_resolved(query):
    coverage = _seed_findings(query, ("coverage.",))
    assert coverage == []
