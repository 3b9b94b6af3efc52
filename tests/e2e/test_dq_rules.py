"""Every data-quality rule on a small constructed case it catches and one it leaves alone (issue 7).

All cases sit in five tiny reports (岳阳县 2023 and 2024, 平江县, 华容县 and one without a region)
loaded into a copy of the sample warehouse by the real pipeline (`fazhi run`: ingest, dbt check models,
GX suites), plus one raw fact the extractor cannot produce (a negative count) in a document row of
its own, inserted before the run. One pipeline run for all cases keeps the module quick.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import duckdb
import pytest

from tests.conftest import fazhi, load_script

FILLER = ("我们坚持以习近平新时代中国特色社会主义思想为指导，深入学习贯彻习近平法治思想，全面落实法治政府建设"
          "实施纲要，扎实推进依法行政，各项工作取得积极成效。")

REPORTS = {
    "yy2024.txt": """岳阳县2024年法治政府建设年度报告
2024年，我县深入推进法治政府建设，现将有关情况报告如下。
一、主要举措和成效
（一）行政复议。全年行政复议收案80件，受理70件，其中已审结60件、正在审理10件，纠错10件，纠错率16.7%。
（二）行政应诉。行政诉讼案件收案9件，审结7件，胜诉率90%。
（三）执法考试。组织行政执法资格考试，参考120人，合格130人。
（四）规范性文件。审查规范性文件30件，其中行政规范性文件20件、其他文件15件。
（五）公证。全年办理公证200件，其中民事公证150件、经济公证40件。
（六）普法。开展普法活动50场，其中进校园活动10场。开展法治讲座12.5场。
（七）调解。全县调解矛盾纠纷1000件，调解成功950件，调解成功率96.5%。
（八）法律援助。办理法律援助案件400件，法律援助受援人120人，回访满意度达98%。
（九）建议提案。办理人大代表建议和政协提案40件，满意率97.5%。
（十）政务服务。前台窗口数量由60个压缩到40个，压减40%。行政执法事项由200项压减至150项，压减25%。群众满意率达105%。
（十一）宣传。发放宣传资料5000余份。全年共发放宣传资料4800份。
（十二）其他。法律援助受援人150人。
（十三）全年调解矛盾纠纷1000件。
（十四）调解组织。全县共建立人民调解委员会248个，专业性人民调解委员会11个。
""",
    "yy2023.txt": """岳阳县2023年法治政府建设年度报告
2023年，我县深入推进法治政府建设。
全县调解矛盾纠纷900件，调解成功880件。
办理法律援助案件100件。
全年办理行政处罚案件300件。
""",
    "pj2024.txt": f"平江县2024年法治政府建设年度报告\n{FILLER}\n开展法治讲座20场。\n",
    "hr2024.txt": f"华容县2024年法治政府建设年度报告\n{FILLER}\n",
    "unknown.txt": f"2024年法治政府建设年度报告\n{FILLER}\n我县开展法治讲座5场。\n",
}
NEGATIVE_SENTENCE = "（测试）本项为负数-5件。"
RUN_RESULT: list = []  # the fixture's `fazhi run --fail-on-findings`


@pytest.fixture(scope="module")
def constructed(sample_warehouse: Path, tmp_path_factory) -> Path:
    base = tmp_path_factory.mktemp("dq_constructed")
    warehouse = base / "fazhi.duckdb"
    shutil.copy(sample_warehouse, warehouse)
    if (sample_warehouse.parent / "dbt_target").exists():  # reuse dbt's parse of the same project
        shutil.copytree(sample_warehouse.parent / "dbt_target", base / "dbt_target")
    reports = base / "reports"
    reports.mkdir()
    for name, text in REPORTS.items():
        (reports / name).write_text(text, encoding="utf-8")
    con = duckdb.connect(str(warehouse))
    try:  # a document of its own (华容县 2019) holding the one fact the extractor cannot produce
        con.execute(
            "insert into raw.documents select * replace ('negative-count-case' as doc_id, 'negative-count-case' as "
            "content_hash, 'negative.txt' as file_name, '/constructed/negative.txt' as source_path, '430623' as "
            "region_code, '华容县' as region_name, '430600' as prefecture_code, '430000' as province_code, "
            "2019 as report_year) from raw.documents where file_name = '003.txt'")
        con.execute(
            "insert into raw.facts (doc_id, start_offset, end_offset, surface, value, unit, qualifier, kind, period, "
            "sentence, extractor_version) select doc_id, 9000, 9004, '-5件', -5, '件', 'exact', 'count', 'report', ?, "
            "extractor_version from raw.documents where doc_id = 'negative-count-case'", [NEGATIVE_SENTENCE])
    finally:
        con.close()
    ran = fazhi("run", str(reports), "--fail-on-findings", warehouse=warehouse)
    RUN_RESULT.append(ran)
    assert ran.returncode in (0, 1), ran.stdout + ran.stderr
    return warehouse


def _rows(warehouse: Path, sql: str, params: list | None = None) -> list[dict]:
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        cursor = con.execute(sql, params or [])
        names = [d[0] for d in cursor.description]
        return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]
    finally:
        con.close()


def _findings(warehouse: Path, rule_id: str) -> list[dict]:
    return _rows(warehouse, "select * from quality.dq_findings where rule_id = ? and file_name in ("
                 + ", ".join("?" * len(FILES)) + ")", [rule_id, *FILES])


def _checked(warehouse: Path, model: str, where: str, params: list) -> list[dict]:
    """Rows of a check model: proof that a case left alone was looked at, not missed."""
    return _rows(warehouse, f"select * from intermediate.{model} where file_name in ("
                 + ", ".join("?" * len(FILES)) + f") and {where}", [*FILES, *params])


# rule id, severity, the finding's observed figure, a text of its sentence; the case it leaves alone:
# check model, where clause and parameters that find the row it passed
CASES = [
    ("range.rate", "error", "105%", "群众满意率达105%",
     "int_checks__fact_ranges", "observed = ?", ["98%"]),
    ("range.negative", "error", "-5件", "负数-5件",
     "int_checks__fact_ranges", "observed = ?", ["400件"]),
    ("range.whole_count", "warning", "12.5场", "法治讲座12.5场",
     "int_checks__fact_ranges", "observed = ?", ["50场"]),
    ("order.part_le_total", "error", "130人 of 120人", "参考120人，合格130人",
     "int_checks__count_order", "observed = ?", ["950件 of 1000件"]),
    ("sums.parts_exceed_total", "error", "20件 + 15件 = 35", "其中行政规范性文件20件、其他文件15件",
     "int_checks__breakdown_sums", "sentence like ?", ["%其中已审结60件、正在审理10件，纠错10件%"]),
    ("sums.parts_short_of_total", "warning", "150件 + 40件 = 190", "其中民事公证150件、经济公证40件",
     "int_checks__breakdown_sums", "sentence like ?", ["%其中进校园活动10场%"]),
    ("consistency.rate", "error", "96.5%", "调解成功950件，调解成功率96.5%",
     "int_checks__rate_consistency", "observed = ?", ["16.7%"]),
    ("consistency.rate_granularity", "error", "90% of 7件", "审结7件，胜诉率90%",
     "int_checks__rate_granularity", "observed = ?", ["97.5% of 40件"]),
    ("consistency.before_after", "warning", "40%", "由60个压缩到40个，压减40%",
     "int_checks__before_after", "observed = ?", ["25%"]),
    ("time.yoy_change", "warning", "400件", "办理法律援助案件400件",
     "int_checks__year_over_year", "indicator_codes = ?", ["mediation_cases"]),
    ("time.dropped_indicator", "info", "not stated in 2024", "全年办理行政处罚案件300件",
     "int_checks__dropped_indicators", "indicator_codes = ?", ["mediation_cases"]),
    ("coverage.core_indicators", "info", "1 of 7 core topics", None,
     "int_checks__core_coverage", "region_name = ? and report_year = 2024", ["岳阳县"]),
    ("coverage.no_facts", "warning", None, None,
     "int_checks__documents", "region_name = ?", ["平江县"]),
    ("coverage.unresolved_region", "warning", None, None,
     "int_checks__documents", "region_name = ?", ["岳阳县"]),
    ("extraction.conflicting_statements", "warning", "120人", "法律援助受援人120人",
     "int_checks__duplicate_observations", "indicator_codes = ?", ["mediation_cases"]),
    ("extraction.duplicate_statements", "info", "4800份", "全年共发放宣传资料4800份",
     "int_checks__duplicate_observations", "indicator_codes = ?", ["mediation_cases"]),
    # two figures of one indicator in one sentence are a list, not a contradiction (info, not a warning)
    ("extraction.listed_figures", "info", "248个", "人民调解委员会248个，专业性人民调解委员会11个",
     "int_checks__duplicate_observations", "indicator_codes = ?", ["legal_aid_beneficiaries"]),
    ("extraction.unclassified_quantity", "info", "20件", "其中行政规范性文件20件",
     "int_checks__unclassified_quantities", "observed = ?", ["30件"]),
]
# the file each finding comes from (the rest come from yy2024.txt)
FINDING_FILE = {"coverage.core_indicators": "pj2024.txt", "coverage.no_facts": "hr2024.txt",
                "coverage.unresolved_region": "unknown.txt", "range.negative": "negative.txt"}
FILES = [*REPORTS, "negative.txt"]


@pytest.mark.parametrize(("rule_id", "severity", "observed", "sentence", "model", "where", "params"),
                         CASES, ids=[case[0] for case in CASES])
def test_rule_catches_its_case_and_leaves_the_other_alone(constructed, rule_id, severity, observed, sentence,
                                                          model, where, params):
    findings = _findings(constructed, rule_id)
    caught = [f for f in findings if f["file_name"] == FINDING_FILE.get(rule_id, "yy2024.txt")
              and (observed is None or f["observed"] == observed)
              and (sentence is None or sentence in (f["sentence"] or ""))]
    assert len(caught) == 1, (rule_id, findings)
    assert caught[0]["severity"] == severity
    assert caught[0]["expected"] and caught[0]["explanation"]
    # the left-alone check below compares finding ids with "rule:check_id" of the model's rows: it only
    # means something while the caught finding's id is built that way from a row of the same model
    assert _rows(constructed, f"select check_id from intermediate.{model} where ? || ':' || check_id = ?",
                 [rule_id, caught[0]["finding_id"]]), (rule_id, model, caught[0]["finding_id"])
    passed = _checked(constructed, model, where, params)
    assert passed, f"{model}: the case to leave alone was not checked"
    passed_ids = {f"{rule_id}:{row['check_id']}" for row in passed}
    assert not passed_ids & {f["finding_id"] for f in findings}, f"{rule_id} flagged the case it should leave alone"


def test_constructed_findings_are_exactly_the_planted_ones(constructed):
    """No rule fires on a figure of the constructed reports that has no planted problem."""
    planted = {(rule_id, FINDING_FILE.get(rule_id, "yy2024.txt")) for rule_id, *_ in CASES}
    found = _rows(constructed, "select rule_id, file_name, observed from quality.dq_findings where file_name in ("
                  + ", ".join("?" * len(FILES)) + ")", FILES)
    unexpected = [f for f in found if (f["rule_id"], f["file_name"]) not in planted]
    # incidental, by design: the short reports lack core topics too
    allowed = {("coverage.core_indicators", "yy2023.txt"), ("coverage.core_indicators", "hr2024.txt"),
               ("coverage.core_indicators", "negative.txt"),
               ("extraction.unclassified_quantity", "yy2024.txt")}
    assert [f for f in unexpected if (f["rule_id"], f["file_name"]) not in allowed] == []
    per_rule = {}
    for f in found:
        per_rule.setdefault(f["rule_id"], []).append(f["observed"])
    # 其中进校园活动10场 names only its kind: it takes its total's code (part of 50场), so only the planted 20件
    assert sorted(per_rule["extraction.unclassified_quantity"]) == ["20件"]


def test_an_error_finding_fails_the_run_when_asked(constructed):
    """`fazhi run --fail-on-findings` exits 1 on an error finding, as `fazhi check` does (same count)."""
    result = RUN_RESULT[-1]
    assert result.returncode == 1, result.stdout + result.stderr
    errors = _rows(constructed, "select count(*) as n from quality.dq_findings where severity = 'error'")[0]["n"]
    assert re.search(rf"findings\W+{errors} error\b", result.stdout), result.stdout


def test_arithmetic_is_spelled_out(constructed):
    """The explanation carries the numbers a reader needs to redo the check."""
    def explanation(rule_id: str) -> str:
        return next(f["explanation"] for f in _findings(constructed, rule_id)
                    if f["file_name"] == FINDING_FILE.get(rule_id, "yy2024.txt"))
    assert "950 / 1000 = 95%" in explanation("consistency.rate")
    assert "6 / 7 = 85.714%" in explanation("consistency.rate_granularity")
    assert "7 / 7 = 100%" in explanation("consistency.rate_granularity")
    assert "(60 - 40) / 60 = 33.333%" in explanation("consistency.before_after")
    assert "20件 + 15件 = 35, 5 more than the total" in explanation("sums.parts_exceed_total")
    assert "2023: 100件 → 2024: 400件 (x4)" in explanation("time.yoy_change")


def test_rules_doc_lists_every_rule_and_is_up_to_date():
    generator = load_script("generate_rules_doc")
    text = generator.render()
    for rule_id, *_ in CASES:
        assert f"| `{rule_id}` |" in text, rule_id
    assert generator.TARGET.read_text(encoding="utf-8") == text, "run scripts/generate_rules_doc.py"
