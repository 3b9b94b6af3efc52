"""Regenerate dbt_project/models/marts/_domain_marts.yml from seeds/indicators.csv, so every
column of the catalog-driven marts is documented: the per-domain wide marts (every
models/marts/mart_*.sql that calls domain_wide_mart) and mart_region_year_coverage (one count
column per domain). Run after editing the catalog or adding a mart; tests/test_marts_over_time.py
fails when the file is out of date.

    python scripts/generate_mart_docs.py
"""

from __future__ import annotations

import csv
import json
import re
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
CATALOG = REPO / "seeds" / "indicators.csv"
MARTS_DIR = REPO / "dbt_project" / "models" / "marts"
TARGET = MARTS_DIR / "_domain_marts.yml"
COVERAGE_MART = "mart_region_year_coverage"
WIDE_MART_CALL = re.compile(r"domain_wide_mart\(\s*'([a-z0-9_]+)'\s*\)")
DOMAIN_LABELS = {  # catalog domain → how the docs name it
    "admin_reconsideration": "行政复议 administrative reconsideration",
    "admin_litigation": "行政应诉 administrative litigation",
    "enforcement": "行政执法 administrative enforcement",
    "decision_review": "决策与审查 decisions, normative documents and legal review",
    "government_services": "政务服务 government services",
    "dispute_resolution": "矛盾纠纷 dispute resolution and mediation",
    "legal_services": "法律服务 legal aid, notarisation and legal services",
    "legal_education": "普法 legal education",
    "officials_study": "学法 officials' study of law",
    "openness": "政务公开 government openness",
    "leadership": "第一责任人 leaders' duties, law reporting (述法) and rule-of-law inspection",
    "other": "其他 other (criminal justice, ranks, awards, funds)",
}


def _quote(text: str) -> str:
    # a JSON string is a valid YAML double-quoted scalar
    return json.dumps(text, ensure_ascii=False)


def _label(domain: str) -> str:
    return DOMAIN_LABELS.get(domain, domain)


def load_catalog(catalog: Path = CATALOG) -> list[dict[str, str]]:
    with catalog.open(encoding="utf-8", newline="") as handle:
        return sorted(csv.DictReader(handle), key=lambda row: row["code"])


def wide_marts(marts_dir: Path = MARTS_DIR) -> dict[str, str]:
    """mart name → catalog domain, read from the mart SQL files themselves."""
    marts = {}
    for path in sorted(marts_dir.glob("mart_*.sql")):
        match = WIDE_MART_CALL.search(path.read_text(encoding="utf-8"))
        if match:
            marts[path.stem] = match.group(1)
    return marts


def _name_note(mart: str, domain: str) -> str:
    """Two marts are named after their main topic, not their catalog domain; the name stays for existing
    queries and the `domain` column maps it (README, Querying the marts)."""
    return "" if mart == f"mart_{domain}" else f"; the name {mart} is kept for existing queries, its domain column says {domain}"


def _wide_mart(mart: str, domain: str, indicators: list[dict[str, str]]) -> list[str]:
    lines = [
        f"  - name: {mart}",
        "    description: >",
        f"      County-level region × year table for {_label(domain)} (catalog domain {domain}{_name_note(mart, domain)});",
        "      one column per catalog indicator of the domain, in the indicator's canonical unit (dim_indicator.unit). Null = not reported. One row",
        "      per county-level region-year with any indicator. Only the value is kept: the unit as stated, the",
        "      qualifier (exact / approx / at_least / at_most), the status (reported / derived / corrected) and the",
        "      source sentence are in the long table marts.fct_indicator_observation.",
        "    data_tests:",
        "      - primary_key:",
        "          arguments:",
        "            columns: [region_code, year]",
        "    columns:",
        "      - name: region_code",
        "        description: County-level region code (dim_region).",
        "      - name: region_name",
        "        description: Region name.",
        "      - name: report_year",
        "        description: Report year (as in fct_indicator_observation).",
        "      - name: year",
        "        description: \"Report year, same value as report_year: kept for queries written before report_year (compatibility).\"",
        "      - name: domain",
        f"        description: \"Catalog domain of the mart's indicators ({domain}); dim_indicator.domain and fct_indicator_observation.domain use it.\"",
    ]
    for row in indicators:
        if row["domain"] == domain:
            text = f"{row['name_zh']} ({row['unit']}): {row['description']}"
            lines += [f"      - name: {row['code']}", f"        description: {_quote(text)}"]
    return lines


def _coverage_mart(indicators: list[dict[str, str]]) -> list[str]:
    domains = sorted({row["domain"] for row in indicators})
    sizes = {domain: sum(row["domain"] == domain for row in indicators) for domain in domains}
    total = " + ".join(f"{domain}_indicators" for domain in domains)
    lines = [
        f"  - name: {COVERAGE_MART}",
        "    description: >",
        "      Which indicators each county-level region-year reports, so analysts know what is comparable:",
        "      one row per county-level region-year with a chosen report (zero counts when it has no",
        "      classified figure), how many catalog indicators it has a value for (reported, derived or",
        "      corrected) in each domain, and the list of indicator codes.",
        "    data_tests:",
        "      - primary_key:",
        "          arguments:",
        "            columns: [region_code, year]",
        "      - expression_is_true:",
        "          arguments:",
        f"            expression: \"indicators_reported = {total}\"",
        "    columns:",
        "      - name: region_code",
        "        description: County-level region code (dim_region).",
        "      - name: region_name",
        "        description: Region name.",
        "      - name: report_year",
        "        description: Report year (as in fct_indicator_observation).",
        "      - name: year",
        "        description: \"Report year, same value as report_year: kept for queries written before report_year (compatibility).\"",
        "      - name: doc_id",
        "        description: The chosen report of the region-year (dim_document).",
        "      - name: indicators_reported",
        "        description: Catalog indicators with a value in the region-year.",
        "      - name: domains_reported",
        "        description: Domains with at least one value.",
    ]
    for domain in domains:
        text = f"Indicators of {_label(domain)} with a value (of {sizes[domain]} in the catalog domain {domain})."
        lines += [f"      - name: {domain}_indicators", f"        description: {_quote(text)}"]
    lines += [
        "      - name: indicator_codes",
        "        description: \"The indicator codes with a value, sorted, comma-separated; null when none.\"",
    ]
    return lines


def render(catalog: Path = CATALOG, marts_dir: Path = MARTS_DIR) -> str:
    indicators = load_catalog(catalog)
    lines = ["# Generated by scripts/generate_mart_docs.py from seeds/indicators.csv; do not edit by hand.",
             "version: 2", "", "models:"]
    for mart, domain in wide_marts(marts_dir).items():
        lines += _wide_mart(mart, domain, indicators)
    lines += _coverage_mart(indicators)
    return "\n".join(lines) + "\n"


def main() -> None:
    TARGET.write_text(render(), encoding="utf-8")
    print(f"wrote {TARGET.relative_to(REPO)}", file=sys.stderr)


if __name__ == "__main__":
    main()
