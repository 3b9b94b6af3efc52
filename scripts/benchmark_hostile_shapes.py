"""Extraction time and peak memory on hostile input shapes (issue 18): one 200 KB line of 10,000
figures, a 20 MB file of a million short sentences, one long sentence mixing every construct the
grammar links (分别 lists, 其中 breakdowns, ranks, unclosed quotes), and huge numerals.

Each shape runs in a fresh subprocess, which reports its own wall time, peak RSS (ru_maxrss) and
the RSS growth over an idle interpreter that has imported the extractor; "stored" is the number of
sentence characters the facts carry into raw.facts; "cpu s" is the process's CPU
time, steadier than wall time on a busy machine. Prints figures; not a test.
Usage: python scripts/benchmark_hostile_shapes.py [shape ...]"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def make_text(shape: str) -> str:
    if shape == "line_200kb":  # 20 UTF-8 bytes a figure: 10,000 figures on one line
        return "受理案件12件，" * 10_000
    if shape == "sentences_20mb":  # a million short sentences
        return "受理案件12件。" * 1_000_000
    if shape == "long_mixed_sentence":  # ~240 KB, one sentence, every linking construct
        unit = "《全市第3名，受理、办结分别为58件、43件，其中调解12件，2019年累计1名+2名，约300余人次，同比增长12.5%，"
        return "一、工作情况\n" + unit * 2_000 + "。"
    if shape == "huge_numerals":
        return ("办理案件12件，" + "9" * 400 + "件，" + "九" * 400 + "件。") * 200
    raise SystemExit(f"unknown shape {shape}")


CHILD = r"""
import json, resource, sys, time
sys.path.insert(0, {repo!r})
sys.argv = ["bench"]
from ingest.extract.extractor import FactExtractor
sys.path.insert(0, {scripts!r})
from benchmark_hostile_shapes import make_text
extractor = FactExtractor()
extractor.extract("受理案件12件。", "warm-up", 2024)
text = make_text({shape!r})
idle = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
start, cpu = time.perf_counter(), time.process_time()
facts = extractor.extract(text, "bench", 2024)
seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(json.dumps(dict(chars=len(text), facts=len(facts), seconds=seconds, cpu=cpu, peak_mb=peak / 1024,
                      growth_mb=(peak - idle) / 1024, stored=sum(len(f.sentence) for f in facts),
                      skipped=len(getattr(extractor, "last_skipped", ())))))
"""

SHAPES = ("line_200kb", "sentences_20mb", "long_mixed_sentence", "huge_numerals")


def run(shape: str, timeout: float = 900) -> dict:
    code = CHILD.format(repo=str(REPO), scripts=str(REPO / "scripts"), shape=shape)
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=timeout)
    if done.returncode:
        return {"error": done.stderr.strip().splitlines()[-1] if done.stderr.strip() else f"exit {done.returncode}"}
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    shapes = sys.argv[1:] or SHAPES
    print(f"{'shape':22} {'chars':>10} {'facts':>9} {'seconds':>8} {'cpu s':>8} {'peak MB':>8} {'+MB':>8} {'stored chars':>13} {'skipped':>7}")
    for shape in shapes:
        r = run(shape)
        if "error" in r:
            print(f"{shape:22} error: {r['error']}")
            continue
        print(f"{shape:22} {r['chars']:>10,} {r['facts']:>9,} {r['seconds']:>8.2f} {r['cpu']:>8.2f} {r['peak_mb']:>8.0f} "
              f"{r['growth_mb']:>8.0f} {r['stored']:>13,} {r['skipped']:>7}")


if __name__ == "__main__":
    main()
