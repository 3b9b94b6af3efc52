"""The data-quality report at any corpus size (issue 16): a summary page (severity × rule × province counts,
the worst counties, offline SVG charts) linking to one page per province with that province's findings,
filterable by severity and rule, info-level findings collapsed. No page holds every finding, so the
summary stays small (well under 2 MB) for 17,000 reports and opens quickly in a browser.

Charts are drawn here as plain inline SVG (stacked horizontal bars): no script, no CDN, no rendering
library to import (Altair + vl-convert take seconds to import and start, more than the whole report of a
one-report run), and they scale with the number of bars, not of findings."""

from __future__ import annotations

import csv
import hashlib
import json
import numbers
import shutil
from collections import defaultdict
from datetime import UTC, datetime
from functools import cache
from pathlib import Path

import pandas as pd
from jinja2 import Environment, select_autoescape
from markupsafe import Markup, escape

from ingest.paths import SEEDS_DIR
from ingest.quality.report import (
    SEVERITY_LABEL,
    SEVERITY_MEANING,
    SEVERITY_ORDER,
    UNRESOLVED_LABEL,
    _indicator_html,
    _indicator_names,
    _rule_catalog,
    _sentence_html,
    _text,
)

SEVERITY_COLOUR = {"error": "#c0392b", "warning": "#e0a100", "info": "#3b6fc4"}
UNRESOLVED_KEY = "unresolved"
WORST_COUNTIES = 50
PAGES_DIR = "regions"
DIGESTS = "digests.json"
SEED_KEY = "_page"  # in DIGESTS: the digest of the template and rule texts every page was rendered with
VERSION_KEY = "_findings"  # in DIGESTS: the version of the findings the report describes (QualityOutcome)
# the columns a province page shows: what its digest covers
_SHOWN = ("region_label", "province_label", "rule_id", "severity", "title", "report_year", "indicator_codes",
          "observed", "expected", "explanation", "sentence", "file_name", "start_offset")

_STYLE = """
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
 figure{margin:1em 0} figcaption{font-weight:bold;margin-bottom:.3em} svg.chart text{font-size:12px}
 .charts{display:grid;grid-template-columns:1fr 1fr;gap:1em} .filters{background:#f7f7f7;padding:.6em 1em;border-radius:6px}
 details.info-group{margin:.8em 0} details.info-group>summary{cursor:pointer;font-weight:bold}
"""

_SUMMARY = """<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>数据质量报告 Data-quality findings</title><style>{{ style }}</style></head><body>
<h1>数据质量报告 Data-quality findings</h1>
<p class="meta">Generated {{ generated }} · {{ documents }} documents checked · {{ total }} findings in {{ pages|length }} region pages
{% if docs_link %}· <a href="{{ docs_link }}">Great Expectations Data Docs</a>{% if partial %} (this run validated the check rows of {{ partial }} changed reporter(s); the findings here cover all){% endif %}{% endif %}
{% if publish_dir %}· <a href="../{{ publish_dir }}/data_dictionary.html">Data dictionary</a> and <a href="../{{ publish_dir }}/explorer.html">indicator explorer</a> (written by <code>fazhi export</code>){% endif %}</p>
<p class="summary">{% for sev in severities %}<span class="badge {{ sev }}">{{ labels[sev] }}: {{ counts[sev] }}</span>{% endfor %}</p>
<p class="meta">Each finding, on its province's page, quotes the sentence of the report it comes from, with the figures in
question highlighted, and shows the arithmetic. 每条问题均引用报告原句（相关数字已高亮）并列出计算过程。
{% for sev in severities %}<span class="badge {{ sev }}">{{ labels[sev] }}</span> {{ meanings[sev] }}{% if not loop.last %}; {% endif %}{% endfor %}.</p>

<div class="charts">
<figure id="chart-rules"><figcaption>按规则 Findings by rule</figcaption>{{ chart_rules }}</figure>
<figure id="chart-provinces"><figcaption>按省份 Findings by province (errors and warnings)</figcaption>{{ chart_provinces }}</figure>
</div>

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

{% if not pages %}<p>No findings: every rule passed. 所有规则均已通过。</p>{% else %}
<h2 id="provinces">按省份 Findings by province</h2>
<table class="provinces"><tr><th>Province</th>{% for sev in severities %}<th>{{ labels[sev] }}</th>{% endfor %}<th>Counties with findings</th></tr>
{% for page in pages %}<tr><td><a class="province" href="{{ page.href }}">{{ page.label }}</a></td>
{% for sev in severities %}<td class="num">{{ page.counts[sev] }}</td>{% endfor %}<td class="num">{{ page.regions }}</td></tr>{% endfor %}
</table>

<h2 id="worst">问题最多的地区 Counties with the most errors and warnings</h2>
<figure id="chart-worst"><figcaption>Top {{ worst|length }}</figcaption>{{ chart_worst }}</figure>
<table class="worst"><tr><th>County</th><th>Province</th>{% for sev in severities %}<th>{{ labels[sev] }}</th>{% endfor %}</tr>
{% for region in worst %}<tr><td><a class="county" href="{{ region.href }}">{{ region.label }}</a></td><td>{{ region.province }}</td>
{% for sev in severities %}<td class="num">{{ region.counts[sev] }}</td>{% endfor %}</tr>{% endfor %}
</table>
{% endif %}
</body></html>
"""

_PAGE = """<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ label }} · 数据质量报告 Data-quality findings</title><style>{{ style }}</style></head><body>
<p class="meta"><a href="../index.html">← 数据质量报告 Data-quality findings (summary)</a> · Generated {{ generated }}</p>
<h1>{{ label }}</h1>
<p class="summary">{% for sev in severities %}<span class="badge {{ sev }}">{{ labels[sev] }}: {{ counts[sev] }}</span>{% endfor %}</p>
<form class="filters" id="filters">Show:
{% for sev in severities %}<label><input type="checkbox" name="severity" value="{{ sev }}" checked> {{ labels[sev] }}</label> {% endfor %}
<label>Rule <select name="rule"><option value="">all rules</option>{% for rule in rules %}<option value="{{ rule }}">{{ rule }}</option>{% endfor %}</select></label>
<span class="meta">提示 info findings are collapsed; click to open.</span></form>
<nav><ul class="regions">{% for region in groups %}<li><a href="#{{ region.anchor }}">{{ region.label }}</a>
{% for sev in severities %}{% if region.counts[sev] %} <span class="badge {{ sev }}">{{ region.counts[sev] }}</span>{% endif %}{% endfor %}</li>{% endfor %}</ul></nav>
{% for region in groups %}
<div class="region" id="{{ region.anchor }}"><h2>{{ region.label }}</h2>
{% for rule in region.rules %}
<section class="group" data-severity="{{ rule.severity }}" data-rule="{{ rule.rule_id }}">
{% if rule.severity == 'info' %}<details class="info-group"><summary><span class="badge info">{{ labels['info'] }}</span> {{ rule.title_zh }} · {{ rule.title }}
<span class="meta">({{ rule.rule_id }}, {{ rule.rows|length }})</span></summary>{% else %}
<h3><span class="badge {{ rule.severity }}">{{ labels[rule.severity] }}</span> {{ rule.title_zh }} · {{ rule.title }}
<span class="meta">({{ rule.rule_id }}, {{ rule.rows|length }})</span></h3>{% endif %}
<p class="rule-help">{{ rule.description }}</p>
<table><tr><th>Year</th><th>Indicator</th><th>Stated</th><th>Expected</th><th>Arithmetic</th><th>Sentence (source)</th></tr>
{% for row in rule.rows %}<tr>
<td>{{ row.year }}</td>
<td>{{ row.indicator_html }}</td><td>{{ row.observed_text }}</td><td>{{ row.expected_text }}</td>
<td class="arith">{{ row.explanation_text }}</td>
<td class="sentence">{{ row.sentence_html }}<div class="meta">{{ row.source }}</div></td>
</tr>{% endfor %}</table>
{% if rule.severity == 'info' %}</details>{% endif %}
</section>
{% endfor %}</div>{% endfor %}
<script>
(function () {
  var form = document.getElementById('filters');
  function apply() {
    var shown = {};
    form.querySelectorAll('input[name=severity]').forEach(function (box) { shown[box.value] = box.checked; });
    var rule = form.querySelector('select[name=rule]').value;
    document.querySelectorAll('section.group').forEach(function (group) {
      var visible = shown[group.dataset.severity] && (!rule || group.dataset.rule === rule);
      group.style.display = visible ? '' : 'none';
    });
    document.querySelectorAll('div.region').forEach(function (region) {
      var any = Array.prototype.some.call(region.querySelectorAll('section.group'),
                                          function (g) { return g.style.display !== 'none'; });
      region.style.display = any ? '' : 'none';
    });
  }
  form.addEventListener('change', apply);
})();
</script>
</body></html>
"""


@cache
def _provinces() -> dict[str, tuple[str, str]]:
    """region code → (province code, province name), counties and functional zones alike."""
    table: dict[str, tuple[str, str]] = {}
    for file in ("regions.csv", "regions_extra.csv"):
        try:
            with (SEEDS_DIR / file).open(encoding="utf-8", newline="") as handle:
                for row in csv.DictReader(handle):
                    province = row.get("province_name") or row.get("name", "")
                    table[row["region_code"]] = (row.get("province_code") or row["region_code"], province)
        except (OSError, KeyError):
            continue
    return table


def bar_chart(rows: list[tuple[str, dict[str, int]]], width: int = 560, bar: int = 16) -> Markup:
    """Stacked horizontal bars, one per (label, {severity: count}), as inline SVG with a legend."""
    if not rows:
        return Markup('<p class="meta">No findings.</p>')
    label_width = min(230, 14 + 12 * max(len(label) for label, _ in rows))
    plot = width - label_width - 60
    top = max(sum(counts.values()) for _, counts in rows) or 1
    height = 24 + len(rows) * (bar + 4)
    parts = [f'<svg class="chart" role="img" xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
             f'viewBox="0 0 {width} {height}">']
    x = label_width
    for severity in SEVERITY_ORDER:  # legend
        parts.append(f'<rect x="{x}" y="2" width="10" height="10" fill="{SEVERITY_COLOUR[severity]}"/>'
                     f'<text x="{x + 14}" y="11">{severity}</text>')
        x += 80
    for index, (label, counts) in enumerate(rows):
        y = 20 + index * (bar + 4)
        parts.append(f'<text x="{label_width - 6}" y="{y + bar - 4}" text-anchor="end">{escape(label)}</text>')
        x = float(label_width)
        for severity in SEVERITY_ORDER:
            value = counts.get(severity, 0)
            if value:
                length = max(1.0, plot * value / top)
                parts.append(f'<rect x="{x:.1f}" y="{y}" width="{length:.1f}" height="{bar}" '
                             f'fill="{SEVERITY_COLOUR[severity]}"><title>{escape(label)}: {value} {severity}</title></rect>')
                x += length
        parts.append(f'<text x="{x + 4:.1f}" y="{y + bar - 4}">{sum(counts.values())}</text>')
    parts.append("</svg>")
    return Markup("".join(parts))


def _labelled(findings: pd.DataFrame) -> pd.DataFrame:
    """The findings with the labels the pages group by: region_label, province_key, province_label, year.
    Column by column: a per-row dict for each of 200k findings costs seconds; only rendered rows get one."""
    provinces = _provinces()
    codes = [_text(c) for c in findings["region_code"].tolist()]
    names = findings["region_name"].tolist()
    resolved = [isinstance(n, str) and bool(n) for n in names]
    found = [provinces.get(c, (c[:2] + "0000" if c[:2].isdigit() else "", "")) for c in codes]
    return findings.reset_index(drop=True).assign(
        region_label=[f"{n} ({c})" if r else UNRESOLVED_LABEL for n, c, r in zip(names, codes, resolved, strict=True)],
        province_key=[p if r and p else UNRESOLVED_KEY for (p, _), r in zip(found, resolved, strict=True)],
        province_label=[(n or p) if r else UNRESOLVED_LABEL for (p, n), r in zip(found, resolved, strict=True)],
        year=["" if y is None or y is pd.NA or y != y else str(int(y)) for y in findings["report_year"].tolist()],
    )


def _records(findings: pd.DataFrame, catalog: dict[str, dict]) -> list[dict]:
    """One dict per finding (of a labelled frame), with its rule's catalog entry."""
    columns = list(findings.columns)  # column lists, not to_dict: 4x faster on Arrow-backed strings
    records = [dict(zip(columns, values, strict=True))
               for values in zip(*(findings[c].tolist() for c in columns), strict=True)]
    for record in records:
        record["rule"] = catalog[record["rule_id"]]
    return records


def _complete_catalog(findings: pd.DataFrame, catalog: dict[str, dict]) -> dict[str, dict]:
    """The rule catalog plus an entry for each rule of the findings it does not know (title from a finding)."""
    for row in findings.drop_duplicates("rule_id").itertuples(index=False):
        catalog.setdefault(row.rule_id, {"rule_id": row.rule_id, "title": _text(getattr(row, "title", None)) or row.rule_id,
                                         "title_zh": "", "description": "", "severity": row.severity})
    return catalog


def _for_display(record: dict, names: dict[str, str]) -> dict:
    record["indicator_html"] = _indicator_html(record.get("indicator_codes"), names)
    record["observed_text"] = _text(record.get("observed"))
    record["expected_text"] = _text(record.get("expected"))
    record["explanation_text"] = _text(record.get("explanation"))
    record["sentence_html"] = _sentence_html(record.get("sentence"), record.get("observed"))
    offset = record.get("start_offset")
    has_offset = offset is not None and offset is not pd.NA and offset == offset
    record["source"] = _text(record.get("file_name")) + (f" @ {int(offset)}" if has_offset else "")
    return record


def _canonical(value):
    """A shown value the same whatever the column's dtype (int32, float with NaN, object with None/NA: a
    data-only build's findings are read back from the warehouse, a full build's come from validation)."""
    kind = type(value)
    if kind is str:
        return value
    if value is None or value is pd.NA or (kind is float and value != value):
        return None
    if isinstance(value, numbers.Integral) or (isinstance(value, numbers.Real) and float(value).is_integer()):
        return int(value)
    return float(value) if isinstance(value, numbers.Real) else str(value)


def _province_digests(findings: pd.DataFrame, seed: bytes) -> dict[str, str]:
    """province key -> a digest of its findings as shown, in any order (and of `seed`): a page whose
    digest is unchanged is reused."""
    columns = [[str(_canonical(v)) for v in findings[c].tolist()] if c in findings.columns else ["None"] * len(findings)
               for c in _SHOWN]
    shown: dict[str, list[str]] = defaultdict(list)
    for key, *values in zip(findings["province_key"].tolist(), *columns, strict=True):
        shown[key].append("\x1f".join(values))
    digests = {}
    for key, rows in shown.items():
        digest = hashlib.sha256(seed)
        digest.update("\n".join(sorted(rows)).encode("utf-8"))
        digests[key] = digest.hexdigest()
    return digests


def _digests(labelled: pd.DataFrame, catalog: dict[str, dict], old: dict[str, str],
             changed: frozenset[str] | None, previous_version: str | None) -> dict[str, str]:
    """The digest of each province's page. When only the `changed` reporters' findings can differ from the
    previous report's (it describes `previous_version` of the findings, with the same template and rules),
    only their provinces (and findings of no reporter) are digested again; the others keep theirs."""
    seed = (_PAGE + _STYLE + json.dumps(catalog, sort_keys=True, default=str)).encode("utf-8")  # every page's
    seed_digest = hashlib.sha256(seed).hexdigest()
    keys = set(labelled["province_key"].tolist())
    if (changed is None or previous_version is None or old.get(VERSION_KEY) != previous_version
            or old.get(SEED_KEY) != seed_digest or not keys <= old.keys()):
        return {**_province_digests(labelled, seed), SEED_KEY: seed_digest}
    provinces = _provinces()
    touched = {UNRESOLVED_KEY} | {provinces.get(r.split(":")[0], (r[:2] + "0000", ""))[0] for r in changed}
    rows_of = labelled["reporter_id"].isin(changed) | labelled["reporter_id"].isna()
    touched |= set(labelled.loc[rows_of, "province_key"].tolist())
    fresh = _province_digests(labelled[labelled["province_key"].isin(touched)], seed)
    return {**{k: old[k] for k in keys - touched}, **fresh, SEED_KEY: seed_digest}


def write_report_site(folder: Path, findings: pd.DataFrame, documents: int, docs_link: str | None,
                      publish_dir: str | None = None, previous: Path | None = None,
                      changed: frozenset[str] | None = None, version: str | None = None,
                      previous_version: str | None = None) -> Path:
    """Write folder/index.html (the summary) and folder/regions/<province>.html; returns the summary.
    `previous`: the published report; a province page whose findings did not change is copied from it
    (regions/digests.json) instead of rendered again, so one new report re-renders one province.
    `changed`, `previous_version`: see _digests; `version`: the version of `findings`."""
    names = _indicator_names()
    labelled = _labelled(findings)
    catalog = _complete_catalog(labelled, _rule_catalog())
    try:
        old_digests = json.loads((previous / PAGES_DIR / DIGESTS).read_text(encoding="utf-8")) if previous else {}
    except (OSError, ValueError):
        old_digests = {}
    digests = {**_digests(labelled, catalog, old_digests, changed, previous_version), VERSION_KEY: version}
    generated = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    env = Environment(autoescape=select_autoescape(["html"], default_for_string=True))
    common = {"generated": generated, "severities": list(SEVERITY_ORDER), "labels": SEVERITY_LABEL,
              "style": Markup(_STYLE)}

    # severity counts by province and region, counted in the frame
    region_counts: dict[str, dict[str, dict[str, int]]] = defaultdict(dict)
    sizes = labelled.groupby(["province_key", "region_label", "severity"], sort=False).size()
    for (key, region, severity), count in sizes.items():
        region_counts[key].setdefault(region, dict.fromkeys(SEVERITY_ORDER, 0))[severity] = int(count)
    province_labels = dict(zip(labelled["province_key"].tolist(), labelled["province_label"].tolist(), strict=True))
    pages = []
    (folder / PAGES_DIR).mkdir(parents=True, exist_ok=True)
    page_template = env.from_string(_PAGE)
    county_rows = []
    for key, regions in region_counts.items():
        label = province_labels[key]
        href = f"{PAGES_DIR}/{key}.html"
        reuse = old_digests.get(key) == digests[key] and previous is not None and (previous / href).is_file()
        # regions with errors first, then by their number of warnings
        groups = [{"label": region, "counts": counts} for region, counts in regions.items()]
        groups.sort(key=lambda g: (-g["counts"]["error"], -g["counts"]["warning"], g["label"]))
        for index, group in enumerate(groups):
            group["anchor"] = f"region-{index}"
            if key != UNRESOLVED_KEY:
                county_rows.append({"label": group["label"], "province": label, "counts": group["counts"],
                                    "href": f"{href}#{group['anchor']}"})
        counts = {sev: sum(g["counts"][sev] for g in groups) for sev in SEVERITY_ORDER}
        if reuse:
            shutil.copyfile(previous / href, folder / href)
        else:
            rows = _records(labelled[labelled["province_key"] == key], catalog)
            by_region: dict[str, dict[str, list[dict]]] = {}
            for record in sorted(rows, key=lambda r: (SEVERITY_ORDER.get(r["severity"], 9), r["rule_id"], r["year"],
                                                       _text(r.get("file_name")), _text(r.get("start_offset")),
                                                       _text(r.get("finding_id")))):
                by_region.setdefault(record["region_label"], {}).setdefault(record["rule_id"], []).append(record)
            for group in groups:
                group["rules"] = [{**rows_[0]["rule"], "severity": rows_[0]["severity"],
                                   "rows": [_for_display(r, names) for r in rows_]}
                                  for rows_ in by_region[group["label"]].values()]
            html = page_template.render(**common, label=label, counts=counts, groups=groups,
                                        rules=sorted({r["rule_id"] for r in rows}))
            (folder / href).write_text(html, encoding="utf-8")
        pages.append({"label": label, "href": href, "key": key, "counts": counts, "regions": len(groups)})
    pages.sort(key=lambda p: (p["key"] == UNRESOLVED_KEY, -p["counts"]["error"], -p["counts"]["warning"], p["key"]))

    rule_counts = labelled["rule_id"].value_counts().to_dict()
    rule_regions = labelled.groupby("rule_id")["region_label"].nunique().to_dict()
    rule_rows = [{**rule, "count": int(rule_counts.get(rule["rule_id"], 0)),
                  "regions": int(rule_regions.get(rule["rule_id"], 0))} for rule in catalog.values()]
    rule_rows.sort(key=lambda r: (SEVERITY_ORDER.get(r["severity"], 9), -r["count"], r["rule_id"]))
    worst = sorted((c for c in county_rows if c["counts"]["error"] or c["counts"]["warning"]),
                   key=lambda c: (-c["counts"]["error"], -c["counts"]["warning"], c["label"]))[:WORST_COUNTIES]
    chart_rules = bar_chart([(r["rule_id"], {r["severity"]: r["count"]}) for r in rule_rows if r["count"]])
    chart_provinces = bar_chart([(p["label"], {s: p["counts"][s] for s in ("error", "warning")}) for p in pages
                                 if p["counts"]["error"] or p["counts"]["warning"]])
    chart_worst = bar_chart([(c["label"], {s: c["counts"][s] for s in ("error", "warning")}) for c in worst[:20]])
    totals = {sev: sum(p["counts"][sev] for p in pages) for sev in SEVERITY_ORDER}
    summary = env.from_string(_SUMMARY).render(
        **common, documents=documents, docs_link=docs_link, publish_dir=publish_dir, meanings=SEVERITY_MEANING,
        partial=len(changed) if changed is not None and previous_version is not None else 0,
        total=len(labelled), counts=totals, rules=rule_rows, pages=pages, worst=worst,
        chart_rules=chart_rules, chart_provinces=chart_provinces, chart_worst=chart_worst)
    index = folder / "index.html"
    index.write_text(summary, encoding="utf-8")
    (folder / PAGES_DIR / DIGESTS).write_text(json.dumps(digests, sort_keys=True), encoding="utf-8")
    return index
