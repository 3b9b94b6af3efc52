"""A reproducible national corpus of county rule-of-law reports, with a truth file of planted
inconsistencies beside clean figures of the same shapes (issue 16).

    .venv/bin/python scripts/generate_corpus.py OUT_DIR [--n N] [--seed 16] [--years 2019-2024]

Default: every county-level unit of seeds/regions.csv × 2019–2024 (17,070 reports). With --n, the first
N (county, year) pairs of a seeded shuffle of the counties, each county with all its years, so
year-over-year checks have a previous report. Each report is built from the seed reports' structure
(title and issuer lines, opening, 一、主要举措和成效 with subsections, 二、存在的不足, 三、下一步工作打算,
signature): a block of core figures in sentence shapes the extractor reads, then prose paragraphs of the
seed reports with their place names mapped to the county, their years mapped in one pass and their
counts scaled. Variation: numbers (a per-county level and a ±15% yearly walk), subsections left out,
a few second versions (same year, revised wording), Traditional characters, GB18030, .docx and .html.

OUT_DIR/truth.csv: one row per checkable figure of the core block:
file, region_code, year, rule_id, status (planted | clean), snippet (text the finding's sentence contains).
Planted kinds: consistency.rate, consistency.rate_granularity, order.part_le_total,
sums.parts_exceed_total, time.yoy_change, consistency.before_after.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import io
import math
import random
import re
import sys
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SEEDS = REPO / "seeds"
SEED_REPORTS = sorted((REPO / "data" / "reports" / "seed").glob("*.txt"))

RULES = ("consistency.rate", "consistency.rate_granularity", "order.part_le_total",
         "sums.parts_exceed_total", "time.yoy_change", "consistency.before_after")
# prose of the seed reports that states what the core block states is left out: a second figure of
# the same indicator would be a conflicting statement and decide which figure the marts keep
CORE_WORDS = re.compile(r"复议|诉讼|应诉|胜诉|调解|纠纷|执法资格|考试|规范性文件|法律援助|窗口|压减|压缩")
COUNT = re.compile(r"(\d+)(?=(?:余|多)?(?:件|人次|人|次|项|个|场|份|家|条|篇|期|户|起|名))")
YEAR = re.compile(r"(?<![\d—–\-至])(20[12]\d)(?=\s*年)")  # not the end of a plan period (2021—2025年)
SENTENCE = re.compile(r"[^。！？；]*[。！？；]?")


@dataclass
class Region:
    code: str
    name: str
    short: str
    prefecture: str
    province: str


def load_counties() -> list[Region]:
    with (SEEDS / "regions.csv").open(encoding="utf-8", newline="") as handle:
        return [Region(r["region_code"], r["name"], r["short_name"] or r["name"], r["prefecture_name"],
                       r["province_name"]) for r in csv.DictReader(handle) if r["level"] == "county"]


def _region_names() -> dict[str, str]:
    """Every region name (and the seed counties' short names) → its level."""
    names: dict[str, str] = {}
    for file in ("regions.csv", "regions_extra.csv"):
        with (SEEDS / file).open(encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle):
                level = "county" if row["level"] in ("county", "functional_zone") else row["level"]
                if len(row["name"]) >= 3:
                    names[row["name"]] = level
    return names


SEED_SHORT = ("蓝山", "屈原", "长沙", "衡山", "曲沃")


def seed_paragraphs() -> tuple[list[str], list[str], list[str]]:
    """(achievement paragraphs, shortcoming paragraphs, plan paragraphs) of the seed reports, with place
    names replaced by {county}/{prefecture}/{province}/{short} slots."""
    names = _region_names()
    pattern = re.compile("|".join(sorted(map(re.escape, names), key=len, reverse=True)))
    short = re.compile("|".join(SEED_SHORT))
    slot = {"county": "{county}", "prefecture": "{prefecture}", "province": "{province}"}
    body: list[str] = []
    shortcomings: list[str] = []
    plans: list[str] = []
    for path in SEED_REPORTS:
        text = path.read_text(encoding="utf-8")
        part = body
        for line in text.splitlines():
            line = line.strip()
            if re.match(r"^[二三四]、", line) or "存在的" in line[:12] or "不足" in line[:12]:
                part = shortcomings if ("不足" in line or "问题" in line) else plans
                continue
            if "下一步" in line[:12] or "工作打算" in line[:14] or "工作计划" in line[:14]:
                part = plans
                continue
            opening = re.match(r"^\s*20\d\d\s*年", line) and ("坚持" in line[:60] or "报告如下" in line)
            if len(line) < 60 or CORE_WORDS.search(line) or "{" in line or opening:
                continue
            line = pattern.sub(lambda m: slot[names[m.group(0)]], line)
            line = short.sub("{short}", line)
            part.append(line)
    return body, shortcomings, plans


def map_years(text: str, delta: int) -> str:
    """Every year in one pass (2025→2024 and 2024→2023 applied one after the other would merge them)."""
    return YEAR.sub(lambda m: str(int(m.group(1)) + delta), text) if delta else text


def scale_counts(paragraph: str, factor: float) -> str:
    """Scale the counts of sentences with no rate, breakdown or before→after in them."""
    out = []
    for sentence in SENTENCE.findall(paragraph):
        if re.search(r"率|%|％|其中|由|占", sentence):
            out.append(sentence)
        else:
            out.append(COUNT.sub(lambda m: str(max(1, round(int(m.group(1)) * factor)))
                                 if len(m.group(1)) < 7 else m.group(1), sentence))
    return "".join(out)


# --- the core block: figures in the shapes the rules check ------------------------------------------


def _rate(k: int, n: int) -> str:
    return f"{round(k / n * 100, 1):g}"


def _grim_impossible(n: int, rng: random.Random) -> int | None:
    """An integer percentage no k/n rounds to (within half a point), or None."""
    options = [r for r in range(50, 100) if all(abs(k / n * 100 - r) > 0.6 for k in range(n + 1))]
    return rng.choice(options) if options else None


def core_block(levels: dict[str, float], walk: float, rng: random.Random, plant: str | None,
               drop: set[str]) -> tuple[list[str], list[tuple[str, str, str]]]:
    """Subsections of core figures and their truth rows (rule_id, status, snippet)."""
    truth: list[tuple[str, str, str]] = []
    parts: list[str] = []

    def n(key: str, low: int = 1) -> int:
        return max(low, round(levels[key] * walk * rng.uniform(0.93, 1.07)))

    if "reconsideration" not in drop:
        received = n("reconsideration", 12)
        accepted = max(1, received - rng.randint(0, received // 5))
        closed = max(1, accepted - rng.randint(0, accepted // 6))
        cases = n("litigation", 8)
        concluded = max(6, cases - rng.randint(0, cases // 4))
        if plant == "consistency.rate_granularity":  # few concluded cases: a rate no whole count reaches
            concluded = rng.randint(7, 19)
            cases = max(cases, concluded)
            rate = str(_grim_impossible(concluded, rng))
            status = "planted"
        else:
            rate = _rate(rng.randint(max(1, concluded * 7 // 10), concluded), concluded)
            status = "clean"
        snippet = f"审结{concluded}件，胜诉率{rate}%"
        parts.append(f"（一）行政复议与行政应诉。全年收到行政复议申请{received}件，受理{accepted}件，审结{closed}件。"
                     f"行政诉讼案件收案{cases}件，{snippet}。")
        truth.append(("consistency.rate_granularity", status, snippet))
    if "mediation" not in drop:
        total = n("mediation", 100)
        success = rng.randint(total * 85 // 100, total)
        rate = _rate(success, total)
        status = "clean"
        if plant == "consistency.rate":
            true = success / total * 100
            rate = f"{true - rng.uniform(1.5, 6.0):.1f}"
            status = "planted"
        snippet = f"调解成功{success}件，调解成功率{rate}%"
        parts.append(f"（二）矛盾纠纷化解。全县调解矛盾纠纷{total}件，{snippet}。")
        truth.append(("consistency.rate", status, snippet))
    if "exam" not in drop:
        sat = n("exam", 20)
        passed = rng.randint(sat * 3 // 4, sat)
        status = "clean"
        if plant == "order.part_le_total":
            passed = sat + rng.randint(2, max(3, sat // 5))
            status = "planted"
        snippet = f"参考{sat}人，合格{passed}人"
        parts.append(f"（三）行政执法。组织行政执法资格考试，{snippet}。")
        truth.append(("order.part_le_total", status, snippet))
    if "documents" not in drop:
        total = n("documents", 10)
        first = rng.randint(total // 2, total - 2)
        second = total - first
        status = "clean"
        if plant == "sums.parts_exceed_total":
            second = min(total - 1, second + rng.randint(3, max(4, total // 3)))
            status = "planted"
        snippet = f"其中行政规范性文件{first}件、其他文件{second}件"
        parts.append(f"（四）规范性文件监督管理。审查规范性文件{total}件，{snippet}。")
        truth.append(("sums.parts_exceed_total", status, snippet))
    if "windows" not in drop:
        before = n("windows", 30)
        after = rng.randint(before // 3, before * 9 // 10)
        cut = f"{round((before - after) / before * 100, 1):g}"
        status = "clean"
        if plant == "consistency.before_after":
            cut = f"{(before - after) / before * 100 + rng.choice((-1, 1)) * rng.uniform(3, 12):.1f}"
            status = "planted"
        snippet = f"由{before}个压缩到{after}个，压减{cut}%"
        parts.append(f"（五）政务服务。前台窗口数量{snippet}。")
        truth.append(("consistency.before_after", status, snippet))
    return parts, truth


def legal_aid_sentence(cases: int) -> tuple[str, str]:
    snippet = f"办理法律援助案件{cases}件"
    return f"（六）公共法律服务。全年{snippet}，切实维护困难群众合法权益。", snippet


# --- one report ---------------------------------------------------------------------------------------


def render(region: Region, year: int, core: list[str], body: list[str], shortcomings: list[str],
           plans: list[str], rng: random.Random) -> str:
    slots = {"county": region.name, "prefecture": region.prefecture or region.province,
             "province": region.province, "short": region.short}
    delta = year - 2024

    def fill(paragraph: str, factor: float = 1.0) -> str:
        return scale_counts(map_years(paragraph.format(**slots), delta), factor)

    factor = rng.uniform(0.6, 1.6)
    parent = region.prefecture or region.province
    self_word = "我" + (region.name[-1] if region.name[-1] in "县区市旗" else "县")
    lines = [f"{region.name}人民政府",
             f"关于{parent}{region.name}{year}年度法治政府建设情况的报告",
             "",
             f"{year}年，{self_word}坚持以习近平新时代中国特色社会主义思想为指导，深入学习贯彻习近平法治思想，"
             f"全面落实法治政府建设实施纲要，扎实推进依法行政，各项工作取得积极成效。现将有关情况报告如下：",
             "", "一、主要举措和成效", ""]
    lines += core
    lines += [fill(p, factor) for p in rng.sample(body, k=min(len(body), rng.randint(8, 16)))]
    lines += ["", "二、存在的不足", ""]
    lines += [fill(p) for p in rng.sample(shortcomings, k=min(len(shortcomings), rng.randint(1, 3)))]
    lines += ["", "三、下一步工作打算", ""]
    lines += [fill(p) for p in rng.sample(plans, k=min(len(plans), rng.randint(2, 4)))]
    lines += ["", f"{region.name}人民政府", f"{year + 1}年{rng.randint(1, 3)}月{rng.randint(1, 28)}日", ""]
    return "\n".join(lines)


def _s2t():
    from opencc import OpenCC

    return OpenCC("s2t")


def _docx_bytes(text: str) -> bytes:
    import docx

    document = docx.Document()
    for line in text.splitlines():
        document.add_paragraph(line)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _html(text: str, region: Region, year: int) -> str:
    from html import escape

    title = escape(text.splitlines()[1])
    body = "\n".join(f"<p>{escape(line)}</p>" for line in text.splitlines() if line.strip())
    return (f"<!doctype html><html><head><meta charset=\"utf-8\"><title>{title}</title></head><body>"
            f"<div class=\"nav\">首页 &gt; 政务公开 &gt; 法治政府建设</div><div class=\"article\"><h1>{title}</h1>"
            f"<div class=\"meta\">发布机构：{escape(region.name)}司法局 发布日期：{year + 1}-03-15 浏览量：123</div>"
            f"{body}</div><div class=\"footer\">主办：{escape(region.name)}人民政府 版权所有</div></body></html>")


def generate(out: Path, n: int | None = None, seed: int = 16, years: range = range(2019, 2025),
             plant_share: float = 0.09) -> dict:
    rng = random.Random(seed)
    counties = load_counties()
    rng.shuffle(counties)
    total = n if n is not None else len(counties) * len(years)
    body, shortcomings, plans = seed_paragraphs()
    s2t = None
    out.mkdir(parents=True, exist_ok=True)
    truth_rows: list[list] = []
    written = 0
    formats = {"txt": 0, "gb18030": 0, "traditional": 0, "docx": 0, "html": 0, "second_version": 0}
    for county in counties[:math.ceil(total / len(years))]:
        crng = random.Random(f"{seed}:{county.code}")
        levels = {"reconsideration": crng.uniform(15, 400), "litigation": crng.uniform(10, 200),
                  "mediation": crng.uniform(150, 5000), "exam": crng.uniform(30, 900),
                  "documents": crng.uniform(12, 120), "windows": crng.uniform(30, 200),
                  "legal_aid": crng.uniform(60, 1500)}
        walk = 1.0
        aid = levels["legal_aid"]
        jumped = False
        for index, year in enumerate(years):
            if written >= total:
                break
            walk *= crng.uniform(0.9, 1.1)
            truth: list[tuple[str, str, str]] = []
            plant = crng.choice(RULES) if crng.random() < plant_share * 6 / 5 else None
            if plant == "time.yoy_change" and (index == 0 or jumped):
                plant = None
            previous_aid = aid
            aid = aid * crng.uniform(0.88, 1.13)
            if plant == "time.yoy_change":
                factor = crng.uniform(4.5, 7.0)
                # a drop only where it stays a drop of x4.5 above the rule's floor (yoy_min_value 20, and
                # figures here are at least 25): 74 → 25 would be x2.96, not a planted jump
                aid = previous_aid / factor if previous_aid / factor >= 25 and crng.random() < 0.5 else previous_aid * factor
                jumped = True
            drop = {name for name in ("reconsideration", "mediation", "exam", "documents", "windows")
                    if crng.random() < 0.06}
            if plant and plant != "time.yoy_change":
                drop.discard({"consistency.rate_granularity": "reconsideration", "consistency.rate": "mediation",
                              "order.part_le_total": "exam", "sums.parts_exceed_total": "documents",
                              "consistency.before_after": "windows"}[plant])
            core, truth = core_block(levels, walk, crng, plant, drop)
            aid_line, aid_snippet = legal_aid_sentence(max(25, round(aid)))
            core.append(aid_line)
            if index > 0:
                truth.append(("time.yoy_change", "planted" if plant == "time.yoy_change" else "clean", aid_snippet))
            text = render(county, year, core, body, shortcomings, plans, crng)
            variants = [(text, "")]
            if crng.random() < 0.02:  # a second version: revised wording, same figures
                variants.append((text.replace("现将有关情况报告如下：", "现将有关情况报告如下（修订稿）：", 1), "_v2"))
                formats["second_version"] += 1
            kind = crng.random()
            for content, suffix in variants:
                stem = hashlib.sha1(f"{county.code}:{year}{suffix}".encode()).hexdigest()[:12]
                folder = out / str(year) / county.code[:2]
                folder.mkdir(parents=True, exist_ok=True)
                snippets = truth
                if kind < 0.03:  # a Traditional-character mirror page
                    s2t = s2t or _s2t()
                    content = s2t.convert(content)
                    snippets = [(r, s, s2t.convert(sn)) for r, s, sn in truth]
                    path, data = folder / f"{stem}.txt", content.encode("utf-8")
                    formats["traditional"] += 1
                elif kind < 0.08:
                    path, data = folder / f"{stem}.txt", content.encode("gb18030")
                    formats["gb18030"] += 1
                elif kind < 0.11:
                    path, data = folder / f"{stem}.docx", _docx_bytes(content)
                    formats["docx"] += 1
                elif kind < 0.14:
                    path, data = folder / f"{stem}.html", _html(content, county, year).encode("utf-8")
                    formats["html"] += 1
                else:
                    path, data = folder / f"{stem}.txt", content.encode("utf-8")
                    formats["txt"] += 1
                path.write_bytes(data)
                if not suffix:
                    for rule_id, status, snippet in snippets:
                        truth_rows.append([str(path.relative_to(out)), county.code, year, rule_id, status, snippet])
            written += 1
    with (out / "truth.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["file", "region_code", "year", "rule_id", "status", "snippet"])
        writer.writerows(truth_rows)
    planted = sum(1 for row in truth_rows if row[4] == "planted")
    return {"reports": written, "planted": planted, "clean": len(truth_rows) - planted, **formats}


def parse_years(value: str) -> range:
    first, _, last = value.partition("-")
    return range(int(first), int(last or first) + 1)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--n", type=int, default=None, help="reports (default: every county × every year)")
    parser.add_argument("--seed", type=int, default=16)
    parser.add_argument("--years", type=parse_years, default=range(2019, 2025))
    args = parser.parse_args()
    if args.out.exists() and any(args.out.iterdir()):
        sys.exit(f"{args.out} is not empty")
    stats = generate(args.out, args.n, args.seed, args.years)
    print(" · ".join(f"{k}: {v}" for k, v in stats.items()))


if __name__ == "__main__":
    main()
