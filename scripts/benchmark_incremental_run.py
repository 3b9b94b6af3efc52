"""Wall time of `fazhi run` on one new document added to the sample warehouse (issue 6 target: under
10 s). Builds the sample warehouse in a temporary folder first (not timed), then runs the real CLI
on a new report several times, each time a different one, and prints each time and the median.
Prints figures; not a test.

    python scripts/benchmark_incremental_run.py [--runs 5]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SAMPLE = REPO / "data" / "reports"


def fazhi_run(warehouse: Path, *paths: Path) -> float:
    start = time.perf_counter()
    completed = subprocess.run([sys.executable, "-m", "ingest", "run", *map(str, paths)], cwd=REPO,
                               env={**os.environ, "FAZHI_WAREHOUSE": str(warehouse)}, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if completed.returncode != 0:
        sys.exit(f"fazhi run failed ({completed.returncode}):\n{completed.stderr}")
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    runs = parser.parse_args().runs
    seed = sorted((SAMPLE / "seed").glob("*.txt"))[0].read_text(encoding="utf-8")
    with tempfile.TemporaryDirectory(prefix="fazhi-bench-") as scratch:
        folder = Path(scratch)
        warehouse = folder / "warehouse" / "fazhi.duckdb"
        print(f"building the sample warehouse ({len(list(SAMPLE.rglob('*.txt')))} reports) ...", flush=True)
        print(f"  first run: {fazhi_run(warehouse):.1f} s")
        times = []
        for index in range(runs):
            new = folder / f"new_{index}" / "report.txt"
            new.parent.mkdir()
            # a new version of a seed county's report: new bytes, new text, one more figure
            new.write_text(seed + f"\n补充：全年新增法律援助案件{index + 11}件。\n", encoding="utf-8")
            times.append(fazhi_run(warehouse, new))
            print(f"  one new document, run {index + 1}: {times[-1]:.1f} s", flush=True)
        print(f"fazhi run on one new document: median {statistics.median(times):.1f} s, "
              f"min {min(times):.1f} s, max {max(times):.1f} s over {runs} runs (target < 10 s)")


if __name__ == "__main__":
    main()
