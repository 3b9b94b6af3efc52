"""Regenerate the README's example output from real runs, never typed by hand.

    python scripts/readme_examples.py            # print every block
    python scripts/readme_examples.py --write    # replace the blocks in README.md

It runs `fazhi run`, `fazhi export` and `fazhi status` on the bundled sample in a scratch folder (so the
output does not depend on the state of your warehouse), then runs the README's example queries and the
pandas lines of its walkthrough there. Each block sits in README.md between
`<!-- example:NAME -->` and `<!-- /example -->`; paths of the scratch folder are shown as
/home/you/fazhi/warehouse. tests/e2e/test_readme_examples.py checks the query and pandas blocks
against the sample warehouse of the test session.
"""

from __future__ import annotations

import contextlib
import io
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

import duckdb
import pandas as pd

REPO = Path(__file__).resolve().parents[1]
README = REPO / "README.md"
SHOWN_FOLDER = "/home/you/fazhi/warehouse"
QUERIES = [
    ("legal-aid", "Legal aid and notarisation by county, 2024",
     """select region_name, report_year, legal_aid_cases, notarization_cases
from marts.mart_legal_aid
where report_year = 2024
order by legal_aid_cases desc nulls last, region_name;"""),
    ("mediation", "Mediation success rates as stated, beside the rate recomputed from the report's own counts",
     """select region_name, report_year, value as stated_rate,
       round(recomputed_value, 2) as recomputed_rate, surface, status
from marts.fct_indicator_observation
where indicator_code = 'mediation_success_rate' and is_county_level
order by region_name, report_year;"""),
    ("findings", "Error-severity data-quality findings",
     """select region_name, report_year, rule_id, observed, expected
from quality.dq_findings
where severity = 'error'
order by region_name, rule_id, observed;"""),
    ("mart-domains", "Which catalog domain each wide mart holds",
     """select distinct 'mart_legal_aid' as mart, domain from marts.mart_legal_aid
union all select distinct 'mart_dispute_mediation', domain from marts.mart_dispute_mediation
order by mart;"""),
]
# the walkthrough's Python lines, run as written from the folder that holds warehouse/
PANDAS = [
    ("parquet", """import pandas as pd
frame = pd.read_parquet("warehouse/exports/parquet/mart_legal_aid")
print(frame[["region_name", "report_year", "legal_aid_cases"]].dropna().sort_values(["legal_aid_cases", "region_name"]).to_string(index=False))"""),
    ("csv", """import pandas as pd
frame = pd.read_csv("warehouse/exports/csv/fct_indicator_observation.csv", encoding="utf-8-sig")
rows = frame.loc[frame.region_name == "蓝山县", ["report_year", "indicator_code", "value", "unit"]]
print(rows.sort_values("indicator_code").head(5).to_string(index=False))"""),
]


def query_blocks(warehouse: Path) -> dict[str, str]:
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        blocks = {}
        for name, title, sql in QUERIES:
            frame = con.execute(sql).df()
            blocks[name] = f"**{title}**\n\n```sql\n{sql}\n```\n\n```\n{frame.to_string(index=False)}\n```"
        return blocks
    finally:
        con.close()


def pandas_blocks(root: Path) -> dict[str, str]:
    """Each PANDAS snippet run with `root` (the folder holding warehouse/) as the working folder."""
    blocks, here = {}, Path.cwd()
    os.chdir(root)
    try:
        for name, code in PANDAS:
            printed = io.StringIO()
            with contextlib.redirect_stdout(printed):
                exec(code, {"pd": pd})  # noqa: S102 - the README's own lines
            blocks[name] = f"```python\n{code}\n```\n\n```\n{printed.getvalue().rstrip()}\n```"
    finally:
        os.chdir(here)
    return blocks


def _fazhi(*args: str, warehouse: Path) -> str:
    result = subprocess.run([sys.executable, "-m", "ingest", *args], capture_output=True, text=True, cwd=REPO,
                            env={**os.environ, "FAZHI_WAREHOUSE": str(warehouse), "COLUMNS": "200"})
    if result.returncode not in (0, 1):
        raise SystemExit(f"fazhi {' '.join(args)} failed:\n{result.stdout}{result.stderr}")
    return _sub_keep_width(result.stdout + result.stderr, re.escape(str(warehouse.parent)), SHOWN_FOLDER).rstrip()


def _sub_keep_width(text: str, pattern: str, replacement: str) -> str:
    """re.sub line by line; a line of a Rich table keeps its width (spaces added or taken before its last │)."""
    lines = []
    for line in text.splitlines():
        new = re.sub(pattern, replacement, line)
        if new != line and line.rstrip().endswith("│"):
            cut = new.rstrip().rindex("│")
            body = new[:cut].rstrip(" ")
            new = body + " " * max(1, len(line.rstrip()) - 1 - len(body)) + "│"
        lines.append(new)
    return "\n".join(lines)


def command_blocks(warehouse: Path) -> dict[str, str]:
    run = _fazhi("run", warehouse=warehouse)
    exported = _fazhi("export", warehouse=warehouse)
    status = _fazhi("status", warehouse=warehouse)
    status = _sub_keep_width(status, r"\d{4}-\d\d-\d\d[T ][\d:.+]+", "2026-12-01T09:30:00")  # times vary run to run
    status = _sub_keep_width(status, r"\(\d+(\.\d+)? s\)", "(41.2 s)")
    return {"run": f"```\n{run}\n```", "export": f"```\n{exported}\n```", "status": f"```\n{status}\n```"}


def all_blocks() -> dict[str, str]:
    with tempfile.TemporaryDirectory(prefix="fazhi-readme-") as scratch:
        warehouse = Path(scratch) / "warehouse" / "fazhi.duckdb"
        blocks = command_blocks(warehouse)
        blocks.update(query_blocks(warehouse))
        blocks.update(pandas_blocks(Path(scratch)))
    return blocks


def readme_blocks(text: str) -> dict[str, str]:
    return {m.group(1): m.group(2).strip() for m in re.finditer(r"<!-- example:([a-z-]+) -->\n(.*?)<!-- /example -->", text, re.S)}


def write(blocks: dict[str, str], readme: Path = README) -> list[str]:
    text = readme.read_text(encoding="utf-8")
    missing = [name for name in blocks if f"<!-- example:{name} -->" not in text]
    for name, block in blocks.items():
        text = re.sub(rf"(<!-- example:{name} -->\n).*?(<!-- /example -->)", lambda m, b=block: m.group(1) + b + "\n" + m.group(2),
                      text, flags=re.S)
    readme.write_text(text, encoding="utf-8")
    return missing


def main() -> None:
    blocks = all_blocks()
    if "--write" in sys.argv[1:]:
        missing = write(blocks)
        print(f"wrote {len(blocks) - len(missing)} blocks to README.md" + (f"; no marker for {missing}" if missing else ""),
              file=sys.stderr)
        return
    for name, block in blocks.items():
        print(f"<!-- example:{name} -->\n{block}\n<!-- /example -->\n")


if __name__ == "__main__":
    main()
