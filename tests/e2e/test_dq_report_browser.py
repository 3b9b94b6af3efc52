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


def test_findings_page_renders_with_findings(sample_warehouse: Path, tmp_path: Path):
    report = sample_warehouse.parent / "dq_report" / "index.html"
    assert report.exists()
    driver = _browser(tmp_path / "profile")
    try:
        driver.get(report.as_uri())
        shot = tmp_path / "dq_report.png"
        assert driver.save_screenshot(str(shot))
        assert shot.stat().st_size > 20_000
        assert "Data-quality findings" in driver.title
        body = driver.find_element(By.TAG_NAME, "body").text
        assert "衡山县" in body  # a real finding: its mediation rate disagrees with its counts
        assert "1838" in body and "1928" in body
        rows = driver.find_elements(By.CSS_SELECTOR, "table tr")
        assert len(rows) > 3
        marks = driver.find_elements(By.TAG_NAME, "mark")
        assert marks, "the stated figure is highlighted in its sentence"
        link = driver.find_element(By.LINK_TEXT, "Great Expectations Data Docs")
        link.click()
        assert "Data Docs" in driver.title or driver.find_elements(By.TAG_NAME, "table")
    finally:
        driver.quit()
