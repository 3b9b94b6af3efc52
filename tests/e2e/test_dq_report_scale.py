"""The data-quality report of a 1k-report corpus opens in headless Chromium as a small summary page with
its charts and links to one page per province (issue 16). The findings have the shape and counts of the
1k corpus of scripts/generate_corpus.py (about 12,000 findings over all provinces, measured by
scripts/benchmark_scale.py), made here so the test renders and browses the report without running the
pipeline on 1,000 reports. How fast the page opens is printed by the benchmark, not asserted here."""

from __future__ import annotations

import csv
import random
from pathlib import Path

import pandas as pd
from selenium.webdriver.common.by import By

from ingest.paths import SEEDS_DIR
from ingest.quality.findings import finding_columns
from ingest.quality.report import stage_report
from tests.e2e.test_dq_report_browser import _browser

# rule → (severity, findings in the generated 1k corpus)
RULES = {"time.dropped_indicator": ("info", 6863), "extraction.conflicting_statements": ("warning", 1887),
         "extraction.listed_figures": ("info", 1603), "extraction.duplicate_statements": ("info", 1051),
         "time.yoy_change": ("warning", 499), "sums.parts_exceed_total": ("error", 26),
         "consistency.rate_granularity": ("error", 21), "consistency.before_after": ("warning", 19),
         "consistency.rate": ("error", 17), "order.part_le_total": ("error", 15)}


def _findings(reports: int = 1000) -> pd.DataFrame:
    rng = random.Random(16)
    with (SEEDS_DIR / "regions.csv").open(encoding="utf-8", newline="") as handle:
        counties = [row for row in csv.DictReader(handle) if row["level"] == "county"]
    chosen = rng.sample(counties, reports // 6)
    rows = []
    for rule_id, (severity, count) in RULES.items():
        for index in range(count):
            county = rng.choice(chosen)
            figure = f"{rng.randint(10, 900)}件"
            rows.append({"finding_id": f"{rule_id}:{index}", "rule_id": rule_id, "severity": severity,
                         "title": rule_id, "reporter_id": county["region_code"], "region_code": county["region_code"],
                         "region_name": county["name"], "report_year": rng.randint(2019, 2024),
                         "indicator_codes": "legal_aid_cases", "doc_id": f"doc{index}", "file_name": f"{index}.txt",
                         "start_offset": rng.randint(0, 9000), "end_offset": None,
                         "sentence": f"全年办理法律援助案件{figure}，切实维护困难群众合法权益。", "observed": figure,
                         "expected": "within x3.0 of 2022: 100件", "explanation": "2022: 100件 → 2023: " + figure})
    rows.append({**rows[0], "finding_id": "coverage.unresolved_region:x", "rule_id": "coverage.unresolved_region",
                 "severity": "warning", "region_code": None, "region_name": None})
    return pd.DataFrame.from_records(rows, columns=finding_columns())


def test_summary_of_a_1k_corpus_is_small_and_links_every_province(tmp_path: Path):
    findings = _findings()
    staging = stage_report(tmp_path / "dq_report", findings, 1015, None)
    summary = staging / "index.html"
    assert summary.stat().st_size < 2_000_000
    pages = sorted((staging / "regions").glob("*.html"))
    provinces = {str(code)[:2] for code in findings["region_code"].dropna()}
    assert len(pages) == len(provinces) + 1  # one per province, and the reports without a region
    driver = _browser(tmp_path / "profile")
    try:
        driver.get(summary.as_uri())
        assert "Data-quality findings" in driver.title
        body = driver.find_element(By.TAG_NAME, "body").text
        assert f"错误 error: {int((findings.severity == 'error').sum())}" in body
        charts = driver.find_elements(By.CSS_SELECTOR, "figure svg.chart")
        assert len(charts) == 3 and all(chart.size["width"] > 200 for chart in charts)
        bars = driver.find_elements(By.CSS_SELECTOR, "#chart-provinces svg rect")
        assert len(bars) > len(provinces)  # a legend, then stacked bars for every province
        links = driver.find_elements(By.CSS_SELECTOR, "a.province")
        assert len(links) == len(pages)
        worst = driver.find_elements(By.CSS_SELECTOR, "table.worst a.county")
        assert 0 < len(worst) <= 50
        county = worst[0].text.split(" (")[0]
        worst[0].click()
        assert "/regions/" in driver.current_url and "#region-" in driver.current_url
        heading = driver.find_element(By.CSS_SELECTOR, "div.region h2")
        assert heading.text.startswith(county)  # the worst county is first on its province's page
        assert driver.find_elements(By.CSS_SELECTOR, "section.group[data-severity='error'] td.sentence mark")
        driver.find_element(By.CSS_SELECTOR, "select[name=rule] option[value='time.yoy_change']").click()
        shown = [g for g in driver.find_elements(By.CSS_SELECTOR, "section.group") if g.is_displayed()]
        assert shown and {g.get_attribute("data-rule") for g in shown} == {"time.yoy_change"}
    finally:
        driver.quit()
