"""The gold sets beside their texts (tests/gold/<set>/: blind sets and calibration sets): offsets hold,
codes exist in the catalog and fit the figure. Format only: no extractor runs here."""

from __future__ import annotations

from pathlib import Path

import pytest

from ingest.analyse.evaluation import load_gold
from ingest.classify.catalog import load_catalog

GOLD = Path(__file__).resolve().parents[2] / "gold"
SETS = sorted(p.name for p in GOLD.iterdir() if (p / "texts").is_dir())
KINDS = {"count", "amount", "rate", "change", "duration", "rank", "other"}


def test_the_known_sets_are_there():
    assert {"blind", "blind2", "blind5", "blind6", "blind7", "blind8", "blind9", "blind10", "blind11", "blind12", "blind13", "blind14", "blind15", "blind16", "blind17", "blind18", "blind19", "blind20", "blind21", "blind22", "blind23", "blind24", "blind25", "blind26", "blind27", "blind28", "blind29", "calibration", "calibration2", "calibration3", "calibration4", "calibration5"} <= set(SETS)
    assert len(list((GOLD / "calibration").glob("*.jsonl"))) == 22


@pytest.mark.parametrize("name", SETS)
def test_gold_set_is_well_formed(name: str):
    files = sorted((GOLD / name).glob("*.jsonl"))
    assert files and (GOLD / name / "texts" / "SOURCES.tsv").is_file()
    codes = set(load_catalog().indicators)
    for path in files:
        records = load_gold(path)
        assert [r["start"] for r in records] == sorted(r["start"] for r in records), path.name
        for record in records:
            text = (GOLD / record["file"]).open(encoding="utf-8", newline="").read()
            assert text[record["start"]:record["end"]] == record["surface"], (path.name, record)
            assert record["kind"] in KINDS and record["period"] in {"report", "stock", "prior", "plan"}, record
            assert set(record["indicators"]) <= codes, (path.name, record)
            assert record["indicator"] is None or record["indicator"] in record["indicators"], record
