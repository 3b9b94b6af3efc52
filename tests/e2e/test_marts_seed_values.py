"""Numbers printed in the seed reports, read back through the marts (issues 3 and 6)."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(
    "county, indicator, value",
    [
        ("蓝山县", "mediation_cases", 3621),  # "调解案件3621件，调解成功3108件，调解成功率86％"
        ("蓝山县", "mediation_successes", 3108),
        ("蓝山县", "mediation_success_rate", 86),
        ("蓝山县", "legal_aid_cases", 155),  # "共办理法律援助案件155件"
        ("衡山县", "mediation_successes", 1838),
        ("衡山县", "mediation_success_rate", 95.4),
        ("衡山县", "admin_reconsideration_cases_received", 58),  # "收到行政复议申请 58 件"
        ("曲沃县", "admin_reconsideration_cases_received", 66),  # "共收到行政复议申请66件，受理64件"
        ("曲沃县", "admin_reconsideration_cases_accepted", 64),
        ("屈原管理区", "legal_aid_cases", 94),
        ("长沙县", "legal_aid_cases", 518),
    ],
)
def test_seed_fact_through_long_fact_table(query, county, indicator, value):
    rows = query(
        "select value, status from marts.fct_indicator_observation "
        "where region_name = ? and indicator_code = ? and report_year = 2024 and is_county_level",
        [county, indicator],
    )
    assert rows == [(pytest.approx(value), "reported")]


def test_wide_marts_by_county_and_year(query):
    legal_aid = dict(query("select region_name, legal_aid_cases from marts.mart_legal_aid where year = 2024"))
    assert legal_aid["蓝山县"] == 155
    assert legal_aid["长沙县"] == 518
    mediation = query(
        "select mediation_cases, mediation_successes, mediation_success_rate from marts.mart_dispute_mediation "
        "where region_name = '蓝山县' and year = 2024"
    )
    assert mediation == [(3621, 3108, 86)]


def test_stated_rate_sits_beside_its_recomputed_value(query):
    rows = query(
        "select value, round(recomputed_value, 2) from marts.fct_indicator_observation "
        "where region_name = '衡山县' and indicator_code = 'mediation_success_rate'"
    )
    assert rows == [(95.4, 95.33)]  # 1838 / 1928


def test_county_marts_hold_only_county_level_units(query):
    for mart in ("mart_legal_aid", "mart_dispute_mediation", "mart_admin_reconsideration"):
        rows = query(f"select m.region_name, r.level from marts.{mart} m left join marts.dim_region r using (region_code)")
        levels = {level for _, level in rows}
        # not vacuous on an empty mart: the seed counties (屈原管理区 a functional zone) are all there
        assert levels == {"county", "functional_zone"}, (mart, levels)
        assert {"蓝山县", "长沙县", "衡山县", "曲沃县", "屈原管理区"} <= {name for name, _ in rows}, mart
    # prefecture, province and department reports stay queryable in the long table with their level
    others = {row[0] for row in query(
        "select distinct region_level from marts.fct_indicator_observation where not is_county_level")}
    assert {"prefecture", "province", "department"} <= others


def test_dimensions_cover_the_facts(query):
    assert query("select count(*) from marts.dim_indicator")[0][0] >= 60
    assert query("select count(*) from marts.dim_region where level = 'county'")[0][0] > 2800
    orphans = query(
        "select count(*) from marts.fct_indicator_observation f "
        "left join marts.dim_document d using (doc_id) where d.doc_id is null")
    assert orphans == [(0,)]
