"""Web pages (.html/.htm): the article text plus header metadata, without navigation and footers."""

from __future__ import annotations

import re

import trafilatura
from selectolax.lexbor import LexborHTMLParser as HTMLParser

from ingest.read.decoding import decode_bytes
from ingest.read.document import ReadError

# Government pages print their metadata as "label：value" pairs in a header table.
_META_LABELS = ("索引号", "发布机构", "发文机关", "发布日期", "生成日期", "成文日期", "发文字号", "文件编号", "来源", "主题分类")
# A label with an empty value ("主题分类：" then "发布机构：东湖区人民政府" in the next cell) must not take
# the next label as its value: a value followed by a colon is a label (possessive ++, no backtracking).
_META_RE = re.compile(
    r"(" + "|".join(_META_LABELS) + r")\s*[:：]\s*([^\s:：|｜]++(?:\s\d{1,2}:\d{2}(?::\d{2})?)?)(?!\s*[:：])"
)
# Page controls that survive main-content extraction on their own line: 【打印本页】【关闭窗口】, 【字体：大 中 小】
_CONTROL_LINE_RE = re.compile(r"^\s*(?:【\s*(?:打印本页|打印|关闭窗口|关闭|收藏|返回顶部|字体[:：]?[大中小\s]*)\s*】\s*)+$", re.M)
_CHARSET_RE = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_\-]+)""", re.I)
_MAX_DEPTH_BYTES = 5_000_000
# The HTML parser takes time quadratic in the nesting of block elements (100,000 nested <div> took minutes);
# real pages nest a few dozen deep. Void, self-closing (p, li, td ...) and inline elements, cheap at any
# depth, do not count.
_MAX_NESTING = 2_000
_TAG_RE = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9]*)")
_NOT_NESTING = frozenset(
    "area base br col embed hr img input link meta param source track wbr "  # void
    "p li dt dd tr td th tbody thead tfoot option optgroup "  # closed by the next sibling
    "a b big code em font i nobr s small strike strong tt u span".split()  # inline: cheap to parse at any depth
)


def nesting_depth(html: str) -> int:
    """How deep the page's tags nest, counted without parsing (open minus close tags)."""
    depth = deepest = 0
    for closing, name in _TAG_RE.findall(html):
        if name.lower() in _NOT_NESTING:
            continue
        if closing:
            depth = max(depth - 1, 0)
        else:
            depth += 1
            deepest = max(deepest, depth)
    return deepest


def _decode_html(data: bytes) -> tuple[str, str]:
    declared = _CHARSET_RE.search(data[:4096])
    if declared:
        name = declared.group(1).decode("ascii").lower()
        name = "gb18030" if name in ("gb2312", "gbk") else name  # GB18030 is their superset
        try:
            return data.decode(name), name
        except (LookupError, UnicodeDecodeError):
            pass
    return decode_bytes(data)


def header_metadata(page_text: str) -> dict[str, str]:
    """Label/value pairs such as 发布机构：东湖区人民政府 found anywhere in the page text."""
    found: dict[str, str] = {}
    for label, value in _META_RE.findall(page_text):
        found.setdefault(label, value.strip())
    return found


def read_web_page(data: bytes) -> tuple[str, str, str | None, dict[str, str]]:
    """Return (article text, encoding, title, header metadata)."""
    if len(data) > _MAX_DEPTH_BYTES:
        raise ReadError(f"web page too large ({len(data) // 1_000_000} MB)")
    html, encoding = _decode_html(data)
    depth = nesting_depth(html)
    if depth > _MAX_NESTING:
        raise ReadError(f"web page nested too deeply ({depth} levels; limit {_MAX_NESTING})")
    tree = HTMLParser(html)
    for node in tree.css("script, style, noscript"):
        node.decompose()
    page_text = tree.body.text(separator="\n") if tree.body else tree.text(separator="\n")
    title_node = tree.css_first("h1") or tree.css_first("title")
    title = title_node.text(strip=True) if title_node else None
    try:
        # trafilatura is a maintained main-content extractor: drops menus, share bars and footers.
        article = trafilatura.extract(html, include_tables=True, include_comments=False, favor_recall=True)
    except (RecursionError, ValueError):
        article = None
    if not article or len(article) < 0.2 * len(page_text.strip()):
        article = "\n".join(line.strip() for line in page_text.splitlines() if line.strip())
    article = _CONTROL_LINE_RE.sub("", article).strip()
    if not article:
        raise ReadError("web page has no text")
    return article, encoding, title or None, header_metadata(page_text)
