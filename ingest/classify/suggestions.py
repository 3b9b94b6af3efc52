"""Codes suggested for a figure the rules leave uncoded, learned from annotated figures
(seeds/indicator_examples.csv): the ranked list an analyst works from in `fazhi catalog unmapped`.

The rules (catalog.py) decide a figure's code; this model never does: written to code figures, its best
guesses were right too seldom for that (about 85% at the strictest useful cut, on batches scored before any
tuning). As a ranking it beats the names-and-aliases scorer (catalog.best_candidates): for covered figures
the rules left uncoded, its first suggestion was acceptable for about 64% and one of its three for 88%
(tuning sets, whole sets held out), against 32% and 55% (scripts/measure_suggestions.py prints both, also
on the blind sets)."""

from __future__ import annotations

import math
import re
import warnings
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from ingest.classify.seed_rows import CatalogError, records
from ingest.paths import SEEDS_DIR

EXAMPLES_FILE = "indicator_examples.csv"
EXAMPLE_COLUMNS = ("code", "unit", "kind", "before", "after", "source")
# The context a figure is known by: the words of its clause before it and right after it. The words
# nearest the figure say most (a TF-IDF block of their own); the whole stretch adds the action and the body.
BEFORE_CHARS = 30
NEAR_CHARS = 12
AFTER_CHARS = 10
CONTEXT_CHARS = 2 * BEFORE_CHARS  # how much text on either side of a figure figure_context() needs
_CLAUSE_END_RE = re.compile(r"[。；;！？!?\n]")
# A decision value d becomes the score 1 / (1 + exp(-(SCORE_SLOPE * d + SCORE_INTERCEPT))): a logistic curve
# fitted to whether held-out suggestions were acceptable (scripts/measure_suggestions.py prints the fit), so a
# score of 0.7 means about 70 of 100 suggestions so scored were acceptable.
SCORE_SLOPE = 3.678
SCORE_INTERCEPT = 0.966


@dataclass(frozen=True)
class Example:
    code: str
    unit: str
    kind: str
    before: str
    after: str
    source: str = ""  # where it was annotated (a gold set and file, or an analyst's note)


def figure_context(text: str, start: int, end: int) -> tuple[str, str]:
    """The words before a figure (back to the start of its clause, at most BEFORE_CHARS) and after it (to
    the end of its clause, at most AFTER_CHARS); `text[start:end]` is the figure."""
    before = text[max(0, start - CONTEXT_CHARS):start]
    ends = [m.end() for m in _CLAUSE_END_RE.finditer(before)]
    before = before[ends[-1]:] if ends else before
    after = text[end:end + CONTEXT_CHARS]
    stop = _CLAUSE_END_RE.search(after)
    after = after[:stop.start()] if stop else after
    return before.strip()[-BEFORE_CHARS:], after.strip()[:AFTER_CHARS]


def load_examples(seeds_dir: Path = SEEDS_DIR) -> list[Example]:
    """The annotated figures of seeds/indicator_examples.csv (none when the file is missing). Every run's
    seed checks name each bad row; here only a file the model cannot read at all is an error."""
    path = seeds_dir / EXAMPLES_FILE
    examples = []
    for line, row in records(path):
        missing = [name for name in EXAMPLE_COLUMNS[:5] if name not in row]
        if missing:
            raise CatalogError(f"{path.name} line {line}: no column {', '.join(missing)} (needs {', '.join(EXAMPLE_COLUMNS)})")
        examples.append(Example(row["code"], row["unit"], row["kind"], row["before"], row["after"], row.get("source", "")))
    return examples


class SuggestionModel:
    """A linear classifier (scikit-learn LinearSVC) over character n-grams of a figure's context, its unit
    and its kind, fitted on the examples. Character n-grams need no word segmentation, which the short
    clauses of these reports defeat; a linear model fits a few thousand examples in seconds."""

    def __init__(self, examples: Sequence[Example], units: dict[str, frozenset[str]],
                 ranks: dict[str, bool]) -> None:
        from sklearn.feature_extraction.text import TfidfVectorizer
        from sklearn.svm import LinearSVC

        self._units = units
        self._ranks = ranks
        usable = [e for e in examples if e.code in units]
        self._vectorizers = [
            TfidfVectorizer(analyzer="char", ngram_range=(1, 3), sublinear_tf=True),
            TfidfVectorizer(analyzer="char", ngram_range=(2, 3), sublinear_tf=True, min_df=2),
            TfidfVectorizer(analyzer="char", ngram_range=(1, 2), sublinear_tf=True, min_df=2),
            TfidfVectorizer(analyzer=_unit_tokens),
        ]
        self._model = None
        if len({e.code for e in usable}) < 2 or len(usable) < 4:
            return  # nothing to learn from: suggest() answers []
        try:
            matrix = self._features([(e.before, e.after, e.unit, e.kind) for e in usable], fit=True)
        except ValueError:  # a few short examples leave a block without any n-gram seen twice: nothing to learn
            return
        model = LinearSVC(C=0.5, random_state=0, max_iter=5000)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # a convergence notice changes no ranking an analyst reads
            model.fit(matrix, [e.code for e in usable])
        self._model = model

    def _features(self, contexts: Sequence[tuple[str, str, str, str]], fit: bool = False):  # noqa: ANN202
        from scipy.sparse import hstack

        columns = ([before[-NEAR_CHARS:] for before, _a, _u, _k in contexts],
                   [before[-BEFORE_CHARS:] for before, _a, _u, _k in contexts],
                   [after[:AFTER_CHARS] for _b, after, _u, _k in contexts],
                   [f"{unit}|{kind}" for _b, _a, unit, kind in contexts])
        blocks = [(v.fit_transform(c) if fit else v.transform(c)) for v, c in zip(self._vectorizers, columns, strict=True)]
        return hstack(blocks).tocsr()

    def suggest(self, contexts: Sequence[tuple[str, str, str | None, str]],
                limit: int = 3) -> list[list[tuple[str, float]]]:
        """For each (before, after, unit, kind): up to `limit` codes taking the unit (rank indicators for a
        rank, the others otherwise), best first, with a score 0-1: the share of suggestions so scored that
        were acceptable on tuning sets held out (see SCORE_SLOPE)."""
        return [[(code, round(suggestion_score(value), 3)) for code, value in found]
                for found in self.raw_suggest(contexts, limit)]

    def raw_suggest(self, contexts: Sequence[tuple[str, str, str | None, str]],
                    limit: int = 3) -> list[list[tuple[str, float]]]:
        """suggest() with the model's decision values (above 0: it would pick the code) for scores."""
        if self._model is None or not contexts:
            return [[] for _ in contexts]
        scores = self._model.decision_function(self._features([(b, a, u or "", k) for b, a, u, k in contexts]))
        classes = list(self._model.classes_)
        if scores.ndim == 1:  # two codes: one decision value, for the second
            scores = [(-s, s) for s in scores]
        found = []
        for (_b, _a, unit, kind), row in zip(contexts, scores, strict=True):
            allowed = [i for i, code in enumerate(classes)
                       if (unit or "") in self._units[code] and self._ranks.get(code, False) == (kind == "rank")]
            best = sorted(allowed, key=lambda i: -row[i])[:limit]
            found.append([(classes[i], float(row[i])) for i in best])
        return found


def suggestion_score(decision_value: float) -> float:
    """The calibrated 0-1 score of a decision value (see SCORE_SLOPE)."""
    return 1.0 / (1.0 + math.exp(-(SCORE_SLOPE * decision_value + SCORE_INTERCEPT)))


def _unit_tokens(text: str) -> list[str]:
    """The unit with the kind, and the unit alone ("件|count", "件")."""
    return [text, text.split("|", 1)[0]]
