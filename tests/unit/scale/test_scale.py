"""Issue 16 pieces that need no pipeline: the corpus generator's year mapping and truth, extraction over
worker processes (same outcomes as in-process, in order), facts as an Arrow table, and the report's
reuse of unchanged province pages."""

from __future__ import annotations

import csv
import importlib.util
import sys
from pathlib import Path

import pandas as pd

from ingest.extract.extractor import FactExtractor
from ingest.quality.findings import finding_columns
from ingest.quality.report_site import write_report_site
from ingest.run import parallel
from ingest.warehouse.rows import FACT_COLUMNS, fact_rows

SEED = Path(__file__).resolve().parents[3] / "data" / "reports" / "seed"


def load_script(name: str):
    """scripts/NAME.py as a module registered in sys.modules (its dataclasses need that)."""
    if name not in sys.modules:
        spec = importlib.util.spec_from_file_location(name, SEED.parents[2] / "scripts" / f"{name}.py")
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        spec.loader.exec_module(module)
    return sys.modules[name]


def test_years_are_mapped_in_one_pass():
    corpus = load_script("generate_corpus")
    text = "2023年基础上，2024年工作，2025年打算，《纲要（2021—2025年）》"
    # 2024 → 2023 and 2023 → 2022 in one pass: the years stay distinct; a plan period's end is left alone
    assert corpus.map_years(text, -1) == "2022年基础上，2023年工作，2024年打算，《纲要（2021—2025年）》"


def test_generated_corpus_has_every_planted_kind_and_its_variants(tmp_path: Path):
    corpus = load_script("generate_corpus")
    stats = corpus.generate(tmp_path, 240)
    assert stats["reports"] == 240
    with (tmp_path / "truth.csv").open(encoding="utf-8") as handle:
        truth = list(csv.DictReader(handle))
    planted = {row["rule_id"] for row in truth if row["status"] == "planted"}
    assert planted == set(corpus.RULES)
    files = [p for p in tmp_path.rglob("*") if p.is_file() and p.name != "truth.csv"]
    assert {p.suffix for p in files} == {".txt", ".docx", ".html"}
    for row in truth[:50]:  # every snippet is in its file as written (UTF-8 text files)
        path = tmp_path / row["file"]
        if path.suffix == ".txt":
            data = path.read_bytes()
            text = data.decode("utf-8") if data.isascii() or _utf8(data) else data.decode("gb18030")
            assert row["snippet"] in text, row


def _utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
        return True
    except UnicodeDecodeError:
        return False


def test_workers_give_the_same_outcomes_in_the_same_order(tmp_path: Path, monkeypatch):
    files = []
    for index in range(6):
        for seed in sorted(SEED.glob("*.txt")):
            path = tmp_path / f"{index}_{seed.name}"
            path.write_text(seed.read_text(encoding="utf-8") + f"\n补充：全年新增法律援助案件{index + 11}件。\n",
                            encoding="utf-8")
            files.append(path)
    (tmp_path / "bad.txt").write_bytes(b"")
    files.append(tmp_path / "bad.txt")
    extractor = FactExtractor()
    monkeypatch.setattr(parallel, "PARALLEL_MIN_FILES", 4)
    monkeypatch.setattr(parallel, "CHUNK_FILES", 4)
    monkeypatch.setattr(parallel, "workers", lambda: 2)
    pooled = list(parallel.file_outcomes(files, extractor, {}, None))
    monkeypatch.setattr(parallel, "PARALLEL_MIN_FILES", 10_000)
    alone = list(parallel.file_outcomes(files, extractor, {}, None))
    assert [o.path for o in pooled] == files
    assert [(o.status, o.doc_id, len(o.facts or [])) for o in pooled] == [(o.status, o.doc_id, len(o.facts or [])) for o in alone]
    assert pooled[-1].status == "failed" and "empty" in pooled[-1].reason
    stored = {pooled[0].doc_id: extractor.version}
    assert next(parallel.file_outcomes(files[:1], extractor, stored, None)).status == "unchanged"


def test_fact_rows_are_an_arrow_table_of_every_column():
    text = (SEED / sorted(p.name for p in SEED.glob("*.txt"))[0]).read_text(encoding="utf-8")
    facts = FactExtractor().extract(text, "doc")
    table = fact_rows(facts)
    assert table.column_names == FACT_COLUMNS and table.num_rows == len(facts) > 10
    assert table.column("start_offset").to_pylist() == [f.start for f in facts]
    assert table.column("surface").to_pylist() == [f.surface for f in facts]


def _finding(code: str, name: str, observed: str) -> dict:
    return {"finding_id": f"range.rate:{code}{observed}", "rule_id": "range.rate", "severity": "error", "title": "rate",
            "reporter_id": code, "region_code": code, "region_name": name, "report_year": 2024, "observed": observed,
            "sentence": f"满意率达{observed}。", "file_name": "a.txt"}


def test_unchanged_province_pages_are_reused(tmp_path: Path):
    findings = pd.DataFrame([_finding("430522", "新邵县", "105%"), _finding("110101", "东城区", "120%")],
                            columns=finding_columns())
    first = tmp_path / "first"
    write_report_site(first, findings, 2, None)
    pages = sorted(p.name for p in (first / "regions").glob("*.html"))
    assert pages == ["110000.html", "430000.html"]
    (first / "regions" / "110000.html").write_text("kept", encoding="utf-8")  # marks a reused page
    (first / "regions" / "430000.html").write_text("kept", encoding="utf-8")
    changed = findings.iloc[::-1].copy()  # another order, and one finding changed
    changed.loc[changed.region_code == "430522", "observed"] = "106%"
    second = tmp_path / "second"
    write_report_site(second, changed, 2, None, previous=first)
    assert (second / "regions" / "110000.html").read_text(encoding="utf-8") == "kept"
    assert "106%" in (second / "regions" / "430000.html").read_text(encoding="utf-8")
    summary = (second / "index.html").read_text(encoding="utf-8")
    assert 'href="regions/430000.html"' in summary and "<svg" in summary


def test_after_a_data_only_build_only_the_changed_reporters_provinces_are_digested_again(tmp_path: Path):
    """Issue 16: one new report re-renders its province without digesting 200k findings; a province's
    page is kept although its findings differ when its reporters did not change (the build says which
    did) and the published report describes the findings this build started from; a changed reporter
    left without findings leaves the report."""
    findings = pd.DataFrame([_finding("430522", "新邵县", "105%"), _finding("110101", "东城区", "120%")],
                            columns=finding_columns())
    first = tmp_path / "first"
    write_report_site(first, findings, 2, None, version="v1")
    (first / "regions" / "110000.html").write_text("kept", encoding="utf-8")
    (first / "regions" / "430000.html").write_text("kept", encoding="utf-8")
    read_back = findings.astype({"report_year": "float64"})  # as a data-only build reads them from DuckDB
    read_back["observed"] = ["106%", "121%"]
    stale = tmp_path / "stale"  # the published report describes other findings (a `fazhi build` since)
    write_report_site(stale, read_back, 2, "gx/index.html", previous=first, changed=frozenset({"430522"}),
                      version="v2", previous_version="v0")
    assert "121%" in (stale / "regions" / "110000.html").read_text(encoding="utf-8")
    second = tmp_path / "second"
    write_report_site(second, read_back, 2, "gx/index.html", previous=first, changed=frozenset({"430522"}),
                      version="v2", previous_version="v1")
    assert (second / "regions" / "110000.html").read_text(encoding="utf-8") == "kept"
    assert "check rows of 1 changed reporter(s)" in (second / "index.html").read_text(encoding="utf-8")
    assert "106%" in (second / "regions" / "430000.html").read_text(encoding="utf-8")
    third = tmp_path / "third"
    write_report_site(third, read_back.iloc[1:], 1, None, previous=second, changed=frozenset({"430522"}),
                      version="v3", previous_version="v2")
    assert not (third / "regions" / "430000.html").exists()
    assert "430000.html" not in (third / "index.html").read_text(encoding="utf-8")
    assert (third / "regions" / "110000.html").read_text(encoding="utf-8") == "kept"
