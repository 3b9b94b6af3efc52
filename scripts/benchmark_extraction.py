"""Extraction speed on one core: documents/s and facts/s over the bundled sample reports, and over
full-length (10k-15k character) reports made by joining seed reports. Prints figures; not a test.
Run it pinned to one core: `taskset -c 0 python scripts/benchmark_extraction.py`."""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from ingest.extract.extractor import FactExtractor  # noqa: E402
from ingest.resolve.region import resolve_region  # noqa: E402
from ingest.resolve.report_year import read_report_metadata  # noqa: E402


def measure(texts: list[str], extractor: FactExtractor, repeat: int) -> tuple[float, float, float]:
    """Best-of-`repeat` timing: (documents/s, facts/s, characters/s)."""
    timings = []
    facts = 0
    for _ in range(repeat):
        start = time.perf_counter()
        facts = 0
        for text in texts:
            year = read_report_metadata(text, None, {}).report_year
            facts += len(extractor.extract(text, "bench", year))
        timings.append(time.perf_counter() - start)
    best = min(timings)
    chars = sum(len(t) for t in texts)
    return len(texts) / best, facts / best, chars / best


def main() -> None:
    extractor = FactExtractor()
    sample = [p.read_text(encoding="utf-8") for p in sorted((REPO / "data" / "reports").rglob("*.txt"))]
    seeds = [p.read_text(encoding="utf-8") for p in sorted((REPO / "data" / "reports" / "seed").glob("*.txt"))]
    # Full-length reports of 10k-15k characters (the spec's range): seed reports joined, then cut.
    joined = ["\n".join(seeds[i:] + seeds[:i]) for i in range(len(seeds))]
    full_length = [joined[i % len(joined)][:length] for i, length in enumerate(range(10000, 15001, 250))] * 5
    extractor.extract(sample[0], "warm-up", 2024)
    docs, facts, chars = measure(sample, extractor, repeat=5)
    print(f"sample corpus: {len(sample)} documents, mean {statistics.mean(map(len, sample)):.0f} chars")
    print(f"  {docs:8.1f} documents/s  {facts:9.1f} facts/s  {chars / 1e6:6.2f} M chars/s")
    docs, facts, chars = measure(full_length, extractor, repeat=3)
    print(f"full-length reports: {len(full_length)} documents, mean {statistics.mean(map(len, full_length)):.0f} chars")
    print(f"  {docs:8.1f} documents/s  {facts:9.1f} facts/s  {chars / 1e6:6.2f} M chars/s  (target >= 100 documents/s)")
    resolve_region(full_length[0])  # the region tables load once per process
    timings = []
    for text in full_length[:20]:
        start = time.perf_counter()
        resolve_region(text)
        timings.append(time.perf_counter() - start)
    print(f"region resolution of a full-length report: median {statistics.median(timings) * 1000:.1f} ms")


if __name__ == "__main__":
    main()
