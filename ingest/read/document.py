"""The document record: one distinct file content, decoded, with what its reader learnt."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Document:
    doc_id: str  # sha256 of the original bytes
    source_path: str
    file_name: str
    media_type: str  # text/plain, text/html, application/vnd...docx, application/pdf
    encoding: str | None  # detected text encoding (None for binary formats)
    text: str  # decoded text; every fact offset points into it
    title: str | None = None
    header_metadata: dict[str, str] = field(default_factory=dict)  # 发布机构, 发布日期, 索引号 ...


class ReadError(Exception):
    """A file that cannot become a document; the message is the one-line reason shown to users."""
