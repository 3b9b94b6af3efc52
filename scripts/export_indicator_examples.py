"""Write seeds/indicator_examples.csv from the tuning gold: every annotated figure with a code, as the words
around it, its unit, kind and code. The worklist's suggestion model (ingest/classify/suggestions.py) learns
from these rows; analysts may add their own.

Only sets the project tunes on are read: the calibration sets, dev (without its held-out files) and seed,
and of those only texts that share no passage of 100 characters with a blind set's text (two calibration
texts repeat a blind report's paragraphs). The blind sets measure the suggestions too
(scripts/measure_suggestions.py). Rows whose source is not a gold file (an analyst's own) are kept as they are, after the gold rows.

    python scripts/export_indicator_examples.py            # rewrite the gold rows of the seed
    python scripts/export_indicator_examples.py --check    # exit 1 when they differ from the gold
"""

from __future__ import annotations

import argparse
import csv
import io
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # this checkout's ingest, not an installed one

from ingest.analyse.evaluation import holdout_names, load_gold  # noqa: E402
from ingest.classify.catalog import load_catalog  # noqa: E402
from ingest.classify.suggestions import EXAMPLE_COLUMNS, EXAMPLES_FILE, figure_context  # noqa: E402
from ingest.paths import REPO_ROOT, SAMPLE_REPORTS_DIR, SEEDS_DIR  # noqa: E402

GOLD_DIR = REPO_ROOT / "tests" / "gold"
SHINGLE = 100  # characters of a passage two texts share when one was cut from the other (30 or 60 also
# catch the stock phrases every report repeats)
_SPACE_RE = re.compile(r"\s+")
_GOLD_SOURCE_RE = re.compile(r"^(?:calibration\d*/[^/]+|dev__\d+|seed__[0-9a-f_]+)$")


def tuning_gold(gold_dir: Path = GOLD_DIR) -> list[tuple[str, Path, Path]]:
    """(source name, gold file, folder its texts are relative to) of every set the project tunes on whose
    text shares no passage with a blind text."""
    held_out = holdout_names(gold_dir)
    files = [(f"{p.parent.name}/{p.stem}", p, gold_dir) for p in sorted(gold_dir.glob("calibration*/*.jsonl"))]
    files += [(p.stem, p, SAMPLE_REPORTS_DIR) for group in ("dev", "seed")
              for p in sorted(gold_dir.glob(f"{group}__*.jsonl")) if p.name not in held_out]
    blind = blind_passages(gold_dir)
    kept = []
    for name, path, texts_dir in files:
        records = load_gold(path)
        text = _SPACE_RE.sub("", (texts_dir / records[0]["file"]).read_text(encoding="utf-8")) if records else ""
        if any(text[i:i + SHINGLE] in blind for i in range(0, max(0, len(text) - SHINGLE + 1), 10)):
            continue
        kept.append((name, path, texts_dir))
    return kept


def blind_passages(gold_dir: Path = GOLD_DIR) -> set[str]:
    """Every SHINGLE-character passage (spaces removed) of every blind set's texts."""
    passages: set[str] = set()
    for path in gold_dir.glob("blind*/texts/*.txt"):
        text = _SPACE_RE.sub("", path.read_text(encoding="utf-8"))
        passages.update(text[i:i + SHINGLE] for i in range(len(text) - SHINGLE + 1))
    return passages


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


def refresh(target: Path, check: bool = False) -> tuple[bool, str]:
    """Rewrite the gold rows of `target` (an analyst's rows kept after them), or with `check` only compare:
    (whether the file was up to date, a line to print)."""
    rows, dropped = example_rows()
    current = list(csv.reader(io.StringIO(target.read_text(encoding="utf-8"))))[1:] if target.is_file() else []
    own = [row for row in current if len(row) < len(EXAMPLE_COLUMNS) or not _GOLD_SOURCE_RE.match(row[-1])]
    same = [row for row in current if row not in own] == rows
    if check:
        return same, f"{target.name}: {'up to date' if same else 'differs from the tuning gold; run this script'}"
    target.write_text(render(rows + own), encoding="utf-8")
    return same, (f"{target}: {len(rows)} examples from the gold, {len({r[0] for r in rows})} codes, {len(own)} rows "
                  f"of analysts kept; {dropped} coded figures left out (their code no longer takes their unit)")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="only compare with the seed file")
    args = parser.parse_args()
    same, line = refresh(SEEDS_DIR / EXAMPLES_FILE, args.check)
    print(line)
    return 0 if same or not args.check else 1


if __name__ == "__main__":
    sys.exit(main())
