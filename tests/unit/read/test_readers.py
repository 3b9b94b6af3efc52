"""One test per format and encoding, built from real report text (issue 5)."""

from __future__ import annotations

import io
import re
import zipfile
from datetime import date
from pathlib import Path

import docx
import pytest

from ingest.extract.extractor import FactExtractor
from ingest.read.document import ReadError
from ingest.read.reader import read_document
from ingest.resolve.metadata import describe_document
from ingest.resolve.region import resolve_region
from tests.conftest import SEEDS

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
    [(b"", "empty"), (b"   \n\n", "empty"), (bytes(range(256)) * 40, "binary"), (b"hello world " * 50, "no Chinese")],
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


# ---------------------------------------------------------------------------------------------
# PDF with a real text layer (reportlab's built-in CID font STSong-Light: no font file needed)
# ---------------------------------------------------------------------------------------------


def _squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _facts(text: str, doc_id: str) -> list[tuple]:
    facts = FactExtractor().extract(text, doc_id, 2024)
    assert all(text[f.start:f.end] == f.surface for f in facts)  # offsets slice the decoded text
    return [(_squeeze(f.surface), f.value, f.unit, f.qualifier, f.period, f.indicator) for f in facts]


def _seed_pdf(path: Path) -> None:
    """Typeset the seed report as a government PDF: fixed-width lines that break mid-sentence,
    several pages, a page number at the foot of each (the artefacts real conversions leave)."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    width, height = A4
    size, chars_per_line = 11, 42
    pdf = canvas.Canvas(str(path), pagesize=A4)
    pdf.setTitle("关于蓝山县2024年度法治政府建设情况的报告")
    y = height - 60
    for paragraph in SEED_TEXT.splitlines():
        for start in range(0, max(len(paragraph), 1), chars_per_line):
            if y < 60:
                pdf.setFont("Helvetica", 9)
                pdf.drawCentredString(width / 2, 30, f"- {pdf.getPageNumber()} -")
                pdf.showPage()
                y = height - 60
            pdf.setFont("STSong-Light", size)
            pdf.drawString(60, y, paragraph[start:start + chars_per_line])
            y -= size * 1.6
    pdf.save()


def test_pdf_text_layer_gives_the_report_and_its_facts(tmp_path: Path):
    path = tmp_path / "蓝山县2024年法治政府建设报告.pdf"
    _seed_pdf(path)
    document = read_document(path)
    assert document.media_type == "application/pdf" and document.encoding is None
    assert document.title == "关于蓝山县2024年度法治政府建设情况的报告"
    # the same characters in the same order; only line breaks and page numbers ("-2-") were added
    assert re.sub(r"-\d+-", "", _squeeze(document.text)) == _squeeze(SEED_TEXT)
    assert "法律援助案件155件" in _squeeze(document.text)
    pdf_facts = _facts(document.text, document.doc_id)
    assert pdf_facts == _facts(SEED_TEXT, "txt")  # a line break inside "5\n卷" is read through
    assert ("155件", 155.0, "件", "exact", "report", "legal_aid_cases") in pdf_facts
    meta = describe_document(document, document.text)
    assert (meta.region.region_name, meta.report.report_year) == ("蓝山县", 2024)


# ---------------------------------------------------------------------------------------------
# Realistic government web pages: header table, navigation, share bar, footer
# ---------------------------------------------------------------------------------------------

DEV = Path(__file__).resolve().parents[3] / "data" / "reports" / "dev"


def _gov_page(title: str, paragraphs: list[str], meta_rows: list[tuple[str, str, str, str]], site: str) -> str:
    """A page laid out like a county portal's 政府信息公开 article (cf. the furniture kept in dev/024)."""
    nav = "".join(f"<li><a href='/col{i}/'>{name}</a></li>" for i, name in
                  enumerate(["首页", "政务公开", "政务服务", "互动交流", "走进" + site[:2], "专题专栏", "数据开放"]))
    cells = "".join(f"<tr><th>{a}:</th><td>{b}</td><th>{c}:</th><td>{d}</td></tr>" for a, b, c, d in meta_rows)
    body = "".join(f"<p style='text-indent:2em'>{p}</p>" for p in paragraphs)
    return f"""<!DOCTYPE html>
<html lang="zh-CN"><head><meta http-equiv="Content-Type" content="text/html; charset=utf-8">
<title>{title}_{site}</title><script>var _hmt = _hmt || [];</script>
<style>.xxgk td {{ border: 1px solid #ddd; }}</style></head>
<body>
<div class="topbar">欢迎访问{site}网站 | 无障碍 | 长者模式 | 繁体字 | 登录</div>
<div class="header"><img src="/images/logo.png" alt="{site}"><form><input name="q" placeholder="请输入关键字"><button>搜索</button></form></div>
<div class="nav"><ul>{nav}</ul></div>
<div class="position">当前位置：<a href="/">首页</a> &gt; <a>政务公开</a> &gt; <a>法治政府建设年度报告</a></div>
<ul class="share-top"><li>微信</li><li>微博</li><li>繁体字</li></ul>
<table class="xxgk">{cells}</table>
<div class="article">
  <h1>{title}</h1>
  <div class="tools">分享到：<a>微信</a> <a>微博</a> <a>QQ空间</a> 浏览量：<span id="hits">1365</span>
    【字体：<a>大</a> <a>中</a> <a>小</a>】</div>
  <div class="TRS_Editor">{body}</div>
</div>
<div class="print">【打印本页】【关闭窗口】</div>
<div class="footer"><p>主办单位：{site}办公室 承办：{site}信息中心</p>
  <p>网站标识码：3601020001 赣ICP备05002136号-1 赣公网安备 36010202000123号</p>
  <p>联系电话：0791-86662345 建议使用1920×1080分辨率浏览</p></div>
<script>document.getElementById("hits").innerText = 1366;</script>
</body></html>"""


def test_government_page_article_metadata_and_publish_date(tmp_path: Path):
    # dev/024: 南昌市's report as mirrored by 东湖区 (header values as on that page; 主题分类 and
    # 文件编号 are empty there, which must not shift the next label's value into them)
    lines = [line.strip() for line in (DEV / "024.txt").read_text(encoding="utf-8").splitlines()]
    title = "关于南昌市2020年度法治政府建设工作的报告"
    paragraphs = [line for line in lines[lines.index(title) + 3:] if line]
    assert paragraphs[0] == "省政府:"
    meta_rows = [("索引号", "i618267--2022-0003", "主题分类", ""), ("发布机构", "东湖区人民政府", "生成日期", "2021-02-28 11:31"),
                 ("文件编号", "", "有效性", "有效"), ("公开范围", "面向全社会", "公开方式", "主动公开")]
    path = tmp_path / "ee498472e1494ceeaa2eb615efe35614.shtml"
    path.write_text(_gov_page(title, paragraphs, meta_rows, "东湖区人民政府"), encoding="utf-8")
    document = read_document(path)
    assert document.media_type == "text/html" and document.title == title
    for paragraph in paragraphs:
        assert _squeeze(paragraph) in _squeeze(document.text)
    for furniture in ("当前位置", "政务服务", "分享到", "浏览量", "字体", "打印本页", "网站标识码", "联系电话", "1365", "1366"):
        assert furniture not in document.text, furniture
    assert document.header_metadata == {"索引号": "i618267--2022-0003", "发布机构": "东湖区人民政府",
                                        "生成日期": "2021-02-28 11:31"}  # 主题分类, 文件编号 empty
    meta = describe_document(document, document.text)
    assert (meta.region.region_code, meta.region.level) == ("360100", "prefecture")  # the subject, not the mirror
    assert meta.report.report_year == 2020
    assert meta.report.publish_date == date(2021, 2, 28)  # 生成日期
    plain = "\n".join(paragraphs)
    assert {f[:2] for f in _facts(document.text, "html")} == {f[:2] for f in _facts(plain, "txt")}


def test_publisher_decides_when_the_text_alone_cannot(tmp_path: Path):
    # dev/055 is 北京市通州区; without the keyword 副中心 its text names no province or prefecture,
    # and 通州区 is also 南通市通州区: the page's 发布机构 settles it.
    text = (DEV / "055.txt").read_text(encoding="utf-8").replace("在服务副中心高质量发展进程中", "在服务高质量发展进程中")
    assert "副中心" not in text.split("\n", 1)[0]
    text = "\n".join(line for line in text.splitlines() if "副中心" not in line)
    assert resolve_region(text).status == "ambiguous"
    paragraphs = [line for line in text.splitlines() if line.strip()]
    cases = [
        ("北京市通州区人民政府", "发布日期", "2023-03-30", "110112", date(2023, 3, 30)),
        ("南通市通州区人民政府", "生成日期", "2023-03-31 09:12", "320612", date(2023, 3, 31)),
    ]
    for publisher, date_label, published, code, publish_date in cases:
        meta_rows = [("索引号", "11A000/2023-00412", "发布机构", publisher), (date_label, published, "主题分类", "法治政府建设")]
        path = tmp_path / f"{code}.html"
        path.write_text(_gov_page("通州区2022年法治政府建设年度报告", paragraphs, meta_rows, publisher), encoding="utf-8")
        document = read_document(path)
        assert document.header_metadata["发布机构"] == publisher
        meta = describe_document(document, document.text)
        assert (meta.region.status, meta.region.region_code) == ("resolved", code), meta.region
        assert meta.report.publish_date == publish_date
        assert meta.report.report_year == 2022
    # dev/025 names no region at all (only 我县): the publisher is the only evidence, and it is used
    excerpt = (DEV / "025.txt").read_text(encoding="utf-8")
    assert resolve_region(excerpt).status == "unresolved"
    meta_rows = [("索引号", "008765432/2024-00003", "发布机构", "苍溪县人民政府"), ("生成日期", "2024-01-03", "文件编号", "")]
    path = tmp_path / "025.html"
    path.write_text(_gov_page("2023年度法治政府建设工作情况报告", excerpt.splitlines(), meta_rows, "苍溪县人民政府"),
                    encoding="utf-8")
    document = read_document(path)
    meta = describe_document(document, document.text)
    assert (meta.region.status, meta.region.region_name, meta.region.level) == ("resolved", "苍溪县", "county")
    assert (meta.report.report_year, meta.report.publish_date) == (2023, date(2024, 1, 3))


def _pdf(objects: list[str]) -> bytes:
    """A minimal PDF of the given objects, object 1 the root, with a correct cross-reference table."""
    out, offsets = b"%PDF-1.4\n", []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n{body}\nendobj\n".encode()
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{offset:010d} 00000 n \n".encode() for offset in offsets)
    return out + f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()


@pytest.mark.parametrize("objects", [
    ["1 0 R"],  # an object that is a reference to itself: pypdf raises AttributeError
    ["<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [2 0 R] /Count 1 >>"],  # pages holding themselves
])
def test_a_pdf_whose_objects_loop_is_refused_in_one_line(tmp_path: Path, objects: list[str]):
    path = tmp_path / "report.pdf"
    path.write_bytes(_pdf(objects))
    with pytest.raises(ReadError, match=r"^damaged PDF \(\w+\)$"):
        read_document(path)
