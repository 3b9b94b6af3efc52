"""Property-based tests: for any string the extractor never raises, and every record's offsets
slice the input to its surface (issue 8)."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ingest.fact_extractor import FactExtractor

from .conftest import SEEDS

EXTRACTOR = FactExtractor()
REPORT_ALPHABET = "0123456789０１２３４５６７８９.,%％万亿余多约近超逾件人次项个元年月日第一二两三十百千零〇、，。；：\n “”《》〔〕()（）+-至到以上下左右内之分率达为共计累其中由压减至同比增长下降 受理办结调解成功法律援助案件"
SEED_FRAGMENTS = [s.read_text(encoding="utf-8") for s in SEEDS]

report_like = st.text(alphabet=REPORT_ALPHABET, max_size=300)
any_text = st.text(max_size=300)
seed_slices = st.tuples(st.sampled_from(SEED_FRAGMENTS), st.integers(0, 3000), st.integers(0, 800)).map(
    lambda t: t[0][t[1]:t[1] + t[2]]
)


def _check(text: str) -> None:
    for fact in EXTRACTOR.extract(text, "h", 2024):
        assert 0 <= fact.start < fact.end <= len(text)
        assert text[fact.start:fact.end] == fact.surface
        assert fact.qualifier in ("exact", "approx", "at_least", "at_most")
        assert fact.period in ("report", "prior", "plan")


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(report_like)
def test_report_like_strings(text):
    _check(text)


@settings(max_examples=200, deadline=None)
@given(any_text)
def test_any_unicode_string(text):
    _check(text)


@settings(max_examples=100, deadline=None)
@given(seed_slices, st.sampled_from(["\n\n", "[bookmark: _GoBack]", "   ", "\u3000", "- 3 -\n"]), st.integers(0, 800))
def test_seed_text_with_artifacts_inserted(text, artifact, position):
    _check(text[:position] + artifact + text[position:])
