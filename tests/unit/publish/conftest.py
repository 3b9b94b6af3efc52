"""A tiny warehouse with the shape of the real marts, for the publish stage's unit tests."""

from __future__ import annotations

import duckdb
import pytest

from ingest.warehouse.schema import ensure_raw_schema


@pytest.fixture
def mini_warehouse(tmp_path):
    path = tmp_path / "fazhi.duckdb"
    con = duckdb.connect(str(path))
    ensure_raw_schema(con)
    con.execute("""
        create schema marts;
        create table marts.dim_indicator as select * from (values
            ('legal_aid_cases', '法律援助案件', 'legal_services', '件'),
            ('notarization_cases', '公证案件', 'legal_services', '件')) t(indicator_code, name_zh, domain, unit);
        create table marts.fct_indicator_observation as select * from (values
            ('431127', '蓝山县', 2023, 'legal_aid_cases', 'legal_services', 120.0, '件', 'reported', true, 'report'),
            ('431127', '蓝山县', 2024, 'legal_aid_cases', 'legal_services', 155.0, '件', 'reported', true, 'report'),
            ('431127', '蓝山县', 2024, 'notarization_cases', 'legal_services', 249.0, '件', 'reported', true, 'report'),
            ('430121', '长沙县', 2024, 'legal_aid_cases', 'legal_services', 518.0, '件', 'derived', true, 'report'),
            ('430423', '衡山县', 2024, 'legal_aid_cases', 'legal_services', 414.0, '件', 'reported', true, 'report'))
            t(region_code, region_name, report_year, indicator_code, domain, value, unit, status, is_county_level, period);
        create view marts.mart_legal_aid as
            select region_code, region_name, report_year, report_year as year, 'legal_services' as domain,
                   max(case when indicator_code = 'legal_aid_cases' then value end) as legal_aid_cases,
                   max(case when indicator_code = 'notarization_cases' then value end) as notarization_cases
            from marts.fct_indicator_observation group by all;
        create table marts.mart_region_year_coverage as
            select region_code, region_name, report_year, report_year as year, count(*) as indicators_reported,
                   count(*) as legal_services_indicators, 0 as openness_indicators
            from marts.fct_indicator_observation group by all;
        comment on column marts.fct_indicator_observation.value is 'Canonical value (after any correction).';
    """)
    con.close()
    return path
