"""The calibration gold set (tests/gold/calibration/): offsets hold, codes exist in the catalog."""

from __future__ import annotations

from pathlib import Path

from ingest.analyse.evaluation import load_gold
from ingest.classify.catalog import load_catalog

CALIBRATION = Path(__file__).resolve().parents[2] / "gold" / "calibration"
KINDS = {"count", "amount", "rate", "change", "duration", "rank", "other"}


def test_calibration_gold_is_well_formed():
    files = sorted(CALIBRATION.glob("*.jsonl"))
    assert len(files) == 22
    codes = set(load_catalog().indicators)
    for path in files:
        records = load_gold(path)
        assert [r["start"] for r in records] == sorted(r["start"] for r in records), path.name
        for record in records:
            text = (CALIBRATION.parent / record["file"]).open(encoding="utf-8", newline="").read()
            assert text[record["start"]:record["end"]] == record["surface"], (path.name, record)
            assert record["kind"] in KINDS and record["period"] in {"report", "stock", "prior", "plan"}, record
            assert set(record["indicators"]) <= codes, (path.name, record)
            assert record["indicator"] == (record["indicators"][0] if record["indicators"] else None), record
