"""The measure phrase of a figure: what its sentence says is counted (issue 14)."""

from __future__ import annotations

from pathlib import Path

import pytest

from ingest.extract.extractor import FactExtractor
from ingest.extract.fact import FACT_FIELDS
from ingest.extract.measure import measure_phrase
from ingest.warehouse.rows import FACT_COLUMNS
from tests.conftest import REPORTS


@pytest.fixture(scope="module")
def extractor():
    return FactExtractor()


def measures(extractor: FactExtractor, text: str) -> dict[str, str]:
    return {f.surface: f.measure for f in extractor.extract(text, "t", 2023)}


def test_body_action_object(extractor):
    got = measures(extractor, "2023年，县政府常务会议会前学法12次，全县人民调解组织调解成功纠纷975件。")
    assert got["12次"] == "县政府常务会议会前学法"
    assert got["975件"] == "人民调解组织调解成功纠纷"


def test_back_to_previous_figure_or_clause_break(extractor):
    got = measures(extractor, "全县共收到行政复议申请86件，依法受理79件，审结72件。")
    assert got == {"86件": "收到行政复议申请", "79件": "受理", "72件": "审结"}


def test_noun_after_the_number(extractor):
    got = measures(extractor, "引入4家律所参与矛盾纠纷调解。")
    assert got["4家"] == "引入 律所"


@pytest.mark.parametrize("before", ["全年累计办结", "共计办结", "其中办结", "办结达", "2024年度全区共办结"])
def test_filler_is_dropped(before):
    assert measure_phrase(before) == "办结"


def test_words_ending_in_filler_characters_stay_whole():
    assert measure_phrase("撤销原行政行为") == "撤销原行政行为"
    assert measure_phrase("，依法公共法律服务") == "公共法律服务"


def test_an_empty_clause_reads_the_clause_before():
    assert measure_phrase("受理行政复议案件，") == "受理行政复议案件"
    assert measure_phrase("，", fallback="行政复议") == "行政复议"
    assert measure_phrase("", "", "件") == "件"


def test_long_clauses_keep_the_end_nearest_the_figure():
    phrase = measure_phrase("坚持和发展新时代枫桥经验持续深化矛盾纠纷多元化解机制建设各级人民调解组织调解")
    assert len(phrase) <= 24 and phrase.endswith("人民调解组织调解")


def test_measure_is_a_fact_field_and_a_raw_column():
    assert {"measure", "indicator_score", "code_reason"} <= set(FACT_FIELDS)
    assert {"measure", "indicator_score", "code_reason"} <= set(FACT_COLUMNS)


def test_present_on_nearly_every_figure_of_the_sample(extractor):
    facts = [f for p in sorted(Path(REPORTS).rglob("*.txt")) for f in extractor.extract(p.read_text(encoding="utf-8"), p.stem, 2024)]
    assert len(facts) > 400
    assert sum(bool(f.measure.strip()) for f in facts) / len(facts) >= 0.99
