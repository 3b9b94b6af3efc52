"""The indicator explorer: one offline HTML page (no CDN, no script) with charts rendered to SVG at build
time (Altair → Vega-Lite → vl-convert): coverage as a county × domain heatmap; per indicator, a league
table of counties for its latest year with a chart of it, and the distribution of its values by year;
per county, its indicators over the years with a table of every value."""

from __future__ import annotations

import os
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from pathlib import Path

import altair as alt
import pandas as pd
import vl_convert
from jinja2 import Environment, select_autoescape
from markupsafe import Markup

from ingest.warehouse.connection import connect
from ingest.warehouse.exports import county_observations, coverage_by_domain

COUNTY_CHART_INDICATORS = 10  # per county chart: the indicators with the most years (the table lists all)
FONT = "Noto Sans CJK SC, WenQuanYi Micro Hei, Microsoft YaHei, PingFang SC, sans-serif"


def svg(chart: alt.TopLevelMixin) -> Markup:
    """A chart rendered to inline SVG now, so the page needs no JavaScript and no network."""
    return render_all([chart])[0]


def render_all(charts: list) -> list[Markup]:
    """Charts rendered to SVG side by side (vl-convert works outside the GIL; CJK labels make a chart
    cost ~0.3 s, most of it measuring text)."""
    specs = [chart.configure(font=FONT).to_dict() for chart in charts]
    with ThreadPoolExecutor(max_workers=min(4, os.cpu_count() or 1)) as pool:
        return [Markup(text) for text in pool.map(vl_convert.vegalite_to_svg, specs)]


def coverage_heatmap(coverage: pd.DataFrame) -> alt.Chart | None:
    """County × domain: indicators with a value in the county's latest report year."""
    if coverage.empty:
        return None
    latest = coverage.sort_values("report_year").groupby("region_code", as_index=False).tail(1)
    columns = [c for c in coverage.columns if c.endswith("_indicators")]
    cells = latest.melt(id_vars=["region_name", "report_year"], value_vars=columns, var_name="domain", value_name="indicators")
    cells["domain"] = cells["domain"].str.removesuffix("_indicators")
    cells["county"] = cells["region_name"] + " " + cells["report_year"].astype(str)
    base = alt.Chart(cells).encode(x=alt.X("domain:N", title="domain"), y=alt.Y("county:N", title=None))
    rects = base.mark_rect().encode(color=alt.Color("indicators:Q", scale=alt.Scale(scheme="blues"), title="indicators"),
                                    tooltip=["county", "domain", "indicators"])
    labels = base.mark_text(fontSize=10).encode(text="indicators:Q")
    return (rects + labels).properties(title="Indicators reported, by county (latest report year) and domain",
                                       width=alt.Step(38), height=alt.Step(16))


def indicator_chart(rows: pd.DataFrame, year: int, label: str) -> alt.HConcatChart:
    league = rows[rows["report_year"] == year]
    bars = alt.Chart(league).mark_bar().encode(
        y=alt.Y("region_name:N", sort="-x", title=None), x=alt.X("value:Q", title=label),
        tooltip=["region_name", "value", "status"]).properties(title=f"League table {year}", width=320,
                                                                 height=alt.Step(16))
    spread = alt.Chart(rows).mark_tick(thickness=2, size=14).encode(
        x=alt.X("value:Q", title=label), y=alt.Y("report_year:O", title="year"),
        tooltip=["region_name", "report_year", "value"]).properties(title="Distribution by year", width=260)
    return alt.hconcat(bars, spread)


def county_chart(rows: pd.DataFrame) -> alt.FacetChart:
    years_per_indicator = rows.groupby("indicator_code")["report_year"].nunique().sort_values(ascending=False, kind="stable")
    shown = rows[rows["indicator_code"].isin(years_per_indicator.index[:COUNTY_CHART_INDICATORS])].copy()
    shown["indicator"] = shown["indicator_name"].fillna(shown["indicator_code"])
    return alt.Chart(shown).mark_line(point=True).encode(
        x=alt.X("report_year:O", title="year"), y=alt.Y("value:Q", title=None),
        color=alt.Color("indicator:N", title="indicator"), tooltip=["indicator", "report_year", "value", "unit"],
    ).properties(width=240, height=160).facet(column=alt.Column("unit:N", title="unit")).resolve_scale(y="independent")


def _number(value: float) -> str:
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.2f}"


def page_data(observations: pd.DataFrame, coverage: pd.DataFrame) -> dict:
    observations = observations.copy()
    observations["unit"] = observations["unit"].fillna("")
    heatmap = coverage_heatmap(coverage)
    indicators, single = [], []
    for code, rows in observations.groupby("indicator_code", sort=True):
        name, unit = rows["indicator_name"].iloc[0] or code, rows["unit"].mode().iloc[0]
        per_year = rows.groupby("report_year")["region_code"].nunique()
        compared = per_year[per_year >= 2]
        if compared.empty:
            single.append({"code": code, "name": name, "unit": unit, "rows": rows.to_dict("records")})
            continue
        year = int(compared.index.max())
        league = rows[rows["report_year"] == year].sort_values("value", ascending=False)
        indicators.append({
            "code": code, "name": name, "unit": unit, "domain": rows["domain"].iloc[0], "year": year,
            "counties": int(league["region_code"].nunique()),
            "chart": indicator_chart(rows, year, f"{name} ({unit})" if unit else name),
            "league": [{"rank": i + 1, "county": r.region_name, "value": _number(r.value), "status": r.status}
                       for i, r in enumerate(league.itertuples())],
        })
    counties = []
    for (region_code, region_name), rows in observations.groupby(["region_code", "region_name"], sort=True):
        table = rows.pivot_table(index=["indicator_code", "indicator_name", "unit"], columns="report_year",
                                 values="value", aggfunc="first").sort_index()
        years = [int(y) for y in table.columns]
        counties.append({
            "code": region_code, "name": region_name, "years": years,
            "chart": county_chart(rows),
            "rows": [{"code": idx[0], "name": idx[1], "unit": idx[2],
                      "values": ["" if pd.isna(v) else _number(v) for v in values]}
                     for idx, values in zip(table.index, table.to_numpy().tolist(), strict=True)],
        })
    items = indicators + counties
    for item, rendered in zip(items, render_all([item["chart"] for item in items]), strict=True):
        item["chart"] = rendered
    return {"heatmap": svg(heatmap) if heatmap is not None else None, "indicators": indicators, "single": single,
            "counties": counties}


_TEMPLATE = """<!doctype html>
<html lang="zh-Hans"><head><meta charset="utf-8"><title>指标浏览 Indicator explorer</title>
<style>
 body{font-family:"Noto Sans CJK SC","WenQuanYi Micro Hei","Microsoft YaHei",sans-serif;margin:2em;max-width:1200px;color:#222}
 table{border-collapse:collapse;margin:.5em 0 1.5em} td,th{border:1px solid #ddd;padding:.25em .5em;text-align:left}
 td.num{text-align:right;font-variant-numeric:tabular-nums} th{background:#f4f4f4} .meta{color:#666;font-size:.9em}
 section.item{border-top:1px solid #ccc;padding-top:.5em;margin-top:1.5em} nav ul{columns:4} code{color:#555}
</style></head><body>
<h1>指标浏览 Indicator explorer</h1>
<p class="meta">Generated {{ generated }} from the published warehouse (county-level values of the chosen reports,
marts.fct_indicator_observation). Charts are drawn at build time: this page works offline.
<a href="data_dictionary.html">Data dictionary</a> · <a href="datapackage.json">datapackage.json</a></p>
<nav><a href="#coverage">Coverage</a> · <a href="#indicators">Indicators ({{ indicators|length }})</a> ·
<a href="#counties">Counties ({{ counties|length }})</a></nav>

<h2 id="coverage">Coverage: county × domain</h2>
{% if heatmap %}<div class="chart" id="coverage-chart">{{ heatmap }}</div>{% else %}<p>No county-level report yet.</p>{% endif %}

<h2 id="indicators">Indicators compared across counties</h2>
<nav><ul>{% for i in indicators %}<li><a href="#indicator-{{ i.code }}">{{ i.name }}</a></li>{% endfor %}</ul></nav>
{% for i in indicators %}<section class="item indicator" id="indicator-{{ i.code }}">
<h3>{{ i.name }} <code>{{ i.code }}</code></h3>
<p class="meta">{{ i.domain }} · unit {{ i.unit or "—" }} · {{ i.counties }} counties in {{ i.year }}</p>
<div class="chart">{{ i.chart }}</div>
<table class="league"><tr><th>rank</th><th>county</th><th>{{ i.year }} value</th><th>status</th></tr>
{% for r in i.league %}<tr><td class="num">{{ r.rank }}</td><td>{{ r.county }}</td><td class="num">{{ r.value }}</td><td>{{ r.status }}</td></tr>{% endfor %}
</table></section>{% endfor %}
{% if single %}<h3>Reported by one county only</h3><table><tr><th>indicator</th><th>county</th><th>year</th><th>value</th></tr>
{% for i in single %}{% for r in i.rows %}<tr><td>{{ i.name }} <code>{{ i.code }}</code></td><td>{{ r.region_name }}</td><td>{{ r.report_year }}</td><td class="num">{{ r.value }} {{ i.unit }}</td></tr>{% endfor %}{% endfor %}
</table>{% endif %}

<h2 id="counties">Counties: indicators over the years</h2>
<nav><ul>{% for c in counties %}<li><a href="#county-{{ c.code }}">{{ c.name }}</a></li>{% endfor %}</ul></nav>
{% for c in counties %}<section class="item county" id="county-{{ c.code }}">
<h3>{{ c.name }} <code>{{ c.code }}</code></h3>
<div class="chart">{{ c.chart }}</div>
<table><tr><th>indicator</th><th>unit</th>{% for y in c.years %}<th>{{ y }}</th>{% endfor %}</tr>
{% for r in c.rows %}<tr><td>{{ r.name }} <code>{{ r.code }}</code></td><td>{{ r.unit }}</td>{% for v in r["values"] %}<td class="num">{{ v }}</td>{% endfor %}</tr>{% endfor %}
</table></section>{% endfor %}
</body></html>
"""


def render_explorer(observations: pd.DataFrame, coverage: pd.DataFrame) -> str:
    env = Environment(autoescape=select_autoescape(["html"], default_for_string=True))
    return env.from_string(_TEMPLATE).render(generated=datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
                                             **page_data(observations, coverage))


def build_explorer(warehouse: Path, target: Path) -> Path:
    with connect(warehouse, read_only=True) as con:
        observations, coverage = county_observations(con), coverage_by_domain(con)
    target.write_text(render_explorer(observations, coverage), encoding="utf-8")
    return target
