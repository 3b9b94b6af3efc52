"""The indicator explorer page: charts are SVG drawn at build time, with one mark per data point."""

from __future__ import annotations

import re

from ingest.publish.explorer import build_explorer


def _section(html: str, anchor: str) -> str:
    start = html.index(f'id="{anchor}"')
    end = html.find('<section', start + 1)
    return html[start:end if end > 0 else None]


def test_explorer_draws_a_league_a_county_chart_and_a_coverage_heatmap(mini_warehouse, tmp_path):
    page = build_explorer(mini_warehouse, tmp_path / "explorer.html").read_text(encoding="utf-8")
    assert "<script" not in page and "http://" not in page.replace("http://www.w3.org", "")  # offline
    league = _section(page, "indicator-legal_aid_cases")
    assert league.count("<svg") == 1
    bars = re.search(r'class="mark-rect role-mark[^"]*"[^>]*>(.*?)</g>', league, re.S).group(1)
    assert bars.count("<path") == 3  # three counties in 2024
    assert league.index("长沙县") < league.index("衡山县") < league.index("蓝山县")  # the league table, by value
    county = _section(page, "county-431127")
    assert "<svg" in county and "mark-line" in county and "mark-symbol" in county
    heatmap = _section(page, "coverage-chart")
    cells = re.search(r'class="mark-rect role-mark[^"]*"[^>]*>(.*?)</g>', heatmap, re.S).group(1)
    assert cells.count("<path") == 3 * 2  # three counties × two domains
