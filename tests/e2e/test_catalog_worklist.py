"""The analysts' catalog worklist (issue 14): `fazhi catalog unmapped` lists an uncoded measure phrase,
one alias row in seeds/indicator_aliases.csv accepts a suggested code, and the next `fazhi run`
re-classifies the stored documents so the figure reaches its domain's wide mart with that code.

dbt always loads seeds/ (FAZHI_SEEDS_DIR is refused by `run`), so the alias is written into the real
seeds/indicator_aliases.csv and the file's exact bytes are restored in a finally block."""

from __future__ import annotations

import csv
import io
import re
import shutil
from pathlib import Path

import duckdb

from tests.conftest import REPO, fazhi

ALIASES = REPO / "seeds" / "indicator_aliases.csv"
MARTS = REPO / "dbt_project" / "models" / "marts"


def _domain_marts() -> dict[str, str]:
    """catalog domain -> wide mart model name."""
    marts = {}
    for path in MARTS.glob("mart_*.sql"):
        found = re.search(r"domain_wide_mart\(\s*'([a-z0-9_]+)'\s*\)", path.read_text(encoding="utf-8"))
        if found:
            marts[found.group(1)] = path.stem
    return marts


def _domains() -> dict[str, str]:
    with (REPO / "seeds" / "indicators.csv").open(encoding="utf-8", newline="") as handle:
        return {row["code"]: row["domain"] for row in csv.DictReader(handle)}


def _rows(warehouse: Path, sql: str, params: list) -> list[tuple]:
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        return con.execute(sql, params).fetchall()
    finally:
        con.close()


def test_unmapped_phrase_accepted_as_alias_reaches_its_domain_mart(sample_warehouse, tmp_path):
    warehouse = tmp_path / "fazhi.duckdb"
    shutil.copyfile(sample_warehouse, warehouse)

    listed = fazhi("catalog", "unmapped", "--limit", "200", "--format", "csv", warehouse=warehouse)
    assert listed.returncode == 0, listed.stdout + listed.stderr
    worklist = list(csv.DictReader(io.StringIO(listed.stdout)))
    assert worklist, "no uncoded measure phrase listed"
    table = fazhi("catalog", "unmapped", "--limit", "5", warehouse=warehouse)
    assert table.returncode == 0 and worklist[0]["measure"] in table.stdout, table.stdout + table.stderr
    # a figure an exclusion withheld is a decision, not work: an alias would not give it a code
    withheld = _rows(warehouse, "select measure, coalesce(unit, '') from marts.fct_figure where code_status = 'withheld' "
                                "except select measure, coalesce(unit, '') from marts.fct_figure where indicator_code is null "
                                "and code_status not in ('withheld', 'not_counted')", [])
    assert withheld, "the sample has a figure an exclusion withheld"
    assert not {(row["measure"], row["unit"]) for row in worklist} & set(withheld)

    # The first listed phrase whose best suggestion has a wide mart and clearly beats the runner-up, with a
    # figure that is unpublished only for want of a code (a county's report-year figure).
    marts, domains = _domain_marts(), _domains()
    choice = None
    for row in worklist:
        suggestions = [s.rsplit(" ", 1) for s in (row["suggestion_1"], row["suggestion_2"]) if s]
        if not suggestions or domains.get(suggestions[0][0]) not in marts:
            continue
        if len(suggestions) > 1 and float(suggestions[1][1]) >= 0.85:
            continue
        figures = _rows(warehouse, "select region_code, report_year, value from marts.fct_figure "
                                   "where measure = ? and coalesce(unit, '') = ? and indicator_code is null "
                                   "and period = 'report' and region_level = 'county' and report_year is not null "
                                   "and not_published_reason like '%code%'", [row["measure"], row["unit"]])
        if figures:
            choice = (row["measure"], row["unit"], suggestions[0][0], figures)
            break
    assert choice is not None, worklist[:10]
    measure, unit, code, figures = choice
    mart = marts[domains[code]]

    original = ALIASES.read_bytes()
    try:
        accepted = fazhi("catalog", "accept", code, measure, "--note", "e2e worklist test", warehouse=warehouse)
        assert accepted.returncode == 0, accepted.stdout + accepted.stderr
        assert ALIASES.read_text(encoding="utf-8").endswith(f"{code},{measure},e2e worklist test\n")
        rerun = fazhi("run", warehouse=warehouse)
        assert rerun.returncode == 0, rerun.stdout + rerun.stderr
    finally:
        ALIASES.write_bytes(original)

    coded = _rows(warehouse, "select distinct indicator_code, code_reason, code_status from marts.fct_figure "
                             "where measure = ? and coalesce(unit, '') = ?", [measure, unit])
    assert (code, "score", "score") in coded, coded
    region_code, year, value = figures[0]
    in_mart = _rows(warehouse, f"select {code} from marts.{mart} where region_code = ? and year = ?", [region_code, year])
    assert in_mart and in_mart[0][0] is not None, (mart, code, region_code, year)
    values = {v for r, y, v in figures if (r, y) == (region_code, year)}
    observed = _rows(warehouse, "select value from marts.fct_indicator_observation where region_code = ? "
                                "and report_year = ? and indicator_code = ?", [region_code, year, code])
    assert observed and observed[0][0] == in_mart[0][0]
    assert in_mart[0][0] in values or observed, values


def test_a_warehouse_from_before_code_status_is_told_what_to_do_and_builds(sample_warehouse, tmp_path):
    """A warehouse built by an earlier version has no code_status: the worklist says to run first (one line, no
    traceback), and `fazhi build` adds the raw column and builds (its facts' status is null until re-extracted)."""
    warehouse = tmp_path / "fazhi.duckdb"
    shutil.copyfile(sample_warehouse, warehouse)
    con = duckdb.connect(str(warehouse))
    try:
        con.execute("alter table raw.facts drop column code_status")
        con.execute("create or replace table marts.fct_figure as select * exclude (code_status) from marts.fct_figure")
    finally:
        con.close()
    listed = fazhi("catalog", "unmapped", warehouse=warehouse)
    assert listed.returncode != 0 and "earlier version" in listed.stderr and "Traceback" not in listed.stderr, listed.stderr
    built = fazhi("build", warehouse=warehouse)
    assert built.returncode == 0, built.stdout + built.stderr
    statuses = _rows(warehouse, "select count(*), count(code_status) from marts.fct_figure", [])
    assert statuses[0][0] > 0 and statuses[0][1] == 0


def test_suggestions_read_the_listed_figure_s_own_words(sample_warehouse, tmp_path):
    """The model reads the words around the example figure in its document, also where its sentence holds
    the same surface twice (市考核指标: 5%以下 twice), and ranks by the examples wherever one takes the unit."""
    from ingest.warehouse.queries import unmapped_measures

    warehouse = tmp_path / "fazhi.duckdb"
    shutil.copyfile(sample_warehouse, warehouse)
    rows = unmapped_measures(warehouse, limit=500)
    assert rows
    for row in rows:
        seen = re.sub(r"\s", "", f"{row.before}{row.surface}{row.after}")
        assert seen in re.sub(r"\s", "", row.example), (row.measure, seen, row.example)
    twice = next(r for r in rows if r.measure == "市考核指标")
    assert twice.example.count(twice.surface) == 2 and twice.before.endswith("市考核指标")
    assert sum(r.suggested_by == "examples" for r in rows) >= 0.9 * len(rows)
    assert all(0 < score < 1 for r in rows if r.suggested_by == "examples" for _code, score in r.suggestions)
