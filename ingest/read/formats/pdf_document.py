"""PDF reports: the text layer, page by page (no OCR)."""

from __future__ import annotations

import io
import logging

from pypdf import PdfReader

from ingest.read.document import ReadError

logging.getLogger("pypdf").setLevel(logging.ERROR)


def read_pdf_document(data: bytes) -> tuple[str, str | None, str | None, dict[str, str]]:
    """Return (text, None, title, header metadata)."""
    try:
        reader = PdfReader(io.BytesIO(data))
        pages = [page.extract_text() or "" for page in reader.pages]
        title = (reader.metadata.title if reader.metadata else None) or None
    except Exception as exc:  # pypdf raises many types for damaged files (its own, AttributeError, RecursionError)
        raise ReadError(f"damaged PDF ({exc.__class__.__name__})") from None
    text = "\n".join(pages)
    if sum(1 for ch in text if "\u4e00" <= ch <= "\u9fff") < 20:
        raise ReadError("PDF has no text layer (scanned image?); OCR is not supported")
    return text, None, title, {}
