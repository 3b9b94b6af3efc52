"""The seed files are checked before a run writes anything (issue 18, item 10): each defect an analyst
can make in seeds/ is named as "seeds/FILE line N, column C: problem (value)", all of them at once."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pytest

from ingest.analyse.seed_checks import SeedError, check_seeds, require_bundled_seeds, validate_seeds
from ingest.paths import SEEDS_DIR

INDICATOR = "admin_reconsideration_cases_received"  # a catalog code
REGION = "431127"  # 蓝山县


@pytest.fixture
def seeds(tmp_path: Path) -> Path:
    copy = tmp_path / "seeds"
    shutil.copytree(SEEDS_DIR, copy, ignore=shutil.ignore_patterns(".*"))
    return copy


def _append(path: Path, *rows: list[str]) -> int:
    """Append CSV rows; the line number of the first one."""
    text = path.read_text(encoding="utf-8")
    if text and not text.endswith("\n"):
        text += "\n"
    first = text.count("\n") + 1
    with path.open("w", encoding="utf-8", newline="") as handle:
        handle.write(text)
        csv.writer(handle, lineterminator="\n").writerows(rows)
    return first


def _indicator_row(code: str) -> list[str]:
    return [code, "测试指标", "other", "count", "件", "", "", "A test indicator."]


def test_the_bundled_seeds_pass():
    assert check_seeds(SEEDS_DIR) == []
    validate_seeds(SEEDS_DIR)


def test_a_correction_of_an_unknown_indicator(seeds: Path):
    _append(seeds / "corrections.csv", [REGION, "", "2023", "no_such_indicator", "", "replace", "5", "", "", "typo", "analyst", ""])
    assert check_seeds(seeds) == [
        "seeds/corrections.csv line 2, column indicator_code: unknown indicator code (no_such_indicator)"]


def test_a_correction_for_a_reporter_that_does_not_exist(seeds: Path):
    line = _append(seeds / "corrections.csv",
                   [REGION, "司法局", "2023", INDICATOR, "", "replace", "5", "", "", "typo", "analyst", ""],  # a department of a real region: fine
                   ["999999", "司法局", "2023", INDICATOR, "", "replace", "5", "", "", "typo", "analyst", ""])
    assert check_seeds(seeds) == [
        f"seeds/corrections.csv line {line + 1}, column region_code: "
        "no region with this code in regions.csv or regions_extra.csv (999999)"]


def test_a_correction_whose_value_is_not_a_number(seeds: Path):
    _append(seeds / "corrections.csv", [REGION, "", "2023", INDICATOR, "", "replace", "12件", "", "", "typo", "analyst", ""])
    assert check_seeds(seeds) == ["seeds/corrections.csv line 2, column value: not a number (12件)"]


def test_a_correction_out_of_the_year_range_or_repeated(seeds: Path):
    line = _append(seeds / "corrections.csv",
                   [REGION, "", "1899", INDICATOR, "", "replace", "5", "", "", "typo", "analyst", ""],
                   [REGION, "", "2023", INDICATOR, "", "replace", "5", "", "", "typo", "analyst", ""],
                   [REGION, "", "2023", INDICATOR, "", "replace", "6", "", "", "typo", "analyst", ""])
    assert check_seeds(seeds) == [
        f"seeds/corrections.csv line {line}, column year: not a year from 1990 to 2100 (1899)",
        f"seeds/corrections.csv line {line + 2}, column indicator_code: a second correction of "
        f"{REGION} 2023 {INDICATOR} report (first on line {line + 1})"]


def test_a_correction_with_an_unknown_action_or_an_add_without_its_sentence(seeds: Path):
    line = _append(seeds / "corrections.csv",
                   [REGION, "", "2023", INDICATOR, "", "fix", "5", "", "", "typo", "analyst", ""],
                   [REGION, "", "2024", INDICATOR, "", "add", "5", "件", "", "missed", "analyst", "2026-11-30"],
                   [REGION, "", "2022", INDICATOR, "", "remove", "", "", "", "not a figure", "analyst", "30.11.2026"])
    assert check_seeds(seeds) == [
        f"seeds/corrections.csv line {line}, column action: not one of add, remove, replace (fix)",
        f"seeds/corrections.csv line {line + 1}, column sentence: an added figure needs the sentence that states it",
        f"seeds/corrections.csv line {line + 2}, column date: not a date (YYYY-MM-DD) (30.11.2026)"]


def test_an_indicator_code_with_a_quote(seeds: Path):
    line = _append(seeds / "indicators.csv", _indicator_row("bad' or 1=1 --"))
    assert check_seeds(seeds) == [
        f"seeds/indicators.csv line {line}, column code: not snake_case [a-z][a-z0-9_]* (bad' or 1=1 --)"]


def test_a_duplicate_indicator_code(seeds: Path):
    line = _append(seeds / "indicators.csv", _indicator_row(INDICATOR))
    assert check_seeds(seeds) == [
        f"seeds/indicators.csv line {line}, column code: duplicate code, first on line 2 ({INDICATOR})"]


def test_unknown_kind_unit_domain_and_ratio_parts(seeds: Path):
    line = _append(seeds / "indicators.csv",
                   ["test_rate", "测试率", "Other Domain", "ratio", "斤", INDICATOR, "no_such_code", ""])
    assert check_seeds(seeds) == [
        f"seeds/indicators.csv line {line}, column domain: not snake_case [a-z][a-z0-9_]* (Other Domain)",
        f"seeds/indicators.csv line {line}, column kind: not one of amount, change, count, duration, other, rank, rate (ratio)",
        f"seeds/indicators.csv line {line}, column unit: not a unit the extractor reads (斤)",
        f"seeds/indicators.csv line {line}, column denominator: unknown indicator code (no_such_code)",
        "seeds/indicator_units.csv: indicator test_rate has no comparable unit"]  # issue 14: every indicator has units


def test_a_pattern_of_a_missing_code(seeds: Path):
    line = _append(seeds / "indicator_patterns.csv", ["missing_code", "", "办理", "件", "", ""])
    assert check_seeds(seeds) == [
        f"seeds/indicator_patterns.csv line {line}, column code: unknown indicator code (missing_code)"]


def test_a_pattern_with_a_bad_regex_or_no_cue(seeds: Path):
    line = _append(seeds / "indicator_patterns.csv", [INDICATOR, "", "办理(", "件", "", ""], [INDICATOR, "行政复议", "", "件", "", ""],
                   [INDICATOR, "", "召开", "次", "", "研究("])
    problems = check_seeds(seeds)
    assert len(problems) == 3
    assert problems[0].startswith(f"seeds/indicator_patterns.csv line {line}, column cue: bad regular expression")
    assert problems[1] == f"seeds/indicator_patterns.csv line {line + 1}, column cue: a pattern needs a cue or an after expression"
    assert problems[2].startswith(f"seeds/indicator_patterns.csv line {line + 2}, column purpose: bad regular expression")


def test_document_choices_and_missing_columns(seeds: Path):
    _append(seeds / "document_choices.csv", ["not-a-sha256", "newer", "analyst"])
    (seeds / "regions_extra.csv").write_text("region_code,name\nZ1,某区\n", encoding="utf-8")
    assert check_seeds(seeds) == [
        "seeds/regions_extra.csv line 1, column level: required column missing",
        "seeds/regions_extra.csv line 1, column prefecture_code: required column missing",
        "seeds/regions_extra.csv line 1, column province_code: required column missing",
        "seeds/document_choices.csv line 2, column doc_id: not a document id (64 lowercase hex digits) (not-a-sha256)"]


def test_every_problem_is_collected_and_the_error_is_one_line(seeds: Path):
    _append(seeds / "corrections.csv", *([REGION, "", "2023", f"unknown_{i}", "", "replace", "5", "", "", "typo", "analyst", ""] for i in range(8)))
    assert len(check_seeds(seeds)) == 8
    with pytest.raises(SeedError) as caught:
        validate_seeds(seeds)
    message = str(caught.value)
    assert "\n" not in message
    assert message.startswith("8 problems in the seed files: seeds/corrections.csv line 2, column indicator_code")
    assert "unknown_4" in message and "unknown_5" not in message and message.endswith("(and 3 more)")
    assert len(caught.value.problems) == 8


def test_dbt_needs_the_bundled_seeds(seeds: Path):
    require_bundled_seeds(SEEDS_DIR)
    with pytest.raises(SeedError, match="dbt loads the bundled seeds"):
        require_bundled_seeds(seeds)


def test_an_example_of_an_unknown_code_a_foreign_unit_a_bad_kind_or_no_words(seeds: Path):
    line = _append(seeds / "indicator_examples.csv",
                   ["no_such_indicator", "件", "count", "办理案件", "", "analyst"],
                   [INDICATOR, "人", "count", "受理行政复议申请", "", "analyst"],
                   [INDICATOR, "件", "total", "受理行政复议申请", "", "analyst"],
                   [INDICATOR, "件", "count", "", "", "analyst"])
    assert check_seeds(seeds) == [
        f"seeds/indicator_examples.csv line {line}, column code: unknown indicator code (or one without units) (no_such_indicator)",
        f"seeds/indicator_examples.csv line {line + 1}, column unit: not a comparable unit of {INDICATOR} (indicator_units.csv) (人)",
        f"seeds/indicator_examples.csv line {line + 2}, column kind: not one of amount, change, count, duration, other, rank, rate (total)",
        f"seeds/indicator_examples.csv line {line + 3}, column before: empty, and so is after: no words to learn from"]


def test_the_examples_file_is_optional(seeds: Path):
    (seeds / "indicator_examples.csv").unlink()
    assert check_seeds(seeds) == []
