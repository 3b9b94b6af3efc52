"""`fazhi catalog accept` (issue 14, item 4): accepting a worklist phrase is one checked row in
seeds/indicator_aliases.csv, written whole or not at all."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest

from ingest.classify.aliases import ALIASES_FILE, add_alias
from ingest.classify.catalog import IndicatorCatalog
from ingest.classify.seed_rows import CatalogError
from ingest.paths import SEEDS_DIR


@pytest.fixture
def seeds(tmp_path: Path) -> Path:
    copy = tmp_path / "seeds"
    shutil.copytree(SEEDS_DIR, copy, ignore=shutil.ignore_patterns(".*"))
    return copy


def test_an_accepted_phrase_becomes_a_name_of_its_indicator(seeds: Path):
    before = (seeds / ALIASES_FILE).read_text(encoding="utf-8")
    line = add_alias("training_sessions", "专题业务学习会,线上  业务学习", "worklist test", seeds)
    after = (seeds / ALIASES_FILE).read_text(encoding="utf-8")
    assert after.startswith(before) and line == after.count("\n")
    assert after.endswith('training_sessions,"专题业务学习会,线上 业务学习",worklist test\n')  # quoted, one space
    catalog = IndicatorCatalog.load(seeds)
    assert "专题业务学习会,线上 业务学习" in catalog.names["training_sessions"]
    assert catalog.score("专题业务学习会,线上 业务学习", "training_sessions") == 1.0


def test_a_file_without_a_final_newline_gets_its_row_on_a_line_of_its_own(seeds: Path):
    path = seeds / ALIASES_FILE
    path.write_text(path.read_text(encoding="utf-8").rstrip("\n"), encoding="utf-8")
    add_alias("legal_aid_cases", "援助办案", seeds_dir=seeds)
    assert path.read_text(encoding="utf-8").splitlines()[-1] == f"legal_aid_cases,援助办案,worklist {date.today()}"


@pytest.mark.parametrize(("code", "phrase", "message"), [
    ("no_such_code", "办理案件", "unknown indicator code 'no_such_code'"),
    ("legal_aid_cases", "  ", "the phrase to accept is empty"),
])
def test_a_bad_row_is_refused_and_nothing_is_written(seeds: Path, code: str, phrase: str, message: str):
    original = (seeds / ALIASES_FILE).read_bytes()
    with pytest.raises(CatalogError, match=message):
        add_alias(code, phrase, "", seeds)
    assert (seeds / ALIASES_FILE).read_bytes() == original
    assert sorted(p.name for p in seeds.iterdir()) == sorted(p.name for p in SEEDS_DIR.iterdir() if not p.name.startswith("."))


def test_a_phrase_already_accepted_for_the_code_is_refused(seeds: Path):
    line = add_alias("legal_aid_cases", "援助办案", "", seeds)
    original = (seeds / ALIASES_FILE).read_bytes()
    with pytest.raises(CatalogError, match=f"line {line} already lists '援助办案' for legal_aid_cases"):
        add_alias("legal_aid_cases", "援助办案", "again", seeds)
    assert (seeds / ALIASES_FILE).read_bytes() == original
