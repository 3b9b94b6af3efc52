"""The national corpus on one machine (issue 16): time and peak memory of each stage of `fazhi run` for
N = 1k, 5k and 17k generated reports, the findings, and how many planted inconsistencies were found.
Prints figures; not a test.

    .venv/bin/python scripts/benchmark_scale.py [--n 1000,5000,17070] [--work /tmp/fazhi-scale]

For each N: generates the corpus (scripts/generate_corpus.py, reused when present), runs the real CLI
(`python -m ingest run CORPUS`) on a fresh warehouse with $FAZHI_TIMINGS set (each stage notes its wall
time), and samples /proc every 0.1 s for the resident memory and CPU time of every process of the run
(the CLI, its extraction workers, the dbt child). Then: findings by severity, planted inconsistencies
found / missed and findings on clean planted figures (truth.csv), one new report into the N warehouse
(the incremental path), and the size of the data-quality report's summary page.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "scripts"))

import duckdb  # noqa: E402
import generate_corpus  # noqa: E402
import pandas as pd  # noqa: E402

PY = str(REPO / ".venv" / "bin" / "python") if (REPO / ".venv" / "bin" / "python").exists() else sys.executable
PAGE = os.sysconf("SC_PAGE_SIZE")
TICK = os.sysconf("SC_CLK_TCK")
STAGE_ORDER = ["read+extract+load", "load (batched writes)", "dbt models+export", "checks (GX)", "dbt tests (rest)",
               "findings write", "report", "publish"]


class TreeSampler(threading.Thread):
    """Resident memory and CPU time of a process and all its descendants, sampled from /proc."""

    def __init__(self, root: int, interval: float = 0.1) -> None:
        super().__init__(daemon=True)
        self.root, self.interval = root, interval
        self.samples: list[tuple[float, int, int, float]] = []  # (time, largest rss, total rss, cumulative cpu s)
        self.cpu_seen: dict[int, float] = {}
        self.peak_by_command: dict[str, int] = {}
        self.stopped = threading.Event()

    def _tree(self) -> list[int]:
        children: dict[int, list[int]] = {}
        for entry in os.listdir("/proc"):
            if entry.isdigit():
                try:
                    with open(f"/proc/{entry}/stat", "rb") as handle:
                        fields = handle.read().rsplit(b")", 1)[1].split()
                    children.setdefault(int(fields[1]), []).append(int(entry))
                except (OSError, IndexError):
                    pass
        tree, todo = [], [self.root]
        while todo:
            pid = todo.pop()
            tree.append(pid)
            todo.extend(children.get(pid, []))
        return tree

    def run(self) -> None:
        while not self.stopped.is_set():
            largest = total = 0
            for pid in self._tree():
                try:
                    with open(f"/proc/{pid}/stat", "rb") as handle:
                        fields = handle.read().rsplit(b")", 1)[1].split()
                    with open(f"/proc/{pid}/cmdline", "rb") as handle:
                        command = handle.read().replace(b"\0", b" ")[:80].decode(errors="replace")
                except OSError:
                    continue
                rss = int(fields[21]) * PAGE
                self.cpu_seen[pid] = (int(fields[11]) + int(fields[12])) / TICK
                largest, total = max(largest, rss), total + rss
                kind = ("dbt child" if "dbt_worker" in command else "extraction worker" if "multiprocessing" in command
                        or "forkserver" in command else "fazhi (main)" if "ingest" in command else command[:30])
                self.peak_by_command[kind] = max(self.peak_by_command.get(kind, 0), rss)
            self.samples.append((time.time(), largest, total, sum(self.cpu_seen.values())))
            time.sleep(self.interval)

    def window(self, start: float, end: float) -> tuple[int, float]:
        """(largest single-process rss, tree cpu seconds) between start and end."""
        inside = [s for s in self.samples if start <= s[0] <= end + self.interval]
        before = [s for s in self.samples if s[0] <= start]
        if not inside:
            return 0, 0.0
        cpu0 = before[-1][3] if before else 0.0
        return max(s[1] for s in inside), inside[-1][3] - cpu0


def fazhi_run(warehouse: Path, paths: list[Path], timings: Path) -> tuple[float, TreeSampler, subprocess.CompletedProcess]:
    env = {**os.environ, "FAZHI_WAREHOUSE": str(warehouse), "FAZHI_TIMINGS": str(timings)}
    start = time.time()
    process = subprocess.Popen([PY, "-m", "ingest", "run", *map(str, paths)], cwd=REPO, env=env,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    sampler = TreeSampler(process.pid)
    sampler.start()
    out, err = process.communicate()
    elapsed = time.time() - start
    sampler.stopped.set()
    sampler.join()
    completed = subprocess.CompletedProcess(process.args, process.returncode, out, err)
    if process.returncode not in (0, 1):
        sys.exit(f"fazhi run failed ({process.returncode}):\n{out[-3000:]}\n{err[-3000:]}")
    return elapsed, sampler, completed


def truth_scores(warehouse: Path, truth_file: Path) -> dict:
    truth = pd.read_csv(truth_file, dtype={"region_code": str})
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        con.register("truth", truth)
        rows = con.execute("""
            select t.rule_id, t.status, count(*) as figures,
                   count(*) filter (where exists (
                       select 1 from quality.dq_findings f
                       where f.rule_id = t.rule_id and f.region_code = t.region_code and f.report_year = t.year
                         and strpos(f.sentence, t.snippet) > 0)) as flagged
            from truth t group by all order by all""").df()
        severity = dict(con.execute("select severity, count(*) from quality.dq_findings group by all").fetchall())
        documents = con.execute("select count(*) from raw.documents").fetchone()[0]
        facts = con.execute("select count(*) from raw.facts").fetchone()[0]
    finally:
        con.close()
    planted = rows[rows.status == "planted"]
    clean = rows[rows.status == "clean"]
    return {"by_rule": rows, "severity": severity, "documents": documents, "facts": facts,
            "planted": int(planted.figures.sum()), "found": int(planted.flagged.sum()),
            "clean": int(clean.figures.sum()), "false": int(clean.flagged.sum())}


def read_timings(path: Path) -> dict[str, dict]:
    stages: dict[str, dict] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        stages[record["stage"]] = record
    return stages


def new_report(folder: Path, seed: int) -> Path:
    """A report no corpus holds: a 2025 report of a random county."""
    rng = random.Random(seed)
    county = rng.choice(generate_corpus.load_counties())
    body, shortcomings, plans = generate_corpus.seed_paragraphs()
    levels = {k: rng.uniform(30, 300) for k in ("reconsideration", "litigation", "mediation", "exam", "documents",
                                                  "windows")}
    core, _ = generate_corpus.core_block(levels, 1.0, rng, None, set())
    core.append(generate_corpus.legal_aid_sentence(rng.randint(50, 500))[0])
    text = generate_corpus.render(county, 2025, core, body, shortcomings, plans, rng)
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"new_{seed}.txt"
    path.write_text(text, encoding="utf-8")
    return path


def page_open_seconds(page: Path) -> str:
    """How long headless Chromium takes to load `page` (navigation start to load event), or why not measured."""
    chromedriver = shutil.which("chromedriver") or "/usr/bin/chromedriver"
    if not Path(chromedriver).exists():
        return "not measured (no chromedriver)"
    import tempfile

    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    os.environ["SE_OFFLINE"] = "true"
    options = webdriver.ChromeOptions()
    options.binary_location = shutil.which("chromium") or "/usr/bin/chromium"
    with tempfile.TemporaryDirectory() as profile:
        for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", f"--user-data-dir={profile}"):
            options.add_argument(flag)
        driver = webdriver.Chrome(service=Service(chromedriver), options=options)
        try:
            driver.get(page.as_uri())
            milliseconds = driver.execute_script(
                "var t = performance.timing; return t.loadEventEnd - t.navigationStart")
            charts = len(driver.find_elements("css selector", "svg.chart"))
        finally:
            driver.quit()
    return f"{milliseconds / 1000:.2f} s ({charts} charts)"


def mb(value: int) -> str:
    return f"{value / 2**20:,.0f} MB"


def bench(n: int, work: Path, keep: bool) -> dict:
    corpus = work / f"corpus-{n}"
    if not (corpus / "truth.csv").exists():
        shutil.rmtree(corpus, ignore_errors=True)
        started = time.time()
        stats = generate_corpus.generate(corpus, n)
        print(f"  generated {stats['reports']} reports in {time.time() - started:.0f} s: "
              + " · ".join(f"{k} {v}" for k, v in stats.items() if k != "reports"), flush=True)
    base = work / f"warehouse-{n}"
    shutil.rmtree(base, ignore_errors=True)
    warehouse = base / "fazhi.duckdb"
    timings = base.with_suffix(".timings.jsonl")
    timings.unlink(missing_ok=True)
    elapsed, sampler, completed = fazhi_run(warehouse, [corpus], timings)
    stages = read_timings(timings)
    print(f"\nN = {n}: fazhi run end to end {elapsed:.1f} s (exit {completed.returncode}); "
          f"peak memory of any process {mb(max(s[1] for s in sampler.samples))}, "
          f"of the whole process tree {mb(max(s[2] for s in sampler.samples))}")
    print(f"  {'stage':24s} {'wall s':>8s} {'cpu s':>8s} {'peak rss (one process)':>24s}")
    for name in STAGE_ORDER + [s for s in stages if s not in STAGE_ORDER]:
        if name in stages:
            record = stages[name]
            peak, cpu = sampler.window(record["start"], record["end"])
            cpu_text = f"{cpu:8.1f}" if name != "load (batched writes)" else "       –"
            print(f"  {name:24s} {record['seconds']:8.1f} {cpu_text} {mb(peak):>24s}")
    print("  peak rss by process: " + ", ".join(f"{k} {mb(v)}" for k, v in sorted(sampler.peak_by_command.items())))
    scores = truth_scores(warehouse, corpus / "truth.csv")
    print(f"  documents {scores['documents']:,} · facts {scores['facts']:,} · findings "
          + " · ".join(f"{scores['severity'].get(s, 0):,} {s}" for s in ("error", "warning", "info")))
    found_share = scores["found"] / scores["planted"] if scores["planted"] else 0
    false_share = scores["false"] / scores["clean"] if scores["clean"] else 0
    print(f"  planted inconsistencies: {scores['planted']:,}; found {scores['found']:,} ({found_share:.1%}), "
          f"missed {scores['planted'] - scores['found']:,}; findings on {scores['clean']:,} clean planted figures: "
          f"{scores['false']:,} ({false_share:.2%})")
    for row in scores["by_rule"].itertuples():
        print(f"    {row.rule_id:30s} {row.status:8s} {row.flagged:6,d} flagged of {row.figures:7,d}")
    summary = base / "dq_report" / "index.html"
    pages = list((base / "dq_report").rglob("*.html"))
    size = sum(p.stat().st_size for p in pages if "gx" not in p.parts)
    print(f"  data-quality report: summary page {summary.stat().st_size / 1e6:.2f} MB, "
          f"{len(pages)} html files ({size / 1e6:.1f} MB without GX Data Docs); "
          f"opens in headless Chromium in {page_open_seconds(summary)}")
    summary_mb = summary.stat().st_size / 1e6  # the warehouse folder may be removed below
    # the incremental path: one new report into the N warehouse
    incremental = []
    for index in range(2):
        timings.unlink(missing_ok=True)
        seconds, inc_sampler, _ = fazhi_run(warehouse, [new_report(work / f"new-{n}", n * 10 + index)], timings)
        incremental.append(seconds)
        inc_stages = read_timings(timings)
        print(f"  one new report into the {n:,} warehouse: {seconds:.1f} s ("
              + ", ".join(f"{k} {v['seconds']:.1f}" for k, v in inc_stages.items()) + f"); "
              f"peak memory {mb(max(s[1] for s in inc_sampler.samples))}")
    if not keep:
        shutil.rmtree(base, ignore_errors=True)
    return {"n": n, "seconds": elapsed, "peak": max(s[1] for s in sampler.samples), "found": found_share,
            "false": false_share, "incremental": min(incremental), "summary_mb": summary_mb}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", default="1000,5000,17070", help="comma-separated corpus sizes")
    parser.add_argument("--work", type=Path, default=Path("/tmp/fazhi-scale"))
    parser.add_argument("--keep", action="store_true", help="keep the warehouses")
    args = parser.parse_args()
    args.work.mkdir(parents=True, exist_ok=True)
    print(f"{os.cpu_count()} cores; load average {os.getloadavg()[0]:.1f} at the start (other work on the machine "
          "slows every figure)", flush=True)
    results = [bench(int(n), args.work, args.keep) for n in args.n.split(",")]
    print("\nsummary (targets: 17k end to end <= 180 s, peak <= 2048 MB, found >= 99%, false <= 1%, "
          "one new report <= 15 s, summary page < 2 MB)")
    for r in results:
        print(f"  N={r['n']:>6,}: {r['seconds']:6.1f} s · peak {mb(r['peak'])} · found {r['found']:.1%} · "
              f"false {r['false']:.2%} · one new report {r['incremental']:.1f} s · summary {r['summary_mb']:.2f} MB")


if __name__ == "__main__":
    main()
