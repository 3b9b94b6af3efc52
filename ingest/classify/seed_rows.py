"""Reading the catalog's seed files (seeds/indicator_*.csv): records with the line numbers the seed checks
use, codes checked against the catalog, regular-expression columns compiled; a defect names file and line."""

from __future__ import annotations

import csv
import re
from collections.abc import Collection, Iterator
from pathlib import Path


class CatalogError(Exception):
    """The seed files are malformed; the message names the file and row."""


def numbered(reader: Iterator[list[str]]) -> Iterator[tuple[int, list[str]]]:
    """(line where the record starts, cells) of each non-blank record a csv.reader has left after the header;
    a quoted cell may span lines, blank lines count. Shared with the seed checks, so both name the same line."""
    end = reader.line_num
    for record in reader:
        start, end = end + 1, reader.line_num
        if any(cell.strip() for cell in record):
            yield start, record


def records(path: Path, required: bool = False) -> Iterator[tuple[int, dict[str, str]]]:
    """(line where the record starts, row with stripped cells) of a seed file, none when an optional one is
    missing; blank rows skipped. Line numbers as the seed checks count them (a quoted cell may span lines;
    blank lines count)."""
    if not path.exists():
        if required:
            raise FileNotFoundError(path)
        return
    with path.open(encoding="utf-8-sig", newline="") as handle:  # -sig: a byte-order mark is not part of a name
        reader = csv.reader(handle)
        header = [name.strip() for name in next(reader, [])]
        for start, record in numbered(reader):
            record += [""] * (len(header) - len(record))  # a short row: its missing cells are empty
            row = {name: cell.strip() for name, cell in zip(header, record, strict=False) if name}
            if any(row.values()):
                yield start, row


def code_rows(path: Path, codes: Collection[str], required: bool = False) -> Iterator[tuple[int, dict[str, str]]]:
    """(line number, row) of a code-keyed seed file, its codes checked against the catalog's."""
    for line_no, row in records(path, required):
        if not row.get("code"):
            continue
        if row["code"] not in codes:
            raise CatalogError(f"{path.name} line {line_no}: unknown indicator code '{row['code']}'")
        yield line_no, row


def compiled(row: dict[str, str], columns: tuple[str, ...], where: str) -> dict[str, re.Pattern[str] | None]:
    """The row's regular-expression columns compiled (None when empty); a bad one names `where`."""
    regexes: dict[str, re.Pattern[str] | None] = {}
    for column in columns:
        text = row.get(column) or ""
        try:
            regexes[column] = re.compile(text) if text else None
        except re.error as exc:
            raise CatalogError(f"{where}: bad regular expression ({exc})") from None
    return regexes
