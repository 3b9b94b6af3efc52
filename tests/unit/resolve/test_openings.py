"""Issue 15: whose report and which year, read from the opening (constructed texts)."""

from __future__ import annotations

import pytest

from ingest.resolve.region import resolve_region
from ingest.resolve.report_year import read_report_metadata

_BODY = "坚持以习近平法治思想为指导，全面推进依法行政工作，法治政府建设取得新成效。"


@pytest.mark.parametrize("text, code", [
    ("2024年，蓝山县委、县政府" + _BODY + "全县受理案件12件。", "431127"),
    ("2024年，海淀区委、区政府" + _BODY + "我区积极推进示范创建。", "110108"),
    ("2023年，北京市委、市政府" + _BODY + "朝阳区完成示范创建。", "110000"),
])
def test_party_committee_and_government_are_the_issuer(text, code):
    r = resolve_region(text)
    assert (r.status, r.region_code) == ("resolved", code)


@pytest.mark.parametrize("text, code", [
    ("2023年，在市委的坚强领导下，市政府" + _BODY + "上海市浦东新区、闵行区完成示范创建，我市各区积极推进。", "310000"),
    ("2023年，市政府" + _BODY + "北京市朝阳区、海淀区完成示范创建，我市各区积极推进。", "110000"),
])
def test_a_municipality_as_a_whole(text, code):
    r = resolve_region(text)
    assert (r.status, r.region_code, r.level) == ("resolved", code, "province")


@pytest.mark.parametrize("text", [
    "法治政府建设工作报告\n今年以来，在县委坚强领导下，2023年我县坚持以习近平法治思想为指导。2024年1月，召开会议。2024年3月，印发通知。2024年2月部署。",
    "法治政府建设报告\n一年来，我县在2023年深入推进法治政府建设。2024年1月，召开会议。2024年3月，印发通知。2024年2月，部署。",
    "法治政府建设报告\n我县2023年坚持以习近平法治思想为指导。2024年1月，召开会议。2024年3月，印发通知。2024年2月，部署。",
    "法治政府建设报告\n2023年蓝山县坚持依法行政，2024年1月，召开会议。2024年3月，印发通知。2024年2月，部署。",
])
def test_year_of_the_opening_sentence_wins_over_later_dates(text):
    assert read_report_metadata(text, None, {}).report_year == 2023
