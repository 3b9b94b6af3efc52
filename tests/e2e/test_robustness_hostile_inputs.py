"""Hostile inputs: each gets a one-line reason, the rest of the batch loads (issue 8)."""

from __future__ import annotations

import os
import shutil
import struct
import time
import tracemalloc
import zipfile
from pathlib import Path

import docx
import duckdb
import pytest
from pypdf import PdfWriter

from ingest.read.document import ReadError
from ingest.read.reader import read_document
from tests.conftest import SEEDS, fazhi

SEED_TEXT = SEEDS[0].read_text(encoding="utf-8")


def _zip_bomb(path: Path, megabytes: int = 300) -> None:
    """A .docx whose document.xml expands to `megabytes` MB (written in chunks, never held whole)."""
    chunk = b"0" * 1_000_000
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        with archive.open("word/document.xml", "w", force_zip64=True) as member:
            for _ in range(megabytes):
                member.write(chunk)


def _lying_zip_bomb(path: Path, megabytes: int = 200) -> None:
    """A real .docx whose document.xml expands to `megabytes` MB while its headers claim 1 KB."""
    word = docx.Document()
    word.add_paragraph(SEED_TEXT[:2000])
    word.save(path)
    with zipfile.ZipFile(path) as original:
        parts = {info.filename: original.read(info) for info in original.infolist()}
    name = "word/document.xml"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        for part, data in parts.items():
            if part != name:
                archive.writestr(part, data)
        with archive.open(name, "w", force_zip64=False) as member:
            member.write(parts[name].replace(b"</w:body>", b""))
            for _ in range(megabytes):
                member.write(b" " * 1_000_000)
            member.write(b"</w:body></w:document>")
    raw = bytearray(path.read_bytes())
    central = raw.find(b"PK\x01\x02")  # the central directory, which readers trust for sizes
    while raw[central + 46:central + 46 + len(name)] != name.encode():
        central = raw.find(b"PK\x01\x02", central + 4)
    struct.pack_into("<I", raw, central + 24, 1000)  # its uncompressed size: 1 KB
    path.write_bytes(bytes(raw))
    with zipfile.ZipFile(path) as archive:
        assert sum(info.file_size for info in archive.infolist()) < 2_000_000  # passes the size check


def _blank_pdf(path: Path) -> None:
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    with path.open("wb") as handle:
        writer.write(handle)


def _nested_html(depth: int, body: str) -> str:
    return "<html><body>" + "<div>" * depth + body + "</div>" * depth + "</body></html>"


def test_hostile_batch(tmp_path: Path):
    """Every kind of hostile file in one folder beside two good reports, loaded in one `fazhi ingest`."""
    folder = tmp_path / "batch"
    folder.mkdir()
    good = folder / "蓝山县 2024 年度 报告.txt"  # spaces and Chinese characters in the name
    shutil.copy(SEEDS[0], good)
    quote = folder / "x'); drop table raw.facts; --.txt"  # would break SQL built by string interpolation
    shutil.copy(SEEDS[1], quote)
    (folder / "empty.txt").write_bytes(b"")
    (folder / "binary.txt").write_bytes(os.urandom(4096) + b"\x00" * 100)
    with (folder / "huge.txt").open("wb") as handle:  # 200 MB, sparse: refused by its size, never read
        handle.truncate(200 * 1024 * 1024)
    (folder / "nested.html").write_text(_nested_html(100_000, SEED_TEXT), encoding="utf-8")
    _zip_bomb(folder / "bomb.docx")
    (folder / "fake.docx").write_text("不是压缩包" * 100, encoding="utf-8")
    _blank_pdf(folder / "scan.pdf")
    utf8 = SEEDS[2].read_bytes()
    (folder / "invalid-utf8.txt").write_bytes(utf8[:3000] + b"\xff\xc3\x28" + utf8[3000:])
    (folder / "[bold]markup.txt").write_bytes(b"")  # Rich markup in a name is printed as is
    (folder / "two\nlines.txt").write_bytes(b"")  # and a line break does not split the reason line
    loop = folder / "loop"
    loop.mkdir()
    (loop / "again").symlink_to(folder, target_is_directory=True)  # a folder loop
    (folder / "a.txt").symlink_to(folder / "b.txt")  # a file loop
    (folder / "b.txt").symlink_to(folder / "a.txt")
    (folder / "zero.txt").symlink_to("/dev/zero")  # endless
    os.mkfifo(folder / "pipe.txt")  # reading would block forever

    warehouse = tmp_path / "wh.duckdb"
    started = time.monotonic()
    result = fazhi("ingest", str(folder), warehouse=warehouse, timeout=120)
    elapsed = time.monotonic() - started
    output = result.stdout + result.stderr
    assert "Traceback" not in output
    assert result.returncode == 0, output
    reasons = {
        "empty.txt": "empty file",
        "binary.txt": "binary file",
        "huge.txt": "file too large (209 MB; limit 50 MB)",
        "nested.html": "web page nested too deeply",
        "bomb.docx": "zip bomb",
        "fake.docx": "not a zip archive",
        "scan.pdf": "no text layer",
        "invalid-utf8.txt": "invalid UTF-8 at byte 3000",
        "[bold]markup.txt": "empty file",
        "two\\nlines.txt": "empty file",
        "loop/again": "symbolic link to a folder, not followed",
        "a.txt": "Too many levels of symbolic links",
        "b.txt": "Too many levels of symbolic links",
        "zero.txt": "not a regular file",
        "pipe.txt": "not a regular file",
    }
    lines = result.stderr.splitlines()
    for name, reason in reasons.items():
        line = f"skipped {folder}/{name}: "
        matching = [text for text in lines if text.startswith(line)]
        assert len(matching) == 1 and reason in matching[0], (name, result.stderr)
    assert "new documents: 2" in result.stdout
    assert elapsed < 60, elapsed  # nothing hangs or crawls (the deep page alone took 40 s before)
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        names = {r[0] for r in con.execute("select file_name from raw.documents").fetchall()}
        assert names == {good.name, quote.name}
        facts = con.execute(
            "select count(*) from raw.facts join raw.documents using (doc_id) where file_name = ?", [quote.name]
        ).fetchone()[0]
        assert facts > 20  # the table is still there, with the oddly named report's facts
        errors = {r[0] for r in con.execute("select path from raw.ingest_errors").fetchall()}
        assert errors == {str(folder / name.replace("\\n", "\n")) for name in reasons}
    finally:
        con.close()


def _peak_memory_of_refusal(path: Path, reason: str) -> int:
    """Peak Python memory while read_document refuses `path` with `reason`."""
    tracemalloc.start()
    try:
        with pytest.raises(ReadError, match=reason):
            read_document(path)
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_huge_file_is_refused_without_reading_it(tmp_path: Path):
    path = tmp_path / "huge.txt"
    with path.open("wb") as handle:
        handle.truncate(200 * 1024 * 1024)
    assert _peak_memory_of_refusal(path, "file too large") < 1_000_000


def test_zip_bomb_with_lying_headers_is_refused_in_bounded_memory(tmp_path: Path):
    """The size check trusts the headers; a bomb that understates them is caught by decompressing in
    chunks (the CRC fails), not by python-docx reading 200 MB into memory."""
    path = tmp_path / "liar.docx"
    _lying_zip_bomb(path)
    peak = _peak_memory_of_refusal(path, "damaged .docx")
    assert peak < 30_000_000, peak


def test_deeply_nested_html_is_refused_quickly(tmp_path: Path):
    path = tmp_path / "deep.html"
    path.write_text(_nested_html(100_000, SEED_TEXT), encoding="utf-8")
    started = time.monotonic()
    with pytest.raises(ReadError, match=r"nested too deeply \(100002 levels"):
        read_document(path)
    assert time.monotonic() - started < 5


def test_ordinarily_nested_html_still_reads(tmp_path: Path):
    path = tmp_path / "page.html"
    inline = "<span><b><font>" * 3000  # unclosed formatting tags: the parser caps them, they do not count
    path.write_text(_nested_html(300, inline + SEED_TEXT.replace("\n", "<p>")), encoding="utf-8")
    document = read_document(path)
    assert "法律援助案件155件" in document.text


def test_run_in_a_folder_named_with_a_quote_spaces_and_chinese(tmp_path: Path):
    """dbt's paths (the profile's database, its target and log folders, the Parquet copies of the
    check models Great Expectations reads) survive a warehouse folder that needs quoting."""
    warehouse = tmp_path / "it's a 仓库" / "wh.duckdb"
    result = fazhi("run", str(SEEDS[0]), warehouse=warehouse, timeout=300)
    output = result.stdout + result.stderr
    assert result.returncode == 0 and "Traceback" not in output, output
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        assert con.execute("select count(*) from marts.fct_indicator_observation").fetchone()[0] > 20
        assert con.execute("select count(*) from quality.dq_findings").fetchone()[0] > 0
    finally:
        con.close()
