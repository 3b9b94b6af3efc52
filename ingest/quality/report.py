"""The data-quality report for people who do not program: a summary of the rules with their counts,
then the findings grouped by county and rule, each with the quoted sentence (the figures in question
highlighted) and the arithmetic; written atomically under the warehouse folder."""

from __future__ import annotations

import csv
import os
import re
import shutil
from datetime import UTC, datetime
from pathlib import Path

import pandas as pd
from jinja2 import Environment, select_autoescape
from markupsafe import Markup, escape

from ingest.paths import SEEDS_DIR

SEVERITY_ORDER = {"error": 0, "warning": 1, "info": 2}
SEVERITY_LABEL = {"error": "错误 error", "warning": "警告 warning", "info": "提示 info"}
SEVERITY_MEANING = {
    "error": "the report's own figures cannot all be right",
    "warning": "probably wrong or misread; needs a look",
    "info": "worth knowing; often an extraction gap",
}
UNRESOLVED_LABEL = "未识别地区 Unresolved region"

_TEMPLATE = """<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>数据质量报告 Data-quality findings</title>
<style>
 body{font-family:"Noto Sans CJK SC","Source Han Sans SC","PingFang SC","Microsoft YaHei","WenQuanYi Micro Hei",
      "Noto Sans CJK JP",sans-serif;margin:2em auto;max-width:1200px;padding:0 1em;color:#222;line-height:1.55}
 h1{font-size:1.6em;margin-bottom:.2em} h2{border-bottom:2px solid #ccc;padding-bottom:.2em;margin-top:2em}
 h3{font-size:1.05em;margin:1.4em 0 .3em} p.rule-help{margin:.1em 0 .5em;color:#555;font-size:.92em}
 .badge{display:inline-block;padding:.1em .55em;border-radius:4px;font-weight:bold;white-space:nowrap}
 .summary .badge{margin-right:1.2em;padding:.3em .8em}
 .error{background:#fde2e1;color:#8a1c13} .warning{background:#fff1cc;color:#7a5200} .info{background:#e4eefc;color:#1c3f7a}
 table{border-collapse:collapse;width:100%;margin-bottom:1em} td,th{border:1px solid #ddd;padding:.4em .6em;vertical-align:top;text-align:left}
 th{background:#f4f4f4} td.num{text-align:right;font-variant-numeric:tabular-nums} tr.zero td{color:#888}
 .sentence{color:#333} mark{background:#ffe066;padding:0 .1em} .meta{color:#666;font-size:.9em}
 .arith{font-variant-numeric:tabular-nums} code{font-size:.85em;color:#555}
 ul.regions{columns:3;padding-left:1.2em} nav a{text-decoration:none}
</style></head><body>
<h1>数据质量报告 Data-quality findings</h1>
<p class="meta">Generated {{ generated }} · {{ documents }} documents checked ·
{% if docs_link %}<a href="{{ docs_link }}">Great Expectations Data Docs</a>{% endif %}
{% if dictionary_link %}· <a href="{{ dictionary_link }}">Data dictionary</a> and <a href="{{ explorer_link }}">indicator explorer</a> (written by <code>fazhi export</code>){% endif %}</p>
<p class="summary">{% for sev in severities %}<span class="badge {{ sev }}">{{ labels[sev] }}: {{ counts[sev] }}</span>{% endfor %}</p>
<p class="meta">Each finding quotes the sentence of the report it comes from, with the figures in question highlighted,
and shows the arithmetic. 每条问题均引用报告原句（相关数字已高亮）并列出计算过程。
{% for sev in severities %}<span class="badge {{ sev }}">{{ labels[sev] }}</span> {{ meanings[sev] }}{% if not loop.last %}; {% endif %}{% endfor %}.</p>

<h2 id="rules">按规则汇总 Summary by rule</h2>
<table class="rules">
<tr><th>Severity</th><th>Rule</th><th>What it checks</th><th>Findings</th><th>Regions</th></tr>
{% for rule in rules %}<tr class="{{ 'zero' if not rule.count else '' }}">
<td><span class="badge {{ rule.severity }}">{{ labels[rule.severity] }}</span></td>
<td>{{ rule.title_zh }}<br>{{ rule.title }}<br><code>{{ rule.rule_id }}</code></td>
<td>{{ rule.description }}</td>
<td class="num">{{ rule.count }}</td><td class="num">{{ rule.regions }}</td>
</tr>{% endfor %}
</table>

{% if not groups %}<p>No findings: every rule passed. 所有规则均已通过。</p>{% else %}
<h2 id="regions">按地区 Findings by region</h2>
<nav><ul class="regions">{% for region in groups %}<li><a href="#{{ region.anchor }}">{{ region.label }}</a>
{% for sev in severities %}{% if region.counts[sev] %} <span class="badge {{ sev }}">{{ region.counts[sev] }}</span>{% endif %}{% endfor %}</li>{% endfor %}</ul></nav>
{% endif %}

{% for region in groups %}
<h2 id="{{ region.anchor }}">{{ region.label }}</h2>
{% for rule in region.rules %}
<h3><span class="badge {{ rule.severity }}">{{ labels[rule.severity] }}</span> {{ rule.title_zh }} · {{ rule.title }}
<span class="meta">({{ rule.rule_id }}, {{ rule.rows|length }})</span></h3>
<p class="rule-help">{{ rule.description }}</p>
<table><tr><th>Year</th><th>Indicator</th><th>Stated</th><th>Expected</th><th>Arithmetic</th><th>Sentence (source)</th></tr>
{% for row in rule.rows %}<tr>
<td>{{ row.year }}</td>
<td>{{ row.indicator_html }}</td><td>{{ row.observed_text }}</td><td>{{ row.expected_text }}</td>
<td class="arith">{{ row.explanation_text }}</td>
<td class="sentence">{{ row.sentence_html }}<div class="meta">{{ row.source }}</div></td>
</tr>{% endfor %}</table>
{% endfor %}{% endfor %}
</body></html>
"""


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


def render_findings_html(findings: pd.DataFrame, documents: int, docs_link: str | None,
                         publish_dir: str | None = None) -> str:
    names = _indicator_names()
    catalog = _rule_catalog()
    records = findings.to_dict("records") if len(findings) else []
    for record in records:
        region = record.get("region_name")
        record["region_label"] = (f"{region} ({_text(record.get('region_code'))})" if isinstance(region, str) and region
                                  else UNRESOLVED_LABEL)
        year = record.get("report_year")
        record["year"] = "" if year is None or year is pd.NA or year != year else str(int(year))
        record["indicator_html"] = _indicator_html(record.get("indicator_codes"), names)
        record["observed_text"] = _text(record.get("observed"))
        record["expected_text"] = _text(record.get("expected"))
        record["explanation_text"] = _text(record.get("explanation"))
        record["sentence_html"] = _sentence_html(record.get("sentence"), record.get("observed"))
        offset = record.get("start_offset")
        has_offset = offset is not None and offset is not pd.NA and offset == offset
        record["source"] = _text(record.get("file_name")) + (f" @ {int(offset)}" if has_offset else "")
        rule = catalog.setdefault(record["rule_id"], {
            "rule_id": record["rule_id"], "title": _text(record.get("title")) or record["rule_id"],
            "title_zh": "", "description": "", "severity": record["severity"]})
        record["rule"] = rule

    by_region: dict[str, dict[str, list[dict]]] = {}
    for record in sorted(records, key=lambda r: (SEVERITY_ORDER.get(r["severity"], 9), r["rule_id"], r["year"],
                                                 _text(r.get("file_name")), _text(r.get("start_offset")))):
        by_region.setdefault(record["region_label"], {}).setdefault(record["rule_id"], []).append(record)

    groups = []
    for label, rules in by_region.items():
        counts = {sev: sum(1 for rows in rules.values() for r in rows if r["severity"] == sev) for sev in SEVERITY_ORDER}
        groups.append({"label": label, "counts": counts,
                       "rules": [{**rows[0]["rule"], "severity": rows[0]["severity"], "rows": rows} for rows in rules.values()]})
    # regions with errors first, then by their number of warnings; unresolved reports last
    groups.sort(key=lambda g: (g["label"] == UNRESOLVED_LABEL, -g["counts"]["error"], -g["counts"]["warning"], g["label"]))
    for index, group in enumerate(groups):
        group["anchor"] = f"region-{index}"

    rule_rows = []
    for rule in catalog.values():
        matching = [r for r in records if r["rule_id"] == rule["rule_id"]]
        rule_rows.append({**rule, "count": len(matching), "regions": len({r["region_label"] for r in matching})})
    rule_rows.sort(key=lambda r: (SEVERITY_ORDER.get(r["severity"], 9), -r["count"], r["rule_id"]))

    env = Environment(autoescape=select_autoescape(["html"], default_for_string=True))
    return env.from_string(_TEMPLATE).render(
        generated=datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        documents=documents,
        docs_link=docs_link,
        dictionary_link=f"../{publish_dir}/data_dictionary.html" if publish_dir else None,  # ingest.publish
        explorer_link=f"../{publish_dir}/explorer.html" if publish_dir else None,
        severities=list(SEVERITY_ORDER),
        labels=SEVERITY_LABEL,
        meanings=SEVERITY_MEANING,
        counts={sev: sum(1 for r in records if r["severity"] == sev) for sev in SEVERITY_ORDER},
        rules=rule_rows,
        groups=groups,
    )


def report_staging(target: Path) -> Path:
    """Where the next report is written in full before it replaces `target`."""
    return target.with_name(target.name + ".staging")


def stage_report(target: Path, findings: pd.DataFrame, documents: int, gx_docs: Path | None) -> Path:
    """Write the next report in full beside `target` (index.html + the GX Data Docs under gx/), not yet
    published; returns its folder. A failure (a full disk) removes the partial folder."""
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

        write_report_site(staging, findings, documents, docs_link, publish_dir, previous=target)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return staging


def swap_report(target: Path, staging: Path) -> Path:
    """Publish a staged report with two renames: the old report aside, the new one in its place (put
    back when the second rename fails)."""
    old = target.with_name(target.name + ".old")
    shutil.rmtree(old, ignore_errors=True)
    if target.exists():
        os.replace(target, old)
    try:
        os.replace(staging, target)
    except BaseException:
        if old.exists() and not target.exists():
            os.replace(old, target)
        raise
    shutil.rmtree(old, ignore_errors=True)
    return target / "index.html"


def publish_report(target: Path, findings: pd.DataFrame, documents: int, gx_docs: Path | None) -> Path:
    """Write report/index.html (+ the GX Data Docs under report/gx/) beside, then swap into place."""
    return swap_report(target, stage_report(target, findings, documents, gx_docs))
