"""The indicator explorer in a real headless Chromium (issue 17): the charts are drawn (marks counted in
the rendered SVG, against the warehouse), with no network; a screenshot is kept as an artifact."""

from __future__ import annotations

from pathlib import Path

from selenium.webdriver.common.by import By

from tests.e2e.test_dq_report_browser import _browser

MARKS = "g.role-mark path"  # a chart's marks (not its axes, legends or titles)


def test_explorer_renders_heatmap_league_and_county_charts(exported: Path, query, tmp_path: Path, record_property):
    page = exported / "explorer.html"
    driver = _browser(tmp_path / "profile")
    try:
        driver.get(page.as_uri())
        assert "Indicator explorer" in driver.title
        # coverage: one rect per county × domain (each county's latest report year)
        domains = [c for (c,) in query("select column_name from duckdb_columns() where schema_name = 'marts' and "
                                       "table_name = 'mart_region_year_coverage' and column_name like '%\\_indicators' escape '\\'")]
        (counties,) = query("select count(distinct region_code) from marts.mart_region_year_coverage")[0]
        heatmap = driver.find_element(By.ID, "coverage-chart")
        cells = heatmap.find_elements(By.CSS_SELECTOR, "g.mark-rect.role-mark path")
        assert len(cells) == counties * len(domains) and cells[0].size["width"] > 5
        # an indicator's league chart: one bar per county reporting it in the year shown
        section = driver.find_element(By.ID, "indicator-legal_aid_cases")
        year = int(section.find_element(By.CSS_SELECTOR, "table.league th:nth-child(3)").text.split()[0])
        (reporting,) = query("select count(distinct region_code) from marts.fct_indicator_observation where is_county_level "
                             "and period = 'report' and indicator_code = 'legal_aid_cases' and report_year = ? and value is not null", [year])[0]
        bars = section.find_elements(By.CSS_SELECTOR, "g.mark-rect.role-mark path[aria-roledescription=bar]")  # not the ticks
        assert len(bars) == reporting >= 3
        assert len(section.find_elements(By.CSS_SELECTOR, "table.league tr")) == reporting + 1
        # a county's indicators over the years: a point per value, lines joining its years
        (code, points) = query("select region_code, count(*) from marts.fct_indicator_observation where is_county_level "
                               "and period = 'report' and value is not null and region_name = '闵行区' group by 1")[0]
        county = driver.find_element(By.ID, f"county-{code}")
        driver.execute_script("arguments[0].scrollIntoView();", county)
        assert len(county.find_elements(By.CSS_SELECTOR, "g.mark-symbol.role-mark path")) == points  # < 10 indicators: all drawn
        lines = county.find_elements(By.CSS_SELECTOR, "g.mark-line.role-mark path")
        assert any("L" in line.get_attribute("d") for line in lines)  # a segment from one year to the next
        assert len(driver.find_elements(By.CSS_SELECTOR, MARKS)) > 200
        shot = tmp_path / "explorer.png"  # kept: pytest keeps the last runs' tmp_path; its path is a property
        assert driver.save_screenshot(str(shot)) and shot.stat().st_size > 20_000
        record_property("screenshot", str(shot))
    finally:
        driver.quit()
