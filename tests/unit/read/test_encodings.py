"""Which encoding a text file is in, decided by evidence (share of common Chinese characters), not by
which decoder happens to accept the bytes first; plus the reader's other one-line refusals."""

from __future__ import annotations

from pathlib import Path

import docx
import opencc
import pytest

from ingest.analyse.analysis import analyse
from ingest.read.decoding import decode_bytes
from ingest.read.document import ReadError
from ingest.read.reader import read_document
from tests.conftest import SEEDS


def _traditional_big5(text: str) -> tuple[str, bytes]:
    """The Traditional-character version of `text` as Big5 bytes, and the text those bytes hold."""
    data = opencc.OpenCC("s2t").convert(text).encode("big5", errors="ignore")
    return data.decode("big5"), data


def _facts(document) -> list[tuple]:
    return [(f.start, f.end, f.surface, f.value, f.unit, f.qualifier, f.kind, f.period, f.indicator)
            for f in analyse(document).facts]


@pytest.mark.parametrize("seed", SEEDS[:3], ids=lambda p: p.name[:3])
def test_big5_report_decodes_as_big5_with_the_traditional_texts_facts(tmp_path: Path, seed: Path):
    traditional, data = _traditional_big5(seed.read_text(encoding="utf-8"))
    big5_file = tmp_path / "big5.txt"
    big5_file.write_bytes(data)
    utf8_file = tmp_path / "utf8.txt"
    utf8_file.write_bytes(traditional.encode("utf-8"))
    document = read_document(big5_file)
    assert document.encoding in ("big5", "cp950")
    assert document.text == traditional
    reference = _facts(read_document(utf8_file))
    assert reference  # the Traditional text has facts to compare
    assert _facts(document) == reference


@pytest.mark.parametrize("seed", SEEDS[:3], ids=lambda p: p.name[:3])
def test_gb18030_and_utf8_reports_decode_as_before(tmp_path: Path, seed: Path):
    text = seed.read_text(encoding="utf-8").replace("\xa0", " ")
    for encoding, expected in (("gb18030", "gb18030"), ("utf-8", "utf-8")):
        assert decode_bytes(text.encode(encoding)) == (text, expected)


def test_excel_sidecar_in_gb18030_still_decodes():
    text = "File,Region,Year\r\nbatch/025.txt,苍溪县,\r\n鲁山县 2024.txt,,2023年\r\nmissing.txt,蓝山县,2024\r\n"
    assert decode_bytes(text.encode("gb18030")) == (text, "gb18030")


def test_unclear_encoding_is_refused_with_one_line_reason():
    # one character only: 安 in GB18030 is 假 in Big5, both common: no evidence either way
    data = "abc 安 def".encode("gb18030")
    assert data.decode("big5")  # both decoders accept it
    with pytest.raises(ReadError, match=r"^encoding unclear: gb18030 and big5 both plausible") as caught:
        decode_bytes(data)
    assert "\n" not in str(caught.value)


def test_truncated_docx_is_reported_as_damaged_word_file(tmp_path: Path):
    word = docx.Document()
    for line in SEEDS[0].read_text(encoding="utf-8").splitlines()[:40]:
        word.add_paragraph(line)
    whole = tmp_path / "whole.docx"
    word.save(whole)
    data = whole.read_bytes()
    path = tmp_path / "truncated.docx"
    path.write_bytes(data[: len(data) // 2])
    with pytest.raises(ReadError) as caught:
        read_document(path)
    message = str(caught.value)
    assert "not a zip" not in message
    assert "truncated" in message and "Word" in message
