"""Word reports (.docx): paragraph and table text, refusing archives that are not sane .docx files."""

from __future__ import annotations

import io
import re
import zipfile
import zlib

import docx

from ingest.read.document import ReadError

_MAX_UNCOMPRESSED = 200_000_000  # a real report's XML is a few MB; more is a zip bomb
_BOOKMARK_RE = re.compile(r"\[bookmark: [^\]]*\]")


def _verify_members(archive: zipfile.ZipFile) -> None:
    """Decompress every member in bounded chunks before python-docx reads them whole: a member whose
    header understates its size (a lying zip bomb) then fails its CRC check here, in constant memory."""
    try:
        for info in archive.infolist():
            with archive.open(info) as member:
                while member.read(1 << 20):
                    pass
    except (zipfile.BadZipFile, zlib.error, NotImplementedError, RuntimeError, OSError, EOFError, ValueError) as exc:
        raise ReadError(f"damaged .docx ({type(exc).__name__}: {str(exc)[:80]})") from None


def read_word_document(data: bytes) -> tuple[str, str | None, str | None, dict[str, str]]:
    """Return (text, None, title, header metadata); the first non-empty paragraph is the title."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile:
        if data.startswith(b"PK\x03\x04"):  # a zip's first member, but no directory at its end: cut short
            raise ReadError("damaged or truncated Word file (.docx): the zip archive's end is missing") from None
        raise ReadError("not a valid .docx (not a zip archive)") from None
    with archive:
        total = sum(info.file_size for info in archive.infolist())
        if total > _MAX_UNCOMPRESSED:
            raise ReadError(f"refused .docx: it would expand to {total // 1_000_000} MB (zip bomb?)")
        if "word/document.xml" not in archive.namelist():
            raise ReadError("not a valid .docx (no word/document.xml)")
        _verify_members(archive)
    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as exc:  # python-docx raises many types for damaged files
        raise ReadError(f"damaged .docx ({type(exc).__name__})") from None
    lines = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            lines.append("\t".join(cell.text for cell in row.cells))
    text = _BOOKMARK_RE.sub("", "\n".join(lines))
    title = next((line.strip() for line in lines if line.strip()), None)
    return text, None, title, {}
