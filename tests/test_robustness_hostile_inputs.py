"""Hostile inputs: each gets a one-line reason, the rest of the batch loads (issue 8)."""

from __future__ import annotations

import io
import os
import shutil
import zipfile
from pathlib import Path

import duckdb
from pypdf import PdfWriter

from .conftest import SEEDS, fazhi


def _zip_bomb(path: Path) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", b"0" * 300_000_000)
    path.write_bytes(buffer.getvalue())


def _blank_pdf(path: Path) -> None:
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    with path.open("wb") as handle:
        writer.write(handle)


def test_hostile_batch(tmp_path: Path):
    folder = tmp_path / "batch"
    folder.mkdir()
    good = folder / "蓝山县 2024 年度 报告.txt"  # spaces and Chinese characters in the name
    shutil.copy(SEEDS[0], good)
    quote = folder / "x'); drop table raw.facts; --.txt"  # a name that would break interpolated SQL
    shutil.copy(SEEDS[1], quote)
    (folder / "empty.txt").write_bytes(b"")
    (folder / "binary.txt").write_bytes(os.urandom(4096) + b"\x00" * 100)
    with (folder / "huge.txt").open("wb") as handle:  # 200 MB, sparse: refused by size, never read
        handle.truncate(200 * 1024 * 1024)
    (folder / "nested.html").write_text("<html><body>" + "<div>" * 100_000 + "深" + "</div>" * 100_000 + "</body></html>")
    _zip_bomb(folder / "bomb.docx")
    (folder / "fake.docx").write_text("不是压缩包" * 100, encoding="utf-8")
    _blank_pdf(folder / "scan.pdf")
    (folder / "invalid.txt").write_bytes(b"\xff\xfe\xfd" + "报告".encode("utf-8") * 10 + b"\xc3\x28" * 50)
    loop = folder / "loop"
    loop.mkdir()
    (loop / "again").symlink_to(folder, target_is_directory=True)

    warehouse = tmp_path / "wh.duckdb"
    result = fazhi("ingest", str(folder), warehouse=warehouse, timeout=300)
    output = result.stdout + result.stderr
    assert "Traceback" not in output
    assert result.returncode == 0, output
    expected = {
        "empty.txt": "empty file",
        "binary.txt": "binary file",
        "huge.txt": "file too large",
        "bomb.docx": "zip bomb",
        "fake.docx": "not a zip",
        "scan.pdf": "no text layer",
        "nested.html": "",
        "invalid.txt": "",
    }
    skipped = {line.split(": ", 1)[0].rsplit("/", 1)[-1]: line for line in result.stderr.splitlines() if line.startswith("skipped")}
    for name, reason in expected.items():
        if name in ("nested.html", "invalid.txt"):
            continue  # may load or be refused, but must not crash the batch
        assert name in skipped, (name, result.stderr)
        assert reason in skipped[name]
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        names = {r[0] for r in con.execute("select file_name from raw.documents").fetchall()}
        assert good.name in names and quote.name in names
        assert con.execute("select count(*) from raw.facts").fetchone()[0] > 50
        errors = con.execute("select count(*) from raw.ingest_errors").fetchone()[0]
        assert errors >= 6
    finally:
        con.close()


def test_deeply_nested_html_does_not_crash(tmp_path: Path):
    from ingest.document import ReadError
    from ingest.document_reader import read_document

    path = tmp_path / "deep.html"
    text = SEEDS[0].read_text(encoding="utf-8")
    path.write_text("<html><body>" + "<div>" * 50_000 + text + "</div>" * 50_000 + "</body></html>", encoding="utf-8")
    try:
        document = read_document(path)
    except ReadError:
        return
    assert "法律援助案件155件" in document.text
