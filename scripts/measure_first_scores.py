"""First scores: how the code that existed before each calibration batch landed coded that batch's figures, the
nearest thing to unseen text the tuning sets hold. For each batch the script checks out the parent of the commit
that added its gold (a git worktree), runs that code on the batch's texts and scores its codes against today's
gold; then it asks whether the worklist's learned model (ingest/classify/suggestions.py, fitted with the batch's
fold of examples held out) could tell the rule codes that were right from the wrong ones: it prints code recall
and precision after withholding every rule code whose decision value falls below each cut.

    python scripts/measure_first_scores.py                # calibration60 and later
    python scripts/measure_first_scores.py --since 90

Needs the git history (a full clone). Older batches landed with code whose interface differs: --since below 60
may fail to run their parent."""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # this checkout's ingest, not an installed one

from export_indicator_examples import GOLD_DIR  # noqa: E402
from measure_suggestions import held_out_model, set_folds  # noqa: E402

from ingest.analyse.evaluation import acceptable_codes, load_gold, matched_figures  # noqa: E402
from ingest.classify.catalog import load_catalog  # noqa: E402
from ingest.classify.suggestions import figure_context, load_examples  # noqa: E402
from ingest.paths import REPO_ROOT  # noqa: E402
from ingest.read.reader import read_document  # noqa: E402

CUTS = (-1.0, -0.8, -0.6, -0.4, -0.2, 0.0, 0.1, 0.2)
# Run by the parent commit's Python in its worktree: the facts of the texts named on the command line.
_DUMP = """
import json, sys
from pathlib import Path
from ingest.analyse.analysis import analyse
from ingest.extract.extractor import FactExtractor
from ingest.read.reader import read_document
extractor = FactExtractor()
json.dump({p: [f.to_dict() for f in analyse(read_document(Path(p)), extractor=extractor).facts] for p in sys.argv[1:]},
          sys.stdout, ensure_ascii=False)
"""


def _git(*args: str) -> str:
    return subprocess.run(["git", "-C", str(REPO_ROOT), *args], check=True, capture_output=True, text=True).stdout.strip()


def batches_by_parent(since: int) -> dict[str, list[Path]]:
    """The calibration batches numbered `since` or more, grouped by the commit before the one adding them."""
    grouped: dict[str, list[Path]] = defaultdict(list)
    for folder in sorted(GOLD_DIR.glob("calibration*"), key=lambda p: int(p.name.removeprefix("calibration") or 0)):
        if int(folder.name.removeprefix("calibration") or 0) < since:
            continue
        added = _git("log", "--diff-filter=A", "--format=%H", "--reverse", "--", str(folder.relative_to(REPO_ROOT)))
        if not added:
            continue  # not committed yet: no first score
        grouped[_git("rev-parse", f"{added.split()[0]}^")].append(folder)
    return grouped


def first_facts(commit: str, texts: list[Path], scratch: Path) -> dict[str, list[dict]]:
    """The facts the code at `commit` finds in `texts`."""
    tree = scratch / commit[:12]
    _git("worktree", "add", "--detach", str(tree), commit)
    try:
        done = subprocess.run([sys.executable, "-c", _DUMP, *map(str, texts)], check=True, capture_output=True, text=True,
                              cwd=tree, env={**os.environ, "PYTHONPATH": str(tree)})
        return json.loads(done.stdout)
    finally:
        _git("worktree", "remove", "--force", str(tree))


def scored_figures(since: int) -> list[dict]:
    """Every gold figure of the batches that the first-score code found: its batch, acceptable codes, the code
    given and its context."""
    figures = []
    with tempfile.TemporaryDirectory() as scratch:
        for commit, folders in batches_by_parent(since).items():
            golds = [(folder.name, load_gold(path)) for folder in folders for path in sorted(folder.glob("*.jsonl"))]
            golds = [(name, gold) for name, gold in golds if gold]
            texts = {gold[0]["file"]: GOLD_DIR / gold[0]["file"] for _name, gold in golds}
            facts_of = first_facts(commit, list(texts.values()), Path(scratch))
            print(f"  {commit[:7]}: {', '.join(sorted({f.name for f in folders}))}", file=sys.stderr)
            for name, gold in golds:
                path = texts[gold[0]["file"]]
                text, facts = read_document(path).text, facts_of[str(path)]
                for record, index in matched_figures(gold, facts):
                    if index is None:
                        continue
                    fact = facts[index]
                    before, after = figure_context(text, fact["start"], fact["end"])
                    figures.append(dict(batch=name, accepted=acceptable_codes(record), code=fact.get("indicator"),
                                        context=(before, after, fact["unit"] or "", fact["kind"])))
    return figures


def decision_values(figures: list[dict]) -> list[float | None]:
    """The learned model's decision value for each figure's rule code (None: uncoded, or a code the model does
    not offer for the unit), the model fitted on the examples of the other folds of batches."""
    catalog, examples = load_catalog(), load_examples()
    fold_of = set_folds(f["batch"] for f in figures)
    values: list[float | None] = [None] * len(figures)
    for fold in set(fold_of.values()):
        model = held_out_model(examples, fold_of, fold, catalog)
        chosen = [i for i, f in enumerate(figures) if fold_of[f["batch"]] == fold and f["code"]]
        for i, found in zip(chosen, model.raw_suggest([figures[i]["context"] for i in chosen], limit=10**6), strict=True):
            values[i] = dict(found).get(figures[i]["code"])
    return values


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--since", type=int, default=60, help="the first calibration batch number (default 60)")
    since = parser.parse_args().since
    figures = scored_figures(since)
    values = decision_values(figures)
    covered = sum(bool(f["accepted"]) for f in figures)
    print(f"first scores of calibration{since} and later: {len(figures)} figures found, {covered} the catalog covers")
    print(f"{'batches':<28} {'given':>6} {'right':>6} {'wrong':>6}   recall  precision")
    decades: dict[int, list[dict]] = defaultdict(list)
    for figure in figures:
        decades[int(figure["batch"].removeprefix("calibration") or 0) // 10].append(figure)
    for decade, members in sorted(decades.items()):
        _score_line(f"calibration{decade * 10}-{decade * 10 + 9}", members)
    print(f"{'withhold rule codes':<28} {'given':>6} {'right':>6} {'wrong':>6}   recall  precision")
    for cut in (None, *CUTS):
        kept = [f for f, v in zip(figures, values, strict=True) if cut is None or v is None or v >= cut]
        _score_line("none (the rules' codes)" if cut is None else f"decision value under {cut:+.1f}", kept, covered)
    return 0


def _score_line(label: str, figures: list[dict], covered: int | None = None) -> None:
    """Codes given, right and wrong among `figures`, with recall over `covered` (default: those it covers)."""
    given = [f for f in figures if f["code"]]
    right = sum(f["code"] in f["accepted"] for f in given)
    covered = sum(bool(f["accepted"]) for f in figures) if covered is None else covered
    print(f"{label:<28} {len(given):>6} {right:>6} {len(given) - right:>6}   {right / max(1, covered):.3f}   "
          f"{right / max(1, len(given)):.3f}")


if __name__ == "__main__":
    sys.exit(main())
