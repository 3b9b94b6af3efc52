"""The data-quality report for people who do not program: what its pages share (severities, the quoted
sentence with the figures in question highlighted, indicator names, the rule catalog) and its atomic
publication under the warehouse folder. The pages themselves: ingest/quality/report_site.py."""

from __future__ import annotations

import csv
import re
import shutil
from pathlib import Path

import pandas as pd
from markupsafe import Markup, escape

from ingest.paths import SEEDS_DIR, STAGING_SUFFIX, beside, swap_folder

SEVERITY_ORDER = {"error": 0, "warning": 1, "info": 2}
SEVERITY_LABEL = {"error": "错误 error", "warning": "警告 warning", "info": "提示 info"}
SEVERITY_MEANING = {
    "error": "the report's own figures cannot all be right",
    "warning": "probably wrong or misread; needs a look",
    "info": "worth knowing; often an extraction gap",
}
UNRESOLVED_LABEL = "未识别地区 Unresolved region"


def _text(value: object) -> str:
    if value is None or (isinstance(value, float) and value != value) or value is pd.NA:
        return ""
    return str(value)


def _marked_pieces(observed: str) -> list[str]:
    """The figures of an `observed` text worth highlighting: the text itself, or its pieces
    ("64件 + 19件 + 12件 = 95" gives 64件, 19件, 12件)."""
    pieces = [observed]
    pieces += [p for p in re.split(r"\s*(?:\+|=|≤|≥|,|，|…|→|\bof\b)\s*", observed) if p]
    # a bare number ("95") would also match inside other numbers: keep pieces with a unit or a sign
    return [p for p in dict.fromkeys(pieces) if re.search(r"[^\d.\s]", p)]


def _sentence_html(sentence: object, observed: object) -> Markup:
    """The sentence, escaped, with the stated figure(s) of the finding in <mark>."""
    if not isinstance(sentence, str):
        return Markup("")
    if not isinstance(observed, str) or not observed:
        return escape(sentence)
    spans: list[tuple[int, int]] = []
    for piece in _marked_pieces(observed):
        start = sentence.find(piece)
        while start >= 0:
            end = start + len(piece)
            # whole figures only: "8 件" must not match inside "38 件"
            if not (start > 0 and sentence[start - 1].isdigit() and piece[0].isdigit()) and \
                    not any(s < end and start < e for s, e in spans):
                spans.append((start, end))
                break
            start = sentence.find(piece, start + 1)
        if piece == observed and spans:
            break  # the whole observed text was found; its pieces need no marks of their own
    html, position = Markup(""), 0
    for start, end in sorted(spans):
        html += escape(sentence[position:start]) + Markup("<mark>") + escape(sentence[start:end]) + Markup("</mark>")
        position = end
    return html + escape(sentence[position:])


def _indicator_names() -> dict[str, str]:
    try:
        with (SEEDS_DIR / "indicators.csv").open(encoding="utf-8", newline="") as handle:
            return {row["code"]: row["name_zh"] for row in csv.DictReader(handle)}
    except (OSError, KeyError):
        return {}


def _indicator_html(codes: object, names: dict[str, str]) -> Markup:
    parts = []
    for code in re.split(r"\s*[,=]\s*", _text(codes)):
        if not code or code == "?":
            continue
        name = names.get(code)
        parts.append(escape(name) + Markup("<br><code>") + escape(code) + Markup("</code>") if name
                     else Markup("<code>") + escape(code) + Markup("</code>"))
    return Markup("<br>").join(parts)


def _rule_catalog() -> dict[str, dict]:
    """rule id → title, Chinese title, description and severity, from the suite files."""
    from ingest.quality.suites import load_suites

    rules: dict[str, dict] = {}
    try:
        suites = load_suites()
    except Exception:  # the report must still render; the rule list is then what the findings show
        return rules
    for suite in suites:
        for item in suite["expectations"]:
            meta = item.get("meta", {})
            rules[meta["rule_id"]] = {
                "rule_id": meta["rule_id"], "title": meta.get("title", meta["rule_id"]),
                "title_zh": meta.get("title_zh", ""), "description": meta.get("description", ""),
                "severity": item.get("severity", "info"),
            }
    return rules


def report_staging(target: Path) -> Path:
    """Where the next report is written in full before it replaces `target`."""
    return beside(target, STAGING_SUFFIX)


def stage_report(target: Path, findings: pd.DataFrame, documents: int, gx_docs: Path | None,
                 changed_reporters: frozenset[str] | None = None, version: str | None = None,
                 previous_version: str | None = None) -> Path:
    """Write the next report in full beside `target` (index.html + the GX Data Docs under gx/), not yet
    published; returns its folder. A failure (a full disk) removes the partial folder. `changed_reporters`,
    `version`, `previous_version`: see report_site.write_report_site."""
    staging = report_staging(target)
    shutil.rmtree(staging, ignore_errors=True)
    try:
        staging.mkdir(parents=True)
        docs_link = None
        if gx_docs is not None and gx_docs.parent.exists():
            shutil.copytree(gx_docs.parent, staging / "gx")
            docs_link = "gx/index.html"
        publish_dir = target.name.replace("dq_report", "exports")  # the warehouse's exports/ (ingest.publish)
        # a summary page linking to one page per province (issue 16): ingest/quality/report_site.py
        from ingest.quality.report_site import write_report_site

        write_report_site(staging, findings, documents, docs_link, publish_dir, previous=target, changed=changed_reporters,
                          version=version, previous_version=previous_version)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return staging


def swap_report(target: Path, staging: Path) -> Path:
    """Publish a staged report in place of `target` (paths.swap_folder); returns its summary page."""
    swap_folder(staging, target)
    return target / "index.html"


def publish_report(target: Path, findings: pd.DataFrame, documents: int, gx_docs: Path | None) -> Path:
    """Write report/index.html (+ the GX Data Docs under report/gx/) beside, then swap into place."""
    return swap_report(target, stage_report(target, findings, documents, gx_docs))
