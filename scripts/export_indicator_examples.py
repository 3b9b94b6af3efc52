"""Write seeds/indicator_examples.csv from the tuning gold: every annotated figure with a code, as the words
around it, its unit, kind and code. The worklist's suggestion model (ingest/classify/suggestions.py) learns
from these rows; analysts may add their own.

Only sets the project tunes on are read: the calibration sets, dev (without its held-out files) and seed.
The blind sets are never read: they measure the suggestions too (scripts/measure_suggestions.py).

    python scripts/export_indicator_examples.py            # rewrite the seed
    python scripts/export_indicator_examples.py --check    # exit 1 when the seed differs from the gold
"""

from __future__ import annotations

import argparse
import csv
import io
import sys
from pathlib import Path

from ingest.analyse.evaluation import holdout_names, load_gold
from ingest.classify.catalog import load_catalog
from ingest.classify.suggestions import EXAMPLE_COLUMNS, EXAMPLES_FILE, figure_context
from ingest.paths import REPO_ROOT, SAMPLE_REPORTS_DIR, SEEDS_DIR

GOLD_DIR = REPO_ROOT / "tests" / "gold"


def tuning_gold(gold_dir: Path = GOLD_DIR) -> list[tuple[str, Path, Path]]:
    """(source name, gold file, folder its texts are relative to) of every set the project tunes on."""
    held_out = holdout_names(gold_dir)
    files = [(f"{p.parent.name}/{p.stem}", p, gold_dir) for p in sorted(gold_dir.glob("calibration*/*.jsonl"))]
    files += [(p.stem, p, SAMPLE_REPORTS_DIR) for group in ("dev", "seed")
              for p in sorted(gold_dir.glob(f"{group}__*.jsonl")) if p.name not in held_out]
    assert not any("blind" in name for name, _p, _d in files)
    return files


def example_rows(gold_dir: Path = GOLD_DIR) -> tuple[list[list[str]], int]:
    """The seed's rows (sorted) and how many coded figures were left out because their code no longer
    takes their unit."""
    units = load_catalog().units
    rows, dropped = [], 0
    for source, path, texts_dir in tuning_gold(gold_dir):
        texts: dict[str, str] = {}
        for record in load_gold(path):
            codes = record.get("indicators", [record.get("indicator")] if record.get("indicator") else [])
            code = record.get("indicator") if record.get("indicator") in codes else (codes or [None])[0]
            if not code:
                continue
            if record["unit"] not in units.get(code, ()):
                dropped += 1
                continue
            if record["file"] not in texts:
                texts[record["file"]] = (texts_dir / record["file"]).read_text(encoding="utf-8")
            before, after = figure_context(texts[record["file"]], record["start"], record["end"])
            if not before and not after:  # a figure alone on its line (a table cell): no words to learn from
                continue
            rows.append([code, record["unit"], record.get("kind") or "count", before, after, source])
    return sorted(rows), dropped


def render(rows: list[list[str]]) -> str:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows([list(EXAMPLE_COLUMNS), *rows])
    return buffer.getvalue()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="only compare with the seed file")
    args = parser.parse_args()
    rows, dropped = example_rows()
    text, target = render(rows), SEEDS_DIR / EXAMPLES_FILE
    if args.check:
        same = target.is_file() and target.read_text(encoding="utf-8") == text
        print(f"{target.name}: {'up to date' if same else 'differs from the tuning gold; run this script'}")
        return 0 if same else 1
    target.write_text(text, encoding="utf-8")
    print(f"{target}: {len(rows)} examples, {len({r[0] for r in rows})} codes; "
          f"{dropped} coded figures left out (their code no longer takes their unit)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
