"""The data-quality report for people who do not program: findings grouped by county and rule,
each with the quoted sentence and the arithmetic, written atomically under the warehouse folder."""

from __future__ import annotations

import os
import shutil
from datetime import datetime, timezone
from pathlib import Path

import pandas as pd
from jinja2 import Environment, select_autoescape

SEVERITY_ORDER = {"error": 0, "warning": 1, "info": 2}
SEVERITY_LABEL = {"error": "错误 error", "warning": "警告 warning", "info": "提示 info"}

_TEMPLATE = """<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8">
<title>数据质量报告 Data-quality findings</title>
<style>
 body{font-family:"Noto Sans CJK SC","Microsoft YaHei",sans-serif;margin:2em auto;max-width:1100px;color:#222;line-height:1.5}
 h1{font-size:1.6em;margin-bottom:.2em} h2{border-bottom:2px solid #ccc;padding-bottom:.2em;margin-top:2em}
 h3{font-size:1.05em;margin:1.2em 0 .4em}
 .summary span{display:inline-block;margin-right:1.5em;padding:.3em .8em;border-radius:4px;font-weight:bold}
 .error{background:#fde2e1;color:#8a1c13} .warning{background:#fff1cc;color:#7a5200} .info{background:#e4eefc;color:#1c3f7a}
 table{border-collapse:collapse;width:100%;margin-bottom:1em} td,th{border:1px solid #ddd;padding:.4em .6em;vertical-align:top;text-align:left}
 th{background:#f4f4f4} .sentence{color:#444} mark{background:#ffe066;padding:0 .1em} .meta{color:#666;font-size:.9em}
</style></head><body>
<h1>数据质量报告 Data-quality findings</h1>
<p class="meta">Generated {{ generated }} · {{ documents }} documents checked ·
{% if docs_link %}<a href="{{ docs_link }}">Great Expectations Data Docs</a>{% endif %}</p>
<p class="summary">{% for sev in severities %}<span class="{{ sev }}">{{ labels[sev] }}: {{ counts[sev] }}</span>{% endfor %}</p>
{% if not groups %}<p>No findings: every rule passed.</p>{% endif %}
{% for region, rules in groups %}
<h2 id="{{ region|e }}">{{ region }}</h2>
{% for rule, rows in rules %}
<h3><span class="{{ rows[0].severity }}">{{ labels[rows[0].severity] }}</span> {{ rows[0].title }} <span class="meta">({{ rule }}, {{ rows|length }})</span></h3>
<table><tr><th>Year</th><th>Indicator</th><th>Stated</th><th>Expected</th><th>Arithmetic</th><th>Sentence (source)</th></tr>
{% for row in rows %}<tr>
<td>{{ row.report_year if row.report_year == row.report_year and row.report_year is not none else "" }}</td>
<td>{{ row.indicator_codes or "" }}</td><td>{{ row.observed or "" }}</td><td>{{ row.expected or "" }}</td>
<td>{{ row.explanation or "" }}</td>
<td class="sentence">{{ row.sentence_html|safe }}<div class="meta">{{ row.file_name or "" }}{% if row.start_offset == row.start_offset and row.start_offset is not none %} @ {{ row.start_offset|int }}{% endif %}</div></td>
</tr>{% endfor %}</table>
{% endfor %}{% endfor %}
</body></html>
"""


def _sentence_html(sentence: object, observed: object) -> str:
    from markupsafe import escape

    if not isinstance(sentence, str):
        return ""
    text = str(escape(sentence))
    if isinstance(observed, str) and observed and observed in sentence:
        mark = str(escape(observed))
        text = text.replace(mark, f"<mark>{mark}</mark>", 1)
    return text


def render_findings_html(findings: pd.DataFrame, documents: int, docs_link: str | None) -> str:
    rows = findings.copy()
    rows["region_label"] = rows.apply(
        lambda r: f"{r['region_name']} ({r['region_code']})" if isinstance(r["region_name"], str) else "未识别地区 Unresolved region",
        axis=1,
    ) if len(rows) else []
    rows["sentence_html"] = [_sentence_html(s, o) for s, o in zip(rows.get("sentence", []), rows.get("observed", []))]
    records = rows.to_dict("records")
    groups: dict[str, dict[str, list[dict]]] = {}
    for record in sorted(records, key=lambda r: (r["region_label"], SEVERITY_ORDER.get(r["severity"], 9), r["rule_id"])):
        groups.setdefault(record["region_label"], {}).setdefault(record["rule_id"], []).append(record)
    counts = {sev: sum(1 for r in records if r["severity"] == sev) for sev in SEVERITY_ORDER}
    env = Environment(autoescape=select_autoescape(["html"]))
    return env.from_string(_TEMPLATE).render(
        generated=datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        documents=documents,
        docs_link=docs_link,
        severities=list(SEVERITY_ORDER),
        labels=SEVERITY_LABEL,
        counts=counts,
        groups=[(region, list(rules.items())) for region, rules in groups.items()],
    )


def publish_report(target: Path, findings: pd.DataFrame, documents: int, gx_docs: Path | None) -> Path:
    """Write report/index.html (+ the GX Data Docs under report/gx/) beside, then swap into place."""
    staging = target.with_name(target.name + ".staging")
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir(parents=True)
    docs_link = None
    if gx_docs is not None and gx_docs.parent.exists():
        shutil.copytree(gx_docs.parent, staging / "gx")
        docs_link = "gx/index.html"
    (staging / "index.html").write_text(render_findings_html(findings, documents, docs_link), encoding="utf-8")
    old = target.with_name(target.name + ".old")
    shutil.rmtree(old, ignore_errors=True)
    if target.exists():
        os.replace(target, old)
    os.replace(staging, target)
    shutil.rmtree(old, ignore_errors=True)
    return target / "index.html"
