"""Whose report and which year: region resolution plus report metadata, with user overrides."""

from __future__ import annotations

from dataclasses import dataclass

from ingest.document import Document
from ingest.region_resolver import RegionResolution, resolve_region
from ingest.report_metadata import ReportMetadata, read_report_metadata


@dataclass(frozen=True)
class Overrides:
    """--region / --year on the command line or a sidecar CSV row; win over what the text says."""

    region: str | None = None
    year: int | None = None


@dataclass(frozen=True)
class DocumentMetadata:
    region: RegionResolution
    report: ReportMetadata


def describe_document(document: Document, text: str, overrides: Overrides | None = None) -> DocumentMetadata:
    """`text` is the document text (or its normalised view) to read titles and dates from."""
    overrides = overrides or Overrides()
    report = read_report_metadata(text, document.title, document.header_metadata)
    if overrides.year is not None:
        report = ReportMetadata(overrides.year, report.publish_date, report.doc_number)
    if overrides.region:
        region = resolve_region(overrides.region + "\n" + text, title=overrides.region, metadata=document.header_metadata)
    else:
        region = resolve_region(text, title=document.title, metadata=document.header_metadata)
    return DocumentMetadata(region, report)
