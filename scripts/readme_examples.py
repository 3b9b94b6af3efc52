"""Print the README's example queries with their real output from a warehouse (default: the
published one), as Markdown. Run after `make run` and paste the output into README.md."""

from __future__ import annotations

import sys
from pathlib import Path

import duckdb

REPO = Path(__file__).resolve().parents[1]
QUERIES = [
    ("Legal aid and notarisation by county, 2024",
     """select region_name, year, legal_aid_cases, notarization_cases
from marts.mart_legal_aid
where year = 2024
order by legal_aid_cases desc nulls last;"""),
    ("Mediation success rates as stated, beside the rate recomputed from the report's own counts",
     """select region_name, report_year, value as stated_rate,
       round(recomputed_value, 2) as recomputed_rate, surface, status
from marts.fct_indicator_observation
where indicator_code = 'mediation_success_rate' and is_county_level
order by region_name;"""),
    ("Error-severity data-quality findings",
     """select region_name, report_year, rule_id, observed, expected
from quality.dq_findings
where severity = 'error'
order by region_name, rule_id;"""),
]


def main() -> None:
    warehouse = Path(sys.argv[1]) if len(sys.argv) > 1 else REPO / "warehouse" / "fazhi.duckdb"
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        for title, sql in QUERIES:
            frame = con.execute(sql).df()
            print(f"**{title}**\n\n```sql\n{sql}\n```\n\n```\n{frame.to_string(index=False)}\n```\n")
    finally:
        con.close()


if __name__ == "__main__":
    main()
