"""Issue 16 correctness check of the incremental path: after `fazhi run` of new files on a built warehouse
(a data-only build: only the changed reporters are rebuilt and revalidated), every marts table and
view and quality.dq_findings must equal, row for row, a full rebuild (`fazhi build` + `fazhi check`) of the same
raw data. Prints the differences; exit 1 when there are any. Not a test (it takes minutes at 1k).

    .venv/bin/python scripts/check_incremental.py CORPUS [--work /tmp/fazhi-inc-check] [--keep]
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "scripts"))

import duckdb  # noqa: E402
from benchmark_scale import new_report  # noqa: E402


def fazhi(*args: str) -> float:
    started = time.time()
    completed = subprocess.run([sys.executable, "-m", "ingest", *args], cwd=REPO, capture_output=True, text=True,
                               env={**os.environ, "PYTHONPATH": str(REPO)})
    if completed.returncode not in (0, 1) or "published warehouse is unchanged" in completed.stdout + completed.stderr:
        sys.exit(f"fazhi {' '.join(args)} failed ({completed.returncode}):\n{completed.stdout[-3000:]}\n{completed.stderr[-3000:]}")
    return time.time() - started


def added_files(corpus: Path, folder: Path) -> list[Path]:
    """A 2025 report of a random county, and a second version of an existing report (a longer text)."""
    folder.mkdir(parents=True, exist_ok=True)
    existing = sorted(corpus.rglob("*.txt"))[len(list(corpus.rglob("*.txt"))) // 2]
    text = existing.read_text(encoding="utf-8")
    version = folder / f"v2_{existing.name}"
    version.write_text(text + "\n附：本报告修订版，补充说明全年共办理行政复议案件12件。\n", encoding="utf-8")
    return [new_report(folder, 4242), version]


def tables(con: duckdb.DuckDBPyConnection) -> list[str]:
    rows = con.execute("select schema_name, table_name from duckdb_tables() where database_name = 'w' and "
                       "(schema_name = 'marts' or (schema_name = 'quality' and table_name = 'dq_findings')) union all "
                       "select schema_name, view_name from duckdb_views() where database_name = 'w' and schema_name = 'marts' "
                       "order by 1, 2").fetchall()
    return [f"{schema}.{table}" for schema, table in rows]


def compare_reports(incremental: Path, full: Path) -> int:
    """The data-quality report after the incremental runs (pages reused, written from findings merged in
    memory) against the one `fazhi check` writes in full: the same pages, apart from the time written."""
    stamp = re.compile(r"\d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC| \(this run validated the check rows of .*?cover all\)")
    pages = sorted({p.relative_to(incremental) for p in incremental.glob("regions/*.html")}
                   | {p.relative_to(full) for p in full.glob("regions/*.html")} | {Path("index.html")})
    differing = [str(page) for page in pages if not (incremental / page).is_file() or not (full / page).is_file()
                 or stamp.sub("", (incremental / page).read_text(encoding="utf-8"))
                 != stamp.sub("", (full / page).read_text(encoding="utf-8"))]
    print(f"  data-quality report: {len(pages)} pages, " + (f"DIFFERENT: {', '.join(differing)}" if differing else "equal"))
    return len(differing)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--work", type=Path, default=Path("/tmp/fazhi-inc-check"))
    parser.add_argument("--keep", action="store_true")
    args = parser.parse_args()
    shutil.rmtree(args.work, ignore_errors=True)
    incremental = args.work / "incremental" / "fazhi.duckdb"
    full = args.work / "full" / "fazhi.duckdb"
    print(f"full run of {args.corpus}: {fazhi('run', str(args.corpus), '-w', str(incremental)):.1f} s", flush=True)
    new = added_files(args.corpus, args.work / "new")
    print(f"incremental run of {len(new)} files: {fazhi('run', *map(str, new), '-w', str(incremental)):.1f} s", flush=True)
    # and once more with nothing new: no reporter changes, every finding must stay
    print(f"run with nothing new: {fazhi('run', *map(str, new), '-w', str(incremental)):.1f} s", flush=True)
    full.parent.mkdir(parents=True)
    shutil.copy(incremental, full)
    print(f"full rebuild: build {fazhi('build', '-w', str(full)):.1f} s, check {fazhi('check', '-w', str(full)):.1f} s", flush=True)
    con = duckdb.connect()
    con.execute(f"attach '{incremental}' as w (read_only)")
    con.execute(f"attach '{full}' as f (read_only)")
    names = tables(con)
    differing = 0
    for name in names:
        count = con.execute(f"select count(*) from w.{name}").fetchone()[0]
        only_incremental = con.execute(f"select count(*) from (select * from w.{name} except all select * from f.{name})").fetchone()[0]
        only_full = con.execute(f"select count(*) from (select * from f.{name} except all select * from w.{name})").fetchone()[0]
        status = "equal" if only_incremental == only_full == 0 else "DIFFERENT"
        differing += status != "equal"
        print(f"  {name:42s} {count:9,d} rows  {status}" + ("" if status == "equal" else
              f" ({only_incremental} rows only after the incremental run, {only_full} only in the full rebuild)"))
    differing += compare_reports(incremental.parent / "dq_report", full.parent / "dq_report")
    changed = con.execute("select count(*) from w.intermediate.int_build__changes where kind = 'changed'").fetchone()[0]
    builds = con.execute("select list(selection order by built_at) from w.raw.dbt_builds").fetchone()[0]
    print(f"builds of the incremental warehouse: {builds}")
    print(f"{len(names)} tables and the report compared, {differing} differ; the last incremental run rebuilt {changed} reporter(s)")
    if not args.keep:
        shutil.rmtree(args.work, ignore_errors=True)
    sys.exit(1 if differing else 0)


if __name__ == "__main__":
    main()
