"""Extraction quality against the hand-written gold annotations (issue 4).

Floors: detection F1 >= 0.97 and value+unit+qualifier >= 0.98 on all gold; indicator >= 0.90 on
the five seed reports. The held-out gold files (tests/gold/HOLDOUT.txt) are never used for tuning;
their scores are asserted with a looser floor so a drop in generalisation is noticed."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ingest.analyse.evaluation import evaluate_gold, load_gold
from tests.conftest import REPORTS

GOLD = Path(__file__).resolve().parents[2] / "gold"


@pytest.fixture(scope="module")
def scores():
    return evaluate_gold(GOLD, REPORTS)


def test_gold_is_well_formed():
    files = sorted(GOLD.glob("*.jsonl"))
    assert len([f for f in files if f.name.startswith("seed__")]) == 5
    assert len([f for f in files if f.name.startswith("dev__")]) >= 20
    for path in files:
        for record in load_gold(path):
            text = (REPORTS / record["file"]).read_bytes().decode("utf-8")
            assert text[record["start"]:record["end"]] == record["surface"], (path.name, record)


def test_detection_f1(scores):
    assert scores["all"].f1 >= 0.97, scores["all"].misses + scores["all"].spurious


def test_value_unit_qualifier(scores):
    assert scores["all"].vuq_accuracy >= 0.98, scores["all"].wrong_values


def test_indicator_on_seeds(scores):
    assert scores["seed"].indicator_accuracy >= 0.90, scores["seed"].wrong_indicators


def test_held_out_detection(scores):
    assert scores["holdout"].f1 >= 0.93, scores["holdout"].misses + scores["holdout"].spurious


# Issue 14 (what each figure measures): code precision and recall floors at what was reached on
# 2026-12-01 (README "How a figure gets its code"). Dev's precision is below the 0.95 goal while the
# catalog is being split into finer indicators whose codes the older dev gold does not list yet.
def test_code_precision_and_recall_on_seeds(scores):
    assert scores["seed"].code_precision >= 0.95, scores["seed"].wrong_indicators
    assert scores["seed"].code_recall >= 0.95, scores["seed"].wrong_indicators


def test_code_precision_and_recall_on_dev(scores):
    assert scores["dev"].code_precision >= 0.80, scores["dev"].wrong_indicators
    assert scores["dev"].code_recall >= 0.69, scores["dev"].wrong_indicators


# blind2 and blind5 to blind29 (fresh batches of real report openings): floors a little under what was reached,
# as (code recall, code precision, detection F1). blind7 and blind8 lost recall when the cue rows stopped reading
# a figure's own clause after it (a choice made on calibration evidence for precision: those codes were right
# about half the time on unseen text).
BLIND_FLOORS = {
    "blind2": (0.72, 0.84, 0.0), "blind5": (0.70, 0.80, 0.95), "blind6": (0.66, 0.83, 0.95),
    "blind7": (0.60, 0.72, 0.0), "blind8": (0.56, 0.88, 0.95), "blind9": (0.50, 0.66, 0.95),
    "blind10": (0.58, 0.75, 0.95), "blind11": (0.52, 0.80, 0.94), "blind12": (0.57, 0.86, 0.94),
    "blind13": (0.48, 0.70, 0.95), "blind14": (0.68, 0.83, 0.95), "blind15": (0.65, 0.74, 0.95),
    "blind16": (0.56, 0.81, 0.94), "blind17": (0.66, 0.79, 0.93), "blind18": (0.56, 0.78, 0.93),
    "blind19": (0.68, 0.87, 0.95), "blind20": (0.65, 0.89, 0.95),
    "blind21": (0.72, 0.87, 0.95), "blind22": (0.70, 0.90, 0.95),
    "blind23": (0.58, 0.79, 0.95), "blind24": (0.72, 0.84, 0.95), "blind25": (0.62, 0.85, 0.93),
    "blind26": (0.55, 0.86, 0.95), "blind27": (0.59, 0.88, 0.95), "blind28": (0.60, 0.95, 0.93),
    "blind29": (0.30, 0.60, 0.95),
}


def test_code_scores_on_blind(scores):
    # Aggregates only (the blind set is never tuned on): what was reached, not the goal (0.85 / 0.95).
    assert scores["blind"].code_recall >= 0.60
    assert scores["blind"].code_precision >= 0.84
    for name, (recall, precision, f1) in BLIND_FLOORS.items():
        score = scores[name]
        assert score.code_recall >= recall and score.code_precision >= precision, name
        assert score.f1 >= f1, name
    assert scores["blind5"].coverage > 0.55 and scores["blind6"].coverage > 0.6


def test_a_second_annotator_is_scored_against_the_gold_like_the_extractor(tmp_path):
    text = ("一年来，本县坚持以习近平法治思想为指导，坚持依法行政，全面推进法治政府建设，各项工作取得新的成效。"
            "全年办理法律援助案件12件，受理行政复议申请5件。")
    (tmp_path / "set" / "texts").mkdir(parents=True)
    (tmp_path / "set" / "texts" / "a.txt").write_text(text, encoding="utf-8")
    figures = [("12件", ["legal_aid_cases"]), ("5件", ["admin_reconsideration_cases_received"])]
    gold = [{"file": "set/texts/a.txt", "surface": s, "start": text.index(s), "end": text.index(s) + len(s),
             "value": int(s[:-1]), "unit": "件", "qualifier": "exact", "indicators": codes, "indicator": codes[0]}
            for s, codes in figures]
    second = [dict(gold[0], indicators=["legal_aid_cases"], indicator="legal_aid_cases"),
              dict(gold[1], indicators=[], indicator=None)]  # the second annotator leaves one uncoded
    for folder, records in ((tmp_path / "set", gold), (tmp_path / "set" / "second", second)):
        folder.mkdir(exist_ok=True)
        (folder / "a.jsonl").write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in records), encoding="utf-8")
    got = evaluate_gold(tmp_path, tmp_path)
    assert set(got) == {"set", "set/2nd"}
    assert got["set/2nd"].code_recall == 0.5 and got["set/2nd"].code_precision == 1.0
    assert got["set/2nd"].matched == 2
