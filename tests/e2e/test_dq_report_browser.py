"""The HTML findings report opened in a real headless Chromium, with a screenshot (issue 7)."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMEDRIVER = shutil.which("chromedriver") or "/usr/bin/chromedriver"


def _browser(profile: Path) -> webdriver.Chrome:
    os.environ["SE_OFFLINE"] = "true"  # never let Selenium Manager look for downloads
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 f"--user-data-dir={profile}", "--window-size=1280,1600"):
        options.add_argument(flag)
    return webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)


# the error findings of the sample (tests/e2e/test_dq_seed_findings.py): rule, county, a piece of the
# quoted sentence, the highlighted figure
SEED_ERRORS = [
    ("consistency.rate", "衡山县", "调解矛盾纠纷1928件,调解成功1838件,成功率达95.4%", "95.4%"),
    ("consistency.rate_granularity", "衡山县", "行政诉讼案件收案 14 件,办结 8 件,胜诉率93%", "93%"),
    ("consistency.rate_granularity", "长沙县", "议案、建议和政协提案79件,满意率为97.4%", "97.4%"),
    ("consistency.rate_granularity", "屈原管理区", "187人次参加行政执法考试两次，参考合格率达到83.8%", "83.8%"),
]
# on a province page: the finding rows of the error groups (each group a section under its county's h2)
ERROR_ROWS = "//section[@data-severity='error']/table//tr[td]"


def test_findings_pages_render_with_findings(sample_warehouse: Path, tmp_path: Path, query, record_property):
    """The summary page (counts, charts, links) and the province pages it links to, which hold the
    findings (issue 16: a report a browser can open at any corpus size)."""
    report = sample_warehouse.parent / "dq_report" / "index.html"
    assert report.exists()
    (errors,) = query("select count(*) from quality.dq_findings where severity = 'error'")[0]
    assert errors == len(SEED_ERRORS)
    driver = _browser(tmp_path / "profile")
    try:
        driver.get(report.as_uri())
        shot = tmp_path / "dq_report.png"  # kept: pytest keeps the last runs' tmp_path; its path is a property
        assert driver.save_screenshot(str(shot))
        record_property("screenshot", str(shot))
        assert shot.stat().st_size > 20_000
        assert "Data-quality findings" in driver.title
        body = driver.find_element(By.TAG_NAME, "body").text
        assert f"错误 error: {errors}" in body  # the summary badge
        charts = driver.find_elements(By.CSS_SELECTOR, "figure svg.chart")
        assert len(charts) >= 2 and all(chart.size["height"] > 20 for chart in charts)
        assert driver.find_elements(By.CSS_SELECTOR, "#chart-rules svg rect"), "the rule chart has no bars"
        summary = {row.find_element(By.TAG_NAME, "code").text: row.find_elements(By.CSS_SELECTOR, "td.num")[0].text
                   for row in driver.find_elements(By.CSS_SELECTOR, "table.rules tr") if row.find_elements(By.TAG_NAME, "td")}
        assert summary["consistency.rate_granularity"] == "3" and summary["consistency.rate"] == "1", summary
        pages = [link.get_attribute("href") for link in driver.find_elements(By.CSS_SELECTOR, "a.province")]
        assert pages and all("/dq_report/regions/" in page for page in pages), pages
        worst = driver.find_elements(By.CSS_SELECTOR, "table.worst a.county")
        assert worst and "#region-" in worst[0].get_attribute("href")
        shown = []
        for page in pages:
            driver.get(page)
            assert driver.find_element(By.LINK_TEXT, "← 数据质量报告 Data-quality findings (summary)")
            for row in driver.find_elements(By.XPATH, ERROR_ROWS):
                section = row.find_element(By.XPATH, "preceding::h2[1]").text  # the county heading
                rule = row.find_element(By.XPATH, "ancestor::section[1]/h3").text
                sentence = row.find_element(By.CSS_SELECTOR, "td.sentence")
                marks = [m.text for m in sentence.find_elements(By.TAG_NAME, "mark")]
                shown.append((section, rule, sentence.text, marks))
        assert len(shown) == errors, shown
        for rule_id, county, quoted, figure in SEED_ERRORS:
            assert any(section.startswith(county) and f"({rule_id}," in rule and quoted in text and figure in marks
                       for section, rule, text, marks in shown), (rule_id, county, shown)
        # filters: unticking "error" hides the error groups; info groups start collapsed
        driver.get(next(page for page in pages if "430000" in page))
        groups = driver.find_elements(By.CSS_SELECTOR, "section.group[data-severity='error']")
        assert groups and all(group.is_displayed() for group in groups)
        driver.find_element(By.CSS_SELECTOR, "input[name=severity][value=error]").click()
        assert not any(group.is_displayed() for group in groups)
        info = driver.find_elements(By.CSS_SELECTOR, "section.group[data-severity='info'] details")
        assert info and not any(d.get_attribute("open") for d in info)
        driver.get(report.as_uri())
        link = driver.find_element(By.LINK_TEXT, "Great Expectations Data Docs")
        link.click()
        assert driver.current_url.endswith("/dq_report/gx/index.html"), driver.current_url
        assert "Data Docs" in driver.title, driver.title
    finally:
        driver.quit()
