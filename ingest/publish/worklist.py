"""The unmapped worklist as an analyst reads it (`fazhi catalog unmapped`): CSV rows for a spreadsheet, or a
table with the suggested codes stacked and each example figure marked in the words around it."""

from __future__ import annotations

import csv
from collections.abc import Callable
from typing import TextIO

from rich.table import Table

from ingest.warehouse.queries import UnmappedMeasure

HEAD = ["measure", "unit", "figures", "counties", "example", "suggestion_1", "suggestion_2", "suggestion_3", "suggested_by"]
CAPTION = ("score: the share of suggestions so scored that were acceptable on held-out annotated figures; "
           "* ranked by name fit (no example takes the unit)")


def worklist_rows(rows: list[UnmappedMeasure]) -> list[list[str]]:
    """One CSV row per phrase, in HEAD's columns."""
    return [[r.measure, r.unit or "", str(r.figures), str(r.counties), r.example,
             *[f"{c} {v:.2f}" for c, v in r.suggestions], *[""] * (3 - len(r.suggestions)), r.suggested_by] for r in rows]


def write_csv(rows: list[UnmappedMeasure], stream: TextIO) -> None:
    csv.writer(stream, lineterminator="\n").writerows([HEAD, *worklist_rows(rows)])


def worklist_table(rows: list[UnmappedMeasure], shown: Callable[[str], str]) -> Table:
    """The phrases as a table; `shown` makes outside text safe to print."""
    table = Table(*HEAD[:4], caption=CAPTION)
    table.add_column("suggested codes (score)", overflow="fold")
    table.add_column("example: the words around the figure", overflow="fold")
    for r, cells in zip(rows, worklist_rows(rows), strict=True):
        mark = "* " if r.suggested_by == "names" else ""
        table.add_row(*[shown(x) for x in cells[:4]], mark + "\n".join(shown(x) for x in cells[5:8] if x),
                      shown(f"{r.before}【{r.surface}】{r.after}"))
    return table
