"""Whose report and which year: region resolution plus report metadata, with users' overrides."""

from __future__ import annotations

from dataclasses import dataclass, replace

from ingest.read.document import Document
from ingest.resolve.overrides import OverrideError, Overrides
from ingest.resolve.region import RegionResolution, resolve_region
from ingest.resolve.report_year import ReportMetadata, read_report_metadata


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
        region = _resolve_override(overrides.region, text, document.header_metadata)
    else:
        region = resolve_region(text, title=document.title, metadata=document.header_metadata)
    return DocumentMetadata(region, report)


def _resolve_override(name: str, text: str, metadata: dict[str, str]) -> RegionResolution:
    """A region given by --region or a sidecar wins over the text, which only fills in what the name
    leaves open: the issuer as written (蓝山县人民政府), or which of several same-named units it is
    (朝阳区 of 北京 or of 长春). A name that resolves to no one region raises OverrideError with the reason:
    loading the file with an unresolved region would silently drop it from every mart."""
    given = resolve_region(name, title=name)
    in_text = resolve_region(name + "\n" + text, title=name, metadata=metadata)
    if in_text.status == "resolved":
        if given.status == "resolved" and (in_text.region_code, in_text.department) == (given.region_code, given.department):
            return in_text
        if given.status == "ambiguous" and given.region_name and in_text.region_name == given.region_name:
            return in_text
    if given.status == "resolved":
        return replace(given, reason=given.reason or f"given as an override ('{name}')")
    if given.status == "unresolved":
        raise OverrideError(f"override '{name}' matches no region (give its full name or code)")
    raise OverrideError(f"override '{name}': {given.reason}; give the full name (北京市朝阳区) or the code")
