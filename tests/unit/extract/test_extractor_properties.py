"""Property-based tests (issue 8): for any string the extractor never raises, every record's offsets
slice the input to its surface, and records can be stored (one per span, finite values, links that
resolve); for any bytes a format reader returns text or refuses with a ReadError, nothing else."""

from __future__ import annotations

import dataclasses
import io
import math
from datetime import datetime

import docx
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ingest.extract.extractor import MAX_VALUE, SENTENCE_CONTEXT, SENTENCE_WHOLE, FactExtractor
from ingest.extract.version import extraction_version
from ingest.read.document import ReadError
from ingest.read.formats.pdf_document import read_pdf_document
from ingest.read.formats.plain_text import read_plain_text
from ingest.read.formats.web_page import read_web_page
from ingest.read.formats.word_document import read_word_document
from tests.conftest import SEEDS

EXTRACTOR = FactExtractor()
REPORT_ALPHABET = "0123456789０１２３４５６７８９.,%％万亿余多约近超逾件人次项个元年月日第一二两三十百千零〇、，。；：\n “”《》〔〕()（）+-至到以上下左右内之分率达为共计累其中由压减至同比增长下降 受理办结调解成功法律援助案件"
SEED_FRAGMENTS = [s.read_text(encoding="utf-8") for s in SEEDS]
KINDS = {"count", "amount", "rate", "change", "duration", "rank", "other"}

report_like = st.text(alphabet=REPORT_ALPHABET, max_size=300)
any_text = st.text(max_size=300)
seed_slices = st.tuples(st.sampled_from(SEED_FRAGMENTS), st.integers(0, 3000), st.integers(0, 800)).map(
    lambda t: t[0][t[1]:t[1] + t[2]]
)


# Long sentences (issue 18): thousands of characters, many figures, long digit and Chinese numeral
# runs, full-width digits; no sentence end inside, so the whole draw is one sentence (or a few).
_DIGITS = "0123456789"
_FULLWIDTH_DIGITS = "０１２３４５６７８９"
_CN_DIGITS = "零〇一二两三四五六七八九十百千万亿"
_UNITS = ["件", "人次", "%", "％", "个百分点", "万元", "亿元", "名", "天", "个工作日", "项", "余件", "多人"]
_piece = st.one_of(
    st.tuples(st.text(_DIGITS, min_size=1, max_size=6), st.sampled_from(_UNITS)).map("".join),  # a figure
    st.tuples(st.text(_DIGITS, min_size=20, max_size=700), st.sampled_from(_UNITS)).map("".join),  # long digit run
    st.tuples(st.text(_CN_DIGITS, min_size=1, max_size=500), st.sampled_from(_UNITS)).map("".join),  # Chinese numeral run
    st.tuples(st.text(_FULLWIDTH_DIGITS + _DIGITS + ",.", min_size=1, max_size=40), st.sampled_from(_UNITS)).map("".join),
    st.sampled_from(["受理案件", "，", "、", "；", "其中", "受理、办结分别为", "全市第3名", "同比增长", "由", "至",
                     "累计", "2019年", "《", "》", "“", "”", "+", "约", "超过", "以上", " ", "\u3000", "\n"]),
    st.text(REPORT_ALPHABET, max_size=80),
)
long_sentence = st.lists(_piece, min_size=50, max_size=600).map("".join)


def _stored_within_cap(fact) -> bool:
    """A fact stores its sentence whole up to SENTENCE_WHOLE characters, else a window of
    SENTENCE_CONTEXT characters either side of its quantity, with "…" at the cut ends."""
    return len(fact.sentence) <= max(SENTENCE_WHOLE, 2 * SENTENCE_CONTEXT + len(fact.surface) + 2)


def _check(text: str) -> list:
    facts = EXTRACTOR.extract(text, "h", 2024)
    spans = [(fact.start, fact.end) for fact in facts]
    assert len(set(spans)) == len(spans), "two facts on one span: raw.facts' primary key would refuse the batch"
    assert [s for s, _ in spans] == sorted(s for s, _ in spans), "facts come in text order"
    starts = {fact.start for fact in facts}
    for fact in facts:
        assert 0 <= fact.start < fact.end <= len(text)
        assert text[fact.start:fact.end] == fact.surface
        assert fact.surface.strip() in fact.sentence
        assert fact.qualifier in ("exact", "approx", "at_least", "at_most")
        assert fact.period in ("report", "stock", "prior", "plan")
        assert fact.kind in KINDS
        assert math.isfinite(fact.value)
        assert fact.value_high is None or math.isfinite(fact.value_high)
        assert fact.breakdown_of is None or fact.breakdown_of in starts  # the total it is part of
        assert fact.doc_id == "h" and fact.extractor_version == extraction_version()
        assert _stored_within_cap(fact)
        assert abs(fact.value) <= MAX_VALUE and (fact.value_high is None or abs(fact.value_high) <= MAX_VALUE)
    for skip in EXTRACTOR.last_skipped:  # figures left out are named by their offsets and a reason
        assert 0 <= skip.start < skip.end <= len(text) and skip.reason
    return facts


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(report_like)
def test_report_like_strings(text):
    _check(text)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(long_sentence)
def test_long_sentences_of_many_figures(text):
    _check(text)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(long_sentence, st.sampled_from(SEED_FRAGMENTS), st.integers(0, 3000))
def test_long_sentences_inside_a_report(sentence, report, position):
    _check(report[:position] + sentence + report[position:])


@settings(max_examples=200, deadline=None)
@given(any_text)
def test_any_unicode_string(text):
    _check(text)


@settings(max_examples=100, deadline=None)
@given(seed_slices, st.sampled_from(["\n\n", "[bookmark: _GoBack]", "   ", "\u3000", "- 3 -\n"]), st.integers(0, 800))
def test_seed_text_with_artifacts_inserted(text, artifact, position):
    _check(text[:position] + artifact + text[position:])


@settings(max_examples=50, deadline=None)
@given(seed_slices)
def test_extraction_is_deterministic_and_ignores_the_document_id(text):
    first = [dataclasses.replace(f, doc_id="") for f in EXTRACTOR.extract(text, "a", 2024)]
    again = [dataclasses.replace(f, doc_id="") for f in FactExtractor().extract(text, "b", 2024)]
    assert first == again


def _docx_bytes() -> bytes:
    word = docx.Document()
    word.add_paragraph("关于蓝山县2024年度法治政府建设情况的报告")
    word.add_paragraph("全年办理法律援助案件155件，调解成功率86％。")
    buffer = io.BytesIO()
    word.save(buffer)
    return buffer.getvalue()


def _pdf_bytes() -> bytes:
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=200, height=200)
    writer.add_metadata({"/Title": "报告"})
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


VALID = {"docx": _docx_bytes(), "pdf": _pdf_bytes(),
         "html": "<html><head><meta charset='utf-8'><title>报告</title></head><body><div><p>法律援助案件155件</p></div></body></html>".encode()}
READERS = {"txt": read_plain_text, "html": read_web_page, "docx": read_word_document, "pdf": read_pdf_document}


def _damaged(kind: str):
    """A valid file of the format with some bytes overwritten, cut short, or both."""
    original = VALID[kind]
    return st.tuples(
        st.lists(st.tuples(st.integers(0, len(original) - 1), st.integers(0, 255)), max_size=8),
        st.integers(1, len(original)),
    ).map(lambda edit: _apply(original, *edit))


def _apply(original: bytes, flips: list[tuple[int, int]], keep: int) -> bytes:
    data = bytearray(original)
    for position, value in flips:
        data[position] = value
    return bytes(data[:keep])


def _read_or_refuse(kind: str, data: bytes) -> None:
    try:
        READERS[kind](data)
    except ReadError as exc:
        assert "\n" not in str(exc)  # a one-line reason


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(sorted(READERS)), st.binary(max_size=3000))
def test_any_bytes_are_read_or_refused_with_a_reason(kind, data):
    _read_or_refuse(kind, data)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(sorted(VALID)).flatmap(lambda kind: st.tuples(st.just(kind), _damaged(kind))))
def test_damaged_files_are_read_or_refused_with_a_reason(case):
    _read_or_refuse(*case)


# Encoding detection and the DuckDB write (issue 18): any slice of a real report, encoded as a report file
# would be, decodes back to itself or is refused with a reason; any extraction is stored and read back intact.
_ENCODINGS = ["utf-8", "utf-8-sig", "gb18030", "utf-16"]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(seed_slices.filter(lambda s: len(s) >= 40), st.sampled_from(_ENCODINGS))
def test_report_text_decodes_back_to_itself_or_is_refused(text, encoding):
    from ingest.read.decoding import decode_bytes

    try:
        decoded, _ = decode_bytes(text.encode(encoding))
    except ReadError:
        return  # refused with a reason, never garbage
    assert decoded.lstrip("\ufeff") == text


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(seed_slices, long_sentence.map(lambda s: s[:4000])))
def test_any_extraction_is_stored_and_read_back_intact(text):
    from ingest.analyse.analysis import analyse
    from ingest.read.document import Document
    from ingest.warehouse.connection import connect
    from ingest.warehouse.rows import FACT_COLUMNS, document_row, write_documents
    from ingest.warehouse.schema import ensure_raw_schema

    document = Document("d" * 64, "/p.txt", "p.txt", "text/plain", "utf-8", text)
    analysis = analyse(document)
    row = document_row(document, analysis.content_hash, analysis.metadata, "v", datetime(2025, 1, 1))
    with connect(None) as con:
        ensure_raw_schema(con)
        write_documents(con, [row], analysis.facts)
        stored = con.execute(f"select {', '.join(FACT_COLUMNS)} from raw.facts order by start_offset, end_offset").fetchall()
    expected = sorted((f.start, f.end, f.surface, f.value) for f in analysis.facts)
    assert [(r[FACT_COLUMNS.index("start_offset")], r[FACT_COLUMNS.index("end_offset")],
             r[FACT_COLUMNS.index("surface")], r[FACT_COLUMNS.index("value")]) for r in stored] == expected
