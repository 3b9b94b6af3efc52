"""One document → its metadata and facts: the one path loading, `fazhi extract` and `fazhi eval` share."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from ingest.extract.extractor import FactExtractor, SkippedFigure
from ingest.extract.fact import Fact
from ingest.read.document import Document
from ingest.resolve.metadata import DocumentMetadata, describe_document
from ingest.resolve.overrides import Overrides
from ingest.text.normalize import normalize


@dataclass(frozen=True)
class Analysis:
    metadata: DocumentMetadata
    facts: list[Fact]
    content_hash: str  # sha256 of the normalised text: the same text in another file is the same document
    skipped: list[SkippedFigure]  # figures found but not kept as facts (a value that cannot be represented)


def analyse(document: Document, overrides: Overrides | None = None, extractor: FactExtractor | None = None) -> Analysis:
    """Whose report, which year and every fact of `document`; the text is normalised once."""
    extractor = extractor or FactExtractor()
    norm = normalize(document.text)
    metadata = describe_document(document, document.text, overrides)
    facts = extractor.extract(document.text, document.doc_id, metadata.report.report_year, norm=norm)
    return Analysis(metadata, facts, hashlib.sha256(norm.text.encode("utf-8")).hexdigest(), list(extractor.last_skipped))
