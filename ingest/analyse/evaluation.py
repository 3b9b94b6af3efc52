"""Extractor against gold annotations: detection P/R/F1, value+unit+qualifier, indicator accuracy, and
code recall, code precision and catalog coverage against the codes an expert accepts for each figure."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from ingest.analyse.analysis import analyse
from ingest.extract.extractor import FactExtractor
from ingest.read.reader import read_document


@dataclass
class Scores:
    documents: int = 0
    gold: int = 0
    predicted: int = 0
    matched: int = 0
    value_unit_qualifier_ok: int = 0
    indicator_ok: int = 0
    misses: list[str] = field(default_factory=list)
    spurious: list[str] = field(default_factory=list)
    wrong_values: list[str] = field(default_factory=list)
    wrong_indicators: list[str] = field(default_factory=list)
    covered: int = 0  # gold figures with at least one acceptable catalog code
    covered_coded_right: int = 0  # of those, matched and given an acceptable code
    coded: int = 0  # matched figures given a code
    coded_right: int = 0  # of those, the code is acceptable

    @property
    def code_recall(self) -> float:
        """Of the figures the catalog covers, the share given an acceptable code."""
        return self.covered_coded_right / self.covered if self.covered else 1.0

    @property
    def code_precision(self) -> float:
        """Of the codes given (to matched figures), the share an expert accepts."""
        return self.coded_right / self.coded if self.coded else 1.0

    @property
    def coverage(self) -> float:
        """Share of the gold figures that some catalog code fits."""
        return self.covered / self.gold if self.gold else 1.0

    @property
    def precision(self) -> float:
        return self.matched / self.predicted if self.predicted else 1.0

    @property
    def recall(self) -> float:
        return self.matched / self.gold if self.gold else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def vuq_accuracy(self) -> float:
        return self.value_unit_qualifier_ok / self.matched if self.matched else 1.0

    @property
    def indicator_accuracy(self) -> float:
        return self.indicator_ok / self.matched if self.matched else 1.0


def load_gold(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def holdout_names(gold_dir: Path) -> set[str]:
    """Gold files kept out of tuning (listed in HOLDOUT.txt), to measure generalisation."""
    listing = gold_dir / "HOLDOUT.txt"
    if not listing.exists():
        return set()
    return {line.split("#")[0].strip() for line in listing.read_text(encoding="utf-8").splitlines() if line.split("#")[0].strip()}


def _same_value(a: float, b: float) -> bool:
    return abs(float(a) - float(b)) <= 1e-6 * max(1.0, abs(float(a)))


def _magnitude(predicted: dict) -> float:
    """A predicted value as gold writes it: a change's size without its sign (gold: 下降10.51% → 10.51)."""
    return abs(float(predicted["value"])) if predicted.get("direction") == "down" else predicted["value"]


def acceptable_codes(record: dict) -> set[str]:
    """The codes an expert accepts for a gold figure: its `indicators` list when annotated (blind set),
    else its single `indicator`."""
    if "indicators" in record:
        return set(record["indicators"] or [])
    return {record["indicator"]} if record.get("indicator") else set()


def matched_figures(gold: list[dict], predicted: list[dict]) -> list[tuple[dict, int | None]]:
    """Each gold figure with the index of the predicted fact it is matched to (the first unused one that
    overlaps it with the same value), or None."""
    used: set[int] = set()
    pairs: list[tuple[dict, int | None]] = []
    for g in gold:
        match = next((i for i, p in enumerate(predicted) if i not in used and p["start"] < g["end"]
                      and g["start"] < p["end"] and _same_value(_magnitude(p), g["value"])), None)
        if match is not None:
            used.add(match)
        pairs.append((g, match))
    return pairs


def score_document(gold: list[dict], predicted: list[dict], scores: Scores, label: str) -> None:
    scores.documents += 1
    scores.gold += len(gold)
    scores.predicted += len(predicted)
    used: set[int] = set()
    for g, match in matched_figures(gold, predicted):
        accepted = acceptable_codes(g)
        scores.covered += bool(accepted)
        if match is None:
            scores.misses.append(f"{label}@{g['start']} {g['surface']}")
            continue
        used.add(match)
        p = predicted[match]
        scores.matched += 1
        if p["unit"] == g.get("unit") and p["qualifier"] == g.get("qualifier"):
            scores.value_unit_qualifier_ok += 1
        else:
            scores.wrong_values.append(f"{label}@{g['start']} {g['surface']}: got {p['unit']}/{p['qualifier']}, gold {g.get('unit')}/{g.get('qualifier')}")
        code = p.get("indicator")
        if code:
            scores.coded += 1
            scores.coded_right += code in accepted
        scores.covered_coded_right += bool(code) and code in accepted
        if code == g.get("indicator") or (code and code in accepted):
            scores.indicator_ok += 1
        else:
            scores.wrong_indicators.append(f"{label}@{g['start']} {g['surface']}: got {p.get('indicator')}, gold {g.get('indicator')}")
    for i, p in enumerate(predicted):
        if i not in used:
            scores.spurious.append(f"{label}@{p['start']} {p['surface']}")


def evaluate_gold(gold_dir: Path, reports_dir: Path, extractor: FactExtractor | None = None) -> dict[str, Scores]:
    """Scores by group: 'seed', 'dev', 'holdout' (files in HOLDOUT.txt), 'tuning' (the rest), 'all' (seed +
    dev), then one group per sub-folder of gold_dir holding *.jsonl with its texts beside it: 'blind' and
    'blind2' (never tuned on) and 'calibration' (annotated for tuning the catalog and its thresholds). A set
    whose `second/` folder holds another annotator's records for its figures also gets '<set>/2nd': that
    annotator's codes scored against the gold like the extractor's."""
    extractor = extractor or FactExtractor()
    held_out = holdout_names(gold_dir)
    groups: dict[str, Scores] = {name: Scores() for name in ("seed", "dev", "tuning", "holdout", "all")}
    beside = sorted(p for p in gold_dir.glob("*/*.jsonl") if (p.parent / "texts").is_dir())
    for path in sorted(gold_dir.glob("*.jsonl")) + beside:
        gold = load_gold(path)
        if path.parent != gold_dir:  # texts beside the gold, scored as one group named after the folder
            if not gold:
                continue
            source, names = gold_dir / gold[0]["file"], (path.parent.name,)
            groups.setdefault(path.parent.name, Scores())
        else:
            set_name = path.name.split("__", 1)[0]
            source = reports_dir / (gold[0]["file"] if gold else f"{set_name}/{path.stem.split('__', 1)[1]}.txt")
            names = (set_name, "holdout" if path.name in held_out else "tuning", "all")
        document = read_document(source)
        predicted = [f.to_dict() for f in analyse(document, extractor=extractor).facts]
        for group in names:
            if group in groups:
                score_document(gold, predicted, groups[group], path.stem)
        second = path.parent / "second" / path.name
        if path.parent != gold_dir and second.is_file():
            # a second annotator's codes for the same figures, scored like the extractor: how far experts agree
            score_document(gold, load_gold(second), groups.setdefault(f"{path.parent.name}/2nd", Scores()), path.stem)
    return {name: s for name, s in groups.items() if s.documents}


def format_scores(groups: dict[str, Scores]) -> str:
    lines = [f"{'group':<11} {'docs':>4} {'gold':>5} {'pred':>5} {'P':>6} {'R':>6} {'F1':>6} {'v+u+q':>6} {'indic':>6}"
             f" {'cover':>6} {'codeR':>6} {'codeP':>6}"]
    for name, s in groups.items():
        lines.append(f"{name:<11} {s.documents:>4} {s.gold:>5} {s.predicted:>5} {s.precision:>6.3f} {s.recall:>6.3f} "
                     f"{s.f1:>6.3f} {s.vuq_accuracy:>6.3f} {s.indicator_accuracy:>6.3f}"
                     f" {s.coverage:>6.3f} {s.code_recall:>6.3f} {s.code_precision:>6.3f}")
    lines.append("cover: share of gold figures some catalog code fits; codeR: of those, share given an acceptable code; "
                 "codeP: share of given codes that are acceptable")
    return "\n".join(lines)
