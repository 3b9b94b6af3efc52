"""Issue 15: every published value is the one the text means (period, slogans, decision types,
before→after, direction), each on constructed text."""

from __future__ import annotations

from ingest.extract.extractor import extract_facts


def facts(text: str, year: int | None = 2024):
    return {f.surface: f for f in extract_facts(text, "t", year)}


def test_cumulative_in_a_sentence_about_the_year_is_the_years_total():
    got = facts("以农民工、妇女、未成年人等弱势群体为重点服务对象，累计受理各类法律援助案件128件，刑事指派案件98件。")
    assert got["128件"].period == "report"
    got = facts("2024年累计办结各类公证事项1101件，为特殊群众提供上门公证服务72次。")
    assert got["1101件"].period == "report"
    got = facts("组织行政执法业务培训，培训时长累计达60课时。")
    assert got["60课时"].period == "report"


def test_cumulative_since_an_earlier_year_is_prior():
    got = facts("自2019年以来，累计办理法律援助案件900件。")
    assert got["900件"].period == "prior"
    got = facts("2021年以来累计建成公共法律服务站30个。")
    assert got["30个"].period == "prior"
    got = facts("今年以来，累计开展普法活动35场。")
    assert got["35场"].period == "report"


def test_honours_held_and_standing_networks_are_stock():
    got = facts("目前，我县已成功创建市级法治乡镇8个，成功创建全国“民主法治示范村（社区）”1个，省级“民主法治示范村（社区）”7个。")
    assert [got[s].period for s in ("8个", "1个", "7个")] == ["stock", "stock", "stock"]
    got = facts("截至年底，全县共有执业律师45名、律师事务所5家。")
    assert got["45名"].period == "stock" and got["5家"].period == "stock"
    # 截至目前 before the year's activities is still the year's work
    got = facts("截至目前共实地走访企业42家，组织培训6场。")
    assert got["42家"].period == "report" and got["6场"].period == "report"


def test_numbers_of_a_slogan_are_not_facts():
    got = facts("今年以来，我局积极讲好“防范校园欺凌”“防范诈骗”“防范性侵”三堂课。")
    assert "三堂" not in got
    got = facts("上好开学三堂课，打好三场攻坚战。")
    assert got == {}
    got = facts("深入中小学开展法治讲座251次，讲授法治课三堂。")
    assert "251次" in got and "三堂" in got


def test_decision_types_each_get_their_own_code():
    text = "全年审结行政复议案件40件，其中驳回复议申请4件、驳回复议请求23件、维持8件、撤销2件、终止3件。"
    got = facts(text)
    assert got["4件"].indicator == "admin_reconsideration_applications_dismissed"
    assert got["23件"].indicator == "admin_reconsideration_claims_dismissed"
    assert got["8件"].indicator == "admin_reconsideration_decisions_upheld"
    assert got["2件"].indicator == "admin_reconsideration_decisions_revoked"
    assert got["3件"].indicator == "admin_reconsideration_cases_terminated"
    total = got["40件"].start
    assert {got[s].breakdown_of for s in ("4件", "23件", "8件", "2件", "3件")} == {total}


def test_before_value_of_a_before_after_pair():
    got = facts("将最初下放乡镇的55项行政执法事项清单调整为平均26项，压缩率53%。")
    assert got["26项"].period == "report" and got["26项"].before_of is None
    assert got["55项"].period == "prior" and got["55项"].before_of == got["26项"].start
    got = facts("前台窗口数量由144个压缩到84个，压减41.7%。")
    assert got["144个"].period == "prior" and got["144个"].before_of == got["84个"].start
    assert got["84个"].period == "report"
    assert got["41.7%"].kind == "change"


def test_an_earlier_years_value_beside_this_years_counts_the_same_thing():
    got = facts("2023年，区政府共收到行政复议申请1113件，较2022年558件增加了555件。")
    assert got["1113件"].period == "report" and got["558件"].period == "prior"
    assert got["558件"].indicator == got["1113件"].indicator == "admin_reconsideration_cases_received"
    assert got["558件"].code_reason == "earlier year of 1113件"
    got = facts("全年市本级新收行政复议申请3321件（2023年为867件）。")
    assert (got["867件"].period, got["867件"].indicator) == ("prior", "admin_reconsideration_cases_received")
    # a year alone between two figures does not make the second an earlier year's value
    got = facts("2023年受理案件100件，2024年120件。")
    assert got["120件"].period == "report" and not got["120件"].code_reason.startswith("earlier year")
    # another unit, or a figure of its own after 较, is not an earlier year's value
    got = facts("全年受理行政复议申请120件，较上年增长15%，办结率98%。")
    assert got["15%"].indicator != "admin_reconsideration_cases_received" and got["98%"].period == "report"


def test_direction_of_a_change_is_signed():
    got = facts("前台窗口数量由144个压缩到84个，压减41.7%。")
    assert (got["41.7%"].value, got["41.7%"].direction) == (-41.7, "down")
    got = facts("行政诉讼案件收案数同比下降10.51%，调解成功率同比提高2个百分点，受理案件同比增加5件。")
    assert (got["10.51%"].value, got["10.51%"].unit, got["10.51%"].direction) == (-10.51, "%", "down")
    assert (got["2个百分点"].value, got["2个百分点"].unit, got["2个百分点"].direction) == (2, "百分点", "up")
    assert (got["5件"].value, got["5件"].kind, got["5件"].direction) == (5, "change", "up")
    got = facts("全年受理案件120件，办结率98%。")
    assert got["120件"].direction is None and got["98%"].direction is None and got["120件"].before_of is None


def test_before_value_after_another_figure_in_its_clause():
    got = facts("将原本涉及39个部门的254个事项整合为36个“高效办成一件事”，压减52%。")
    assert got["254个"].period == "prior" and got["254个"].before_of == got["36个"].start
    assert got["39个"].before_of is None and got["39个"].period == "report"
    assert (got["52%"].value, got["52%"].direction) == (-52, "down")


def test_a_per_unit_quota_is_not_a_fact():
    """衡山县: "各乡镇、各行政执法单位每季度上报行政处罚案卷和行政许可案卷各1件进行评查" is a rule each unit
    follows, not the county's count of case files reviewed; "两类案件各3件" without a recurring duty stays."""
    from ingest.extract.extractor import FactExtractor

    quota = "同时,常态化开展案卷评查,各乡镇、各行政执法单位每季度上报行政处罚案卷和行政许可案卷各1件进行评查。"
    assert [f.surface for f in FactExtractor().extract(quota, "t", 2024)] == []
    counted = "全年办理行政处罚案件和行政许可案件各3件。"
    assert [f.surface for f in FactExtractor().extract(counted, "t", 2024)] == ["3件"]


def test_standing_lists_and_multi_year_spans_are_not_the_years_figure():
    """曲沃县 "目前有157项审批事项达到全国最短时限" is a standing count (stock); 蓝山县 "2023年至2024年以来，
    编制并发布的…清单共计251项" spans an earlier year (prior)."""
    from ingest.extract.extractor import FactExtractor

    extractor = FactExtractor()
    standing = extractor.extract("深化审批改革，目前有157项审批事项达到全国最短时限。", "t", 2024)
    assert [(f.surface, f.period) for f in standing] == [("157项", "stock")]
    span = extractor.extract("2023年至2024年以来，编制并发布的行政许可事项清单共计251项行政许可事项。", "t", 2024)
    assert [(f.surface, f.period) for f in span] == [("251项", "prior")]


def test_a_planned_step_is_plan():
    """长沙县 "目前已废止11件、已修改1件、已自动失效1件、拟修改4件": 拟修改 is what is planned, not done."""
    from ingest.extract.extractor import FactExtractor

    text = "经梳理发现需要清理的涉企政策文件17件,目前已废止11件、已修改1件、已自动失效1件、拟修改4件。"
    periods = {f.surface: f.period for f in FactExtractor().extract(text, "t", 2024)}
    assert periods["4件"] == "plan" and periods["11件"] != "plan"
