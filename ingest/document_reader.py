"""File → Document: pick the reader for the format, hash the bytes, reject what is not a report."""

from __future__ import annotations

import hashlib
import stat
from pathlib import Path

from ingest.document import Document, ReadError
from ingest.formats.pdf_document import read_pdf_document
from ingest.formats.plain_text import read_plain_text
from ingest.formats.web_page import read_web_page
from ingest.formats.word_document import read_word_document

MAX_FILE_BYTES = 50_000_000  # the longest real report is well under 5 MB
MIN_CJK_CHARS = 50

_READERS = {
    ".txt": ("text/plain", read_plain_text),
    ".text": ("text/plain", read_plain_text),
    ".html": ("text/html", read_web_page),
    ".htm": ("text/html", read_web_page),
    ".shtml": ("text/html", read_web_page),
    ".docx": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", read_word_document),
    ".pdf": ("application/pdf", read_pdf_document),
}
SUPPORTED_SUFFIXES = frozenset(_READERS)


def _sniff(data: bytes, suffix: str) -> str:
    """Trust the content over the name where the two disagree in an obvious way."""
    if data.startswith(b"%PDF"):
        return ".pdf"
    if suffix in (".txt", ".text") and data.lstrip()[:15].lower().startswith((b"<!doctype html", b"<html")):
        return ".html"
    return suffix


def cjk_count(text: str) -> int:
    return sum(1 for ch in text if "\u4e00" <= ch <= "\u9fff")


def read_document(path: Path) -> Document:
    """Read one report file. Raises ReadError with a one-line reason for anything unusable."""
    suffix = path.suffix.lower()
    if suffix not in _READERS:
        raise ReadError(f"unsupported file type '{suffix or '(none)'}' (supported: .txt .html .htm .docx .pdf)")
    try:
        status = path.stat()
        if not stat.S_ISREG(status.st_mode):  # a FIFO would block, /dev/zero never end
            raise ReadError("not a regular file (device, pipe or socket)")
        if status.st_size > MAX_FILE_BYTES:
            raise ReadError(f"file too large ({status.st_size // 1_000_000} MB; limit {MAX_FILE_BYTES // 1_000_000} MB)")
        with path.open("rb") as handle:
            data = handle.read(status.st_size + 1)  # bounded, should the file grow after stat
        if len(data) > status.st_size:
            raise ReadError("file grew while being read (still being written?)")
    except OSError as exc:
        raise ReadError(f"cannot read file ({exc.strerror or exc})") from None
    if not data.strip():
        raise ReadError("empty file")
    media_type, reader = _READERS[_sniff(data, suffix)]
    text, encoding, title, metadata = reader(data)
    if cjk_count(text) < MIN_CJK_CHARS:
        raise ReadError("no Chinese report text found")
    return Document(
        doc_id=hashlib.sha256(data).hexdigest(),
        source_path=str(path),
        file_name=path.name,
        media_type=media_type,
        encoding=encoding,
        text=text,
        title=title,
        header_metadata=metadata,
    )
