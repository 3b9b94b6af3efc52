"""File → Document: pick the reader for the format, hash the bytes, reject what is not a report."""

from __future__ import annotations

import hashlib
import importlib
import stat
from collections.abc import Callable
from pathlib import Path

from ingest.read.document import Document, ReadError

MAX_FILE_BYTES = 50_000_000  # the longest real report is well under 5 MB
MIN_CJK_CHARS = 50

# suffix -> media type, module in ingest.read.formats, its reader. A format's module is imported with the
# first file of that format: each pulls a parsing library (trafilatura, python-docx, pypdf) that takes
# noticeable time to import, which a run on text files need not pay.
_READERS = {
    ".txt": ("text/plain", "plain_text", "read_plain_text"),
    ".text": ("text/plain", "plain_text", "read_plain_text"),
    ".html": ("text/html", "web_page", "read_web_page"),
    ".htm": ("text/html", "web_page", "read_web_page"),
    ".shtml": ("text/html", "web_page", "read_web_page"),
    ".docx": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", "word_document",
              "read_word_document"),
    ".pdf": ("application/pdf", "pdf_document", "read_pdf_document"),
}
SUPPORTED_SUFFIXES = frozenset(_READERS)


def _reader(suffix: str) -> tuple[str, Callable[[bytes], tuple]]:
    media_type, module, function = _READERS[suffix]
    return media_type, getattr(importlib.import_module(f"ingest.read.formats.{module}"), function)


def _sniff(data: bytes, suffix: str) -> str:
    """Trust the content over the name where the two disagree in an obvious way."""
    if data.startswith(b"%PDF"):
        return ".pdf"
    if suffix in (".txt", ".text") and data.lstrip()[:15].lower().startswith((b"<!doctype html", b"<html")):
        return ".html"
    return suffix


def cjk_count(text: str) -> int:
    return sum(1 for ch in text if "\u4e00" <= ch <= "\u9fff")


def read_regular_file(path: Path, limit: int = MAX_FILE_BYTES) -> bytes:
    """The bytes of a regular file of at most `limit` bytes; ReadError with a one-line reason otherwise."""
    try:
        status = path.stat()
        if stat.S_ISDIR(status.st_mode):
            raise ReadError("is a folder, not a file")
        if not stat.S_ISREG(status.st_mode):  # a FIFO would block, /dev/zero never end
            raise ReadError("not a regular file (device, pipe or socket)")
        if status.st_size > limit:
            raise ReadError(f"file too large ({status.st_size // 1_000_000} MB; limit {limit // 1_000_000} MB)")
        with path.open("rb") as handle:
            data = handle.read(status.st_size + 1)  # bounded, should the file grow after stat
        if len(data) > status.st_size:
            raise ReadError("file grew while being read (still being written?)")
    except OSError as exc:
        raise ReadError(f"cannot read file ({exc.strerror or exc})") from None
    return data


def read_document(path: Path) -> Document:
    """Read one report file. Raises ReadError with a one-line reason for anything unusable."""
    suffix = path.suffix.lower()
    if suffix not in _READERS:
        raise ReadError(f"unsupported file type '{suffix or '(none)'}' (supported: .txt .html .htm .docx .pdf)")
    data = read_regular_file(path)
    if not data.strip():
        raise ReadError("empty file")
    media_type, reader = _reader(_sniff(data, suffix))
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
