"""How often the worklist's suggestions (`fazhi catalog unmapped`) hold an acceptable code, for the figures
the rules leave uncoded (and no decision withholds): the example-trained model (ingest/classify/suggestions.py)
beside the names-and-aliases scorer (IndicatorCatalog.best_candidates).

Tuning sets: five folds of whole sets (a calibration batch, or one dev or seed file); each fold's figures
are suggested by a model fitted on the examples of the other folds. Blind sets: a model fitted on every example (the
blind sets give none). Prints the share of figures whose first suggestion, and whose three, hold an
acceptable code.

    python scripts/measure_suggestions.py
"""

from __future__ import annotations

import sys
import zlib
from collections.abc import Iterable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # this checkout's ingest, not an installed one

from export_indicator_examples import GOLD_DIR, tuning_gold  # noqa: E402

from ingest.analyse.analysis import analyse  # noqa: E402
from ingest.analyse.evaluation import acceptable_codes, load_gold, matched_figures  # noqa: E402
from ingest.classify.catalog import IndicatorCatalog, load_catalog  # noqa: E402
from ingest.classify.code_status import DECIDED  # noqa: E402
from ingest.classify.suggestions import (  # noqa: E402
    Example,
    SuggestionModel,
    figure_context,
    load_examples,
    suggestion_score,
)
from ingest.extract.extractor import FactExtractor  # noqa: E402
from ingest.read.reader import read_document  # noqa: E402

FOLDS = 5


def set_folds(sets: Iterable[str]) -> dict[str, int]:
    """Each gold set's fold: a set's figures are held out together."""
    return {s: zlib.crc32(s.encode()) % FOLDS for s in sets}


def held_out_model(examples: list[Example], folds: dict[str, int], fold: int, catalog: IndicatorCatalog) -> SuggestionModel:
    """A model fitted on the examples of every set outside `fold` (and of sets no fold lists)."""
    return SuggestionModel([e for e in examples if folds.get(e.source.split("/")[0]) != fold], catalog.units, catalog.is_rank)


def uncoded_figures(files: list[tuple[str, Path, Path]]) -> list[tuple[str, dict, set[str]]]:
    """(set name, context, acceptable codes) of every covered gold figure the extractor finds and leaves
    uncoded by no decision."""
    extractor, found = FactExtractor(), []
    for source, path, texts_dir in files:
        gold = load_gold(path)
        if not gold:
            continue
        document = read_document(texts_dir / gold[0]["file"])
        facts = [f.to_dict() for f in analyse(document, extractor=extractor).facts]
        for record, index in matched_figures(gold, facts):
            accepted = acceptable_codes(record)
            if index is None or not accepted or facts[index]["indicator"] or facts[index]["code_status"] in DECIDED:
                continue
            fact = facts[index]
            before, after = figure_context(document.text, fact["start"], fact["end"])
            found.append((source.split("/")[0], dict(before=before, after=after, unit=fact["unit"], kind=fact["kind"],
                                                     measure=fact["measure"] or ""), accepted))
    return found


def hits(suggested: list[list[str]], accepted: list[set[str]]) -> tuple[float, float]:
    n = max(1, len(accepted))
    return (sum(bool(s) and s[0] in a for s, a in zip(suggested, accepted, strict=True)) / n,
            sum(any(c in a for c in s) for s, a in zip(suggested, accepted, strict=True)) / n)


def report(label: str, figures: list[tuple[str, dict, set[str]]], model_codes: list[list[str]]) -> None:
    catalog = load_catalog()
    names = [[c for c, _ in catalog.best_candidates(f["measure"], f["unit"], limit=3, rank=f["kind"] == "rank")]
             for _s, f, _a in figures]
    accepted = [a for _s, _f, a in figures]
    m1, m3 = hits(model_codes, accepted)
    n1, n3 = hits(names, accepted)
    print(f"{label:<28} {len(figures):>6}   {m1:.3f}  {m3:.3f}   {n1:.3f}  {n3:.3f}")


def calibrate(margins: list[tuple[float, bool]]) -> None:
    """The logistic curve from a decision value to the share of suggestions that are acceptable (the
    constants SCORE_SLOPE and SCORE_INTERCEPT of ingest/classify/suggestions.py), and how well the
    calibrated score agrees with the held-out outcomes."""
    from sklearn.linear_model import LogisticRegression

    fit = LogisticRegression().fit([[v] for v, _ in margins], [ok for _, ok in margins])
    print(f"calibration over {len(margins)} held-out suggestions: slope {fit.coef_[0][0]:.3f}, "
          f"intercept {fit.intercept_[0]:.3f}")
    score_bins(margins)


def score_bins(margins: list[tuple[float, bool]]) -> None:
    """The share of acceptable suggestions by band of the score they were given."""
    for low, high in ((0, 0.2), (0.2, 0.4), (0.4, 0.6), (0.6, 0.8), (0.8, 1.01)):
        inside = [ok for v, ok in margins if low <= suggestion_score(v) < high]
        if inside:
            print(f"  score {low:.1f}-{min(high, 1):.1f}: {len(inside):>5} suggestions, {sum(inside) / len(inside):.3f} acceptable")


def main() -> int:
    catalog = load_catalog()
    examples = load_examples()
    print(f"{'figures left uncoded':<28} {'count':>6}   model top1/top3   names top1/top3")
    tuning = uncoded_figures(tuning_gold())
    fold_of = set_folds(s for s, _f, _a in tuning)
    codes: list[list[str]] = [[] for _ in tuning]
    margins: list[tuple[float, bool]] = []  # (decision value, acceptable) of every held-out suggestion
    for fold in range(FOLDS):
        model = held_out_model(examples, fold_of, fold, catalog)
        chosen = [i for i, (s, _f, _a) in enumerate(tuning) if fold_of[s] == fold]
        for i, found in zip(chosen, model.raw_suggest([(tuning[i][1]["before"], tuning[i][1]["after"], tuning[i][1]["unit"],
                                                        tuning[i][1]["kind"]) for i in chosen]), strict=True):
            codes[i] = [c for c, _ in found]
            margins += [(value, code in tuning[i][2]) for code, value in found]
    report("tuning sets (sets held out)", tuning, codes)
    calibrate(margins)
    blind_files = [(f"{p.parent.name}/{p.stem}", p, GOLD_DIR) for p in sorted(GOLD_DIR.glob("blind*/*.jsonl"))]
    blind = uncoded_figures(blind_files)
    model = SuggestionModel(examples, catalog.units, catalog.is_rank)
    found = model.raw_suggest([(f["before"], f["after"], f["unit"], f["kind"]) for _s, f, _a in blind])
    report("blind sets", blind, [[c for c, _ in x] for x in found])
    score_bins([(value, code in accepted) for (_s, _f, accepted), x in zip(blind, found, strict=True) for code, value in x])
    return 0


if __name__ == "__main__":
    sys.exit(main())
