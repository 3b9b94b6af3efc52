"""Hostile input shapes (issue 18): extraction work and stored sentence text stay linear in the
input whatever its shape, and a figure that cannot be represented is skipped with a reason while
the report's other figures load. Costs are asserted as counts, never as timings (see
scripts/benchmark_hostile_shapes.py for time and memory)."""

from __future__ import annotations

import math

import pytest

import ingest.extract.extractor as extractor_module
from ingest.extract.extractor import FactExtractor
from tests.conftest import fazhi

CONTEXT = 150  # characters of sentence kept either side of a figure in a long sentence
WHOLE = 400  # a sentence up to this long is stored whole
PER_CALL = 1_200  # characters a per-figure step may look at, whatever the sentence length

EXTRACTOR = FactExtractor()


def _bounded(fact) -> bool:
    return len(fact.sentence) <= max(WHOLE, 2 * CONTEXT + len(fact.surface) + 2)


def test_each_fact_of_a_long_line_stores_a_window_of_its_sentence():
    text = "受理案件12件，" * 2_000
    facts = EXTRACTOR.extract(text, "h", 2024)
    assert len(facts) == 2_000
    assert all(_bounded(f) and f.surface in f.sentence for f in facts)
    assert sum(len(f.sentence) for f in facts) <= (2 * CONTEXT + 10) * len(facts)
    first, middle, last = facts[0], facts[1_000], facts[-1]
    assert not first.sentence.startswith("…") and first.sentence.endswith("…")
    assert middle.sentence.startswith("…") and middle.sentence.endswith("…")
    assert last.sentence.startswith("…") and not last.sentence.endswith("…")
    assert text[middle.start - CONTEXT:middle.end + CONTEXT] == middle.sentence.strip("…")


def test_a_report_sentence_is_stored_whole():
    text = "一、工作情况\n  全年受理法律援助案件155件，办结150件，调解成功率86％。 \n下一句没有数字。"
    facts = EXTRACTOR.extract(text, "h", 2024)
    assert [f.sentence for f in facts] == ["全年受理法律援助案件155件，办结150件，调解成功率86％。"] * 3


class _CountingCatalog:
    """The real catalog, counting the characters each classify() call is handed."""

    def __init__(self, catalog) -> None:
        self.catalog = catalog
        self.sizes: list[int] = []

    def classify(self, window, topic_text, unit, following="", rank=None):
        self.sizes.append(len(window) + len(topic_text) + len(following))
        return self.catalog.classify(window, topic_text, unit, following, rank)

    def classify_scored(self, window, topic_text, unit, following="", measure="", trailing="", rank=False, leading="",
                        shared=False, purpose=""):  # the extractor's entry
        self.sizes.append(len(window) + len(topic_text) + len(following) + len(measure) + len(trailing) + len(leading)
                          + len(purpose))
        return self.catalog.classify_scored(window, topic_text, unit, following, measure, trailing, rank, leading, shared,
                                            purpose)


@pytest.mark.parametrize("separator", ["，", "、", ""])
def test_classifying_a_figure_reads_a_bounded_context(separator):
    counting = _CountingCatalog(EXTRACTOR.catalog)
    extractor = FactExtractor(counting)
    text = "一、法律援助工作情况\n" + f"受理案件12件{separator}" * 2_000
    facts = extractor.extract(text, "h", 2024)
    assert len(facts) == 2_000 == len(counting.sizes)
    assert max(counting.sizes) <= PER_CALL, "the whole sentence so far is handed over per figure: quadratic"


def _count_first_argument(monkeypatch, name: str) -> list[int]:
    """Replace extractor_module.<name> by a wrapper recording the length of its first argument."""
    seen: list[int] = []
    real = getattr(extractor_module, name)

    def counting(text, *args):
        seen.append(len(text))
        return real(text, *args)

    monkeypatch.setattr(extractor_module, name, counting)
    return seen


def test_reject_rules_read_a_bounded_context(monkeypatch):
    seen = _count_first_argument(monkeypatch, "reject_reason")
    text = "《" + "受理案件12件、" * 2_000 + "，1名+2名。"
    facts = FactExtractor().extract(text, "h", 2024)
    assert len(seen) >= 2_000 and facts
    assert max(seen) <= PER_CALL, "each candidate's rules scan the whole sentence: quadratic"


def test_ranks_among_many_figures_keep_their_order_and_figures():
    text = "全市第3名，受理案件12件，" * 1_000
    facts = EXTRACTOR.extract(text, "h", 2024)
    assert [f.kind for f in facts[:4]] == ["rank", "count", "rank", "count"]
    assert len(facts) == 2_000 and all(_bounded(f) for f in facts)


def test_respectively_chains_and_breakdowns_in_a_long_sentence():
    unit = "受理、办结分别为58件、43件，其中调解12件，"
    facts = EXTRACTOR.extract(unit * 500, "h", 2024)
    assert len(facts) == 1_500 and all(_bounded(f) for f in facts)
    assert facts[2].breakdown_of == facts[1].start
    assert facts[-1].breakdown_of == facts[-2].start


HUGE_TEXT = "全年办理法律援助案件12件，另有" + "9" * 400 + "件，又有" + "九" * 400 + "件，调解成功率86％。"


def test_figures_too_large_to_represent_are_skipped_with_a_reason():
    extractor = FactExtractor()
    facts = extractor.extract(HUGE_TEXT, "h", 2024)
    assert [(f.surface, f.value) for f in facts] == [("12件", 12), ("86％", 86)]
    assert all(math.isfinite(f.value) for f in facts)
    skipped = extractor.last_skipped
    assert len(skipped) == 2
    assert [HUGE_TEXT[s.start:s.end] for s in skipped] == ["9" * 400 + "件", "九" * 400 + "件"]
    assert all(s.reason for s in skipped)
    extractor.extract("受理案件12件。", "h", 2024)
    assert extractor.last_skipped == []  # per call


@pytest.mark.parametrize("numeral", ["1" * 17, "9" * 308, "9" * 309, "9999999999亿", "1" * 40 + ".5"])
def test_a_figure_beyond_a_sane_bound_is_skipped(numeral):
    extractor = FactExtractor()
    facts = extractor.extract(f"办理案件12件，收到{numeral}件。", "h", 2024)
    assert [f.value for f in facts] == [12]
    assert len(extractor.last_skipped) == 1


def test_fazhi_extract_notes_each_skipped_figure_on_stderr(tmp_path):
    report = tmp_path / "report.txt"
    report.write_text("蓝山县2024年法治政府建设情况的报告\n" + HUGE_TEXT, encoding="utf-8")
    done = fazhi("extract", str(report), "--format", "jsonl")
    assert done.returncode == 0, done.stderr
    assert len(done.stdout.splitlines()) == 2
    notes = [line for line in done.stderr.splitlines() if "skipped" in line]
    assert len(notes) == 2, done.stderr


@pytest.mark.parametrize("item", ["受理案件12件，", "对12件上会议题、"])
def test_the_period_of_a_figure_reads_a_bounded_context(monkeypatch, item):
    seen = _count_first_argument(monkeypatch, "period_of")
    facts = FactExtractor().extract("全年" + item * 2_000 + "进行了合法性审查。", "h", 2024)
    assert len(facts) == 2_000 and len(seen) >= 1_000
    assert max(seen) <= PER_CALL, "each figure's period reads the whole sentence before it: quadratic"


def test_a_list_sharing_one_predicate_is_read_in_one_pass():
    counting = _CountingCatalog(EXTRACTOR.catalog)
    text = "全年对" + "12件上会议题、" * 2_000 + "3份合作协议进行了合法性审查。"
    facts = FactExtractor(counting).extract(text, "h", 2024)
    assert len(facts) == 2_001 and {f.indicator for f in facts} == {"legality_reviews"}
    assert max(counting.sizes) <= PER_CALL
