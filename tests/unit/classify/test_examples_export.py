"""The suggestion model's examples (seeds/indicator_examples.csv) come from the tuning gold only, never from
a blind set or a text that repeats one, and an analyst's own rows survive a re-export."""

from __future__ import annotations

import sys
from pathlib import Path

from ingest.paths import REPO_ROOT, SEEDS_DIR

sys.path.insert(0, str(REPO_ROOT / "scripts"))
import export_indicator_examples as export  # noqa: E402

from ingest.classify.suggestions import EXAMPLES_FILE, load_examples  # noqa: E402


def test_only_tuning_texts_that_repeat_no_blind_text_are_read():
    names = {name for name, _path, _dir in export.tuning_gold()}
    held_out = (REPO_ROOT / "tests" / "gold" / "HOLDOUT.txt").read_text(encoding="utf-8")
    assert names and not any("blind" in n for n in names)
    assert not any(f"{n}.jsonl" in held_out for n in names if n.startswith("dev__"))
    assert "dev__001" in names and "calibration5/q001" in names
    # calibration7/u002 repeats blind2/q012's paragraphs
    assert "calibration7/u002" not in names
    assert "seed__000_ef62e04f0ddea52a" in names


def test_the_bundled_examples_are_those_of_the_gold():
    same, line = export.refresh(SEEDS_DIR / EXAMPLES_FILE, check=True)
    assert same, line


def test_an_analysts_rows_survive_a_re_export(tmp_path: Path):
    target = tmp_path / EXAMPLES_FILE
    target.write_text("code,unit,kind,before,after,source\n"
                      "training_sessions,次,count,举办业务学习会,,analyst 2026-12\n", encoding="utf-8")
    same, _line = export.refresh(target)
    assert not same
    examples = load_examples(tmp_path)
    assert examples[-1].source == "analyst 2026-12" and len(examples) > 1000
    assert export.refresh(target, check=True)[0]
