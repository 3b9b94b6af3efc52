"""Applying an analyst's correction or document choice needs no full rebuild (issue 15, item 5): the two
seeds are left out of the project fingerprint, and the data-only build re-seeds them and rebuilds what
depends on them."""

from __future__ import annotations

from pathlib import Path

from ingest.run.dbt import DATA_ONLY_MODELS, DATA_ONLY_TESTS, build_steps, project_fingerprint


def _project(tmp_path: Path) -> tuple[Path, Path]:
    project, seeds = tmp_path / "dbt_project", tmp_path / "seeds"
    (project / "models").mkdir(parents=True)
    seeds.mkdir()
    (project / "models" / "m.sql").write_text("select 1", encoding="utf-8")
    (seeds / "regions.csv").write_text("region_code\n1\n", encoding="utf-8")
    (seeds / "corrections.csv").write_text("region_code,year\n", encoding="utf-8")
    (seeds / "document_choices.csv").write_text("doc_id,reason,author\n", encoding="utf-8")
    return project, seeds


def test_corrections_document_choices_and_examples_are_not_part_of_the_fingerprint(tmp_path: Path):
    project, seeds = _project(tmp_path)
    first = project_fingerprint(project, seeds)
    (seeds / "corrections.csv").write_text("region_code,year\n431127,2024\n", encoding="utf-8")
    (seeds / "document_choices.csv").write_text("doc_id,reason,author\n" + "a" * 64 + ",why,me\n", encoding="utf-8")
    # the suggestion model's examples are no dbt seed (disabled in dbt_project.yml)
    (seeds / "indicator_examples.csv").write_text("code,unit,kind,before,after,source\n", encoding="utf-8")
    assert project_fingerprint(project, seeds) == first
    (seeds / "regions.csv").write_text("region_code\n2\n", encoding="utf-8")
    assert project_fingerprint(project, seeds) != first


def test_the_data_only_build_reseeds_the_analyst_seeds_and_what_depends_on_them(tmp_path: Path):
    build, _, test = build_steps(True, ["int_checks__corrections"], tmp_path)
    assert build[0] == "build"  # `dbt run` would not load a seed
    models = DATA_ONLY_MODELS[DATA_ONLY_MODELS.index("--select") + 1:DATA_ONLY_MODELS.index("--exclude")]
    assert {"corrections", "document_choices", "corrections+,config.materialized:table",
            "document_choices+,config.materialized:table"} <= set(models)
    tests = DATA_ONLY_TESTS[DATA_ONLY_TESTS.index("--select") + 1:DATA_ONLY_TESTS.index("--exclude")]
    assert {"corrections+", "document_choices+"} <= set(tests)
    assert "resource_type:test" in build and "resource_type:unit_test" in build
    assert test[0] == "test" and "corrections+" in test


def test_the_data_only_build_selects_the_incremental_models_and_a_full_build_refreshes_them(tmp_path: Path):
    """Issue 16: the big tables keyed by reporter are incremental; a data-only build rebuilds only the changed
    reporters' rows (and exports only their check rows), every other build rebuilds them whole."""
    data_only, export, _ = build_steps(True, ["int_checks__corrections"], tmp_path, changed_only=True)
    assert "source:raw+,config.materialized:incremental" in data_only and "--full-refresh" not in data_only
    assert '"changed_only": true' in export[export.index("--args") + 1]
    # stored findings that do not describe the last build (a `fazhi build` since): every check row again
    _, export, _ = build_steps(True, ["int_checks__corrections"], tmp_path, changed_only=False)
    assert '"changed_only": false' in export[export.index("--args") + 1]
    full, export, _ = build_steps(False, ["int_checks__corrections"], tmp_path)
    assert "--full-refresh" in full
    assert '"changed_only": false' in export[export.index("--args") + 1]
