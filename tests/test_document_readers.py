"""One test per format and encoding, built from real report text (issue 5)."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import docx
import pytest

from ingest.document import ReadError
from ingest.document_reader import read_document

from .conftest import SEEDS

SEED_TEXT = SEEDS[0].read_text(encoding="utf-8")
PARAGRAPH = next(line for line in SEED_TEXT.splitlines() if "法律援助案件155件" in line)


def test_utf8_text_is_kept_verbatim():
    document = read_document(SEEDS[0])
    assert document.text == SEEDS[0].read_bytes().decode("utf-8")
    assert document.encoding == "utf-8"
    assert len(document.doc_id) == 64


@pytest.mark.parametrize("encoding, expected", [("gb18030", "gb18030"), ("gbk", "gb18030"), ("utf-16", "utf-16"), ("utf-8-sig", "utf-8-sig")])
def test_other_encodings_are_detected(tmp_path: Path, encoding: str, expected: str):
    text = SEED_TEXT.replace("\xa0", " ")  # GBK has no no-break space
    path = tmp_path / "report.txt"
    path.write_bytes(text.encode(encoding))
    document = read_document(path)
    assert document.encoding == expected
    assert document.text == text


def test_web_page_keeps_article_and_metadata_drops_navigation(tmp_path: Path):
    nav = "".join(f"<li><a href='/{i}'>栏目导航{i}</a></li>" for i in range(30))
    html = f"""<html><head><meta charset="gbk"><title>蓝山县2024年度法治政府建设情况的报告</title></head><body>
    <div class="nav"><ul>{nav}</ul></div>
    <table class="meta"><tr><td>索引号: 431127/2025-00012</td><td>发布机构: 蓝山县人民政府</td></tr>
    <tr><td>发布日期: 2025-03-20</td><td>文件编号: 蓝政发〔2025〕3号</td></tr></table>
    <div class="article"><h1>蓝山县2024年度法治政府建设情况的报告</h1>
    {''.join(f'<p>{line}</p>' for line in SEED_TEXT.splitlines() if line.strip())}</div>
    <div class="footer">分享到：微信 微博 浏览量：1234 【字体：大 中 小】 版权所有 蓝山县人民政府</div></body></html>"""
    path = tmp_path / "report.html"
    path.write_bytes(html.encode("gbk", errors="replace"))
    document = read_document(path)
    assert document.media_type == "text/html"
    assert PARAGRAPH.strip() in document.text
    assert "栏目导航7" not in document.text
    assert "浏览量" not in document.text
    assert document.header_metadata["发布机构"] == "蓝山县人民政府"
    assert document.header_metadata["发布日期"].startswith("2025-03-20")
    assert document.header_metadata["索引号"] == "431127/2025-00012"


def test_word_document(tmp_path: Path):
    word = docx.Document()
    for line in SEED_TEXT.splitlines():
        word.add_paragraph(line)
    word.paragraphs[8].add_run("[bookmark: _GoBack]")
    path = tmp_path / "报告 2024.docx"
    word.save(path)
    document = read_document(path)
    assert PARAGRAPH in document.text
    assert "bookmark" not in document.text


def test_docx_that_is_not_a_zip(tmp_path: Path):
    path = tmp_path / "fake.docx"
    path.write_text("这不是一个真正的Word文件" * 20, encoding="utf-8")
    with pytest.raises(ReadError, match="not a zip"):
        read_document(path)


def test_docx_zip_bomb_is_refused(tmp_path: Path):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", b"0" * 300_000_000)
    path = tmp_path / "bomb.docx"
    path.write_bytes(buffer.getvalue())
    with pytest.raises(ReadError, match="zip bomb"):
        read_document(path)


@pytest.mark.parametrize(
    "content, reason",
    [(b"", "empty"), (b"   \n\n", "empty"), (bytes(range(256)) * 40, "binary"), ("hello world " .encode() * 50, "no Chinese")],
)
def test_unusable_text_files(tmp_path: Path, content: bytes, reason: str):
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    with pytest.raises(ReadError, match=reason):
        read_document(path)


def test_invalid_utf8_is_still_decoded_or_refused_cleanly(tmp_path: Path):
    path = tmp_path / "broken.txt"
    path.write_bytes(SEED_TEXT.encode("utf-8")[:-1] + b"\xff\xfe\xfa")
    try:
        document = read_document(path)
    except ReadError:
        return
    assert "蓝山县" in document.text
