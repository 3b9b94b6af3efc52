"""Users' overrides of whose report and which year: --region/--year and the per-file sidecar CSV."""

from __future__ import annotations

import csv
import io
import os
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from ingest.read.decoding import decode_bytes
from ingest.read.document import ReadError
from ingest.read.reader import read_regular_file

YEAR_MIN, YEAR_MAX = 1990, 2100
SIDECAR_COLUMNS = ("file", "region", "year")
MAX_SIDECAR_BYTES = 10_000_000  # a sidecar is a few hundred rows; a bigger "CSV" is something else
CLEAR_CELL = "-"  # a sidecar cell that forgets the stored override: the text decides
_YEAR_CELL_RE = re.compile(r"(\d{4})\s*(?:年度?)?")


@dataclass(frozen=True)
class Overrides:
    """--region / --year on the command line or a sidecar CSV row; win over what the text says.

    `sidecar` holds per-file rows (--sidecar FILE.csv); a file's row wins over --region/--year.
    `clear` names the fields ("region", "year") whose stored override is forgotten, so the text decides
    (--clear-overrides, or a sidecar cell '-'); clearing re-describes a stored document like an override."""

    region: str | None = None
    year: int | None = None
    sidecar: Sidecar | None = None
    clear: frozenset[str] = frozenset()

    @property
    def given(self) -> bool:
        return bool(self.region) or self.year is not None or bool(self.clear)

    def for_file(self, path: Path | str) -> Overrides:
        """The overrides for one file: its sidecar row's cells, else the batch-wide region and year."""
        row = self.sidecar.lookup(path) if self.sidecar is not None else None
        if row is None:
            return Overrides(self.region, self.year, clear=self.clear)
        region = None if "region" in row.clear else row.region or self.region
        year = None if "year" in row.clear else row.year if row.year is not None else self.year
        return Overrides(region, year, clear=row.clear | self.clear)


class SidecarError(ValueError):
    """A malformed sidecar CSV; the message is the one-line reason shown to users."""


class OverrideError(ValueError):
    """An override (--region or a sidecar row) that cannot be honoured, e.g. a region name that matches no
    region: the file is skipped with this one-line reason rather than loaded with an unresolved region."""


class Sidecar:
    """Rows of a sidecar CSV: columns file (a path relative to the CSV's folder, or a bare file name
    that matches a file of that name anywhere in the batch), region and/or year; empty cells keep
    what --region/--year or the text say."""

    def __init__(self, source: Path, rows: list[tuple[int, str, Overrides]]) -> None:
        self.source = source
        self.rows = rows  # (line, file cell, overrides)
        self._by_path: dict[str, Overrides] = {}
        self._by_name: dict[str, Overrides] = {}
        for _, cell, overrides in rows:
            self._by_path[os.path.realpath(source.parent / cell)] = overrides
            if not re.search(r"[/\\]", cell):
                self._by_name.setdefault(cell, overrides)

    def lookup(self, path: Path | str) -> Overrides | None:
        found = self._by_path.get(os.path.realpath(path))
        return found if found is not None else self._by_name.get(Path(path).name)

    def unmatched(self, paths: Iterable[Path]) -> list[tuple[int, str]]:
        """(line, file cell) of the rows that match none of `paths`."""
        paths = list(paths)
        real = {os.path.realpath(p) for p in paths}
        names = {Path(p).name for p in paths}
        return [(line, cell) for line, cell, _ in self.rows
                if os.path.realpath(self.source.parent / cell) not in real
                and (re.search(r"[/\\]", cell) or cell not in names)]


def read_sidecar(path: Path) -> Sidecar:
    """Read and check a sidecar CSV (UTF-8, with or without BOM, or GB18030 as Excel saves it)."""
    where = f"sidecar {path}"
    try:  # like a report file: a regular file of bounded size (a FIFO would block, /dev/zero never end)
        text, _ = decode_bytes(read_regular_file(path, MAX_SIDECAR_BYTES), big5=False)
    except ReadError as exc:
        raise SidecarError(f"{where}: {exc}") from None
    try:
        table = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    except csv.Error as exc:
        raise SidecarError(f"{where}: not a readable CSV ({exc})") from None
    header = [cell.strip().lower() for cell in (table[0] if table else [])]
    if "file" not in header:
        raise SidecarError(f"{where}: missing column 'file' (columns: file, region, year)")
    unknown = [c for c in header if c not in SIDECAR_COLUMNS]
    if unknown:
        raise SidecarError(f"{where}: unknown column '{unknown[0]}' (columns: file, region, year)")
    if "region" not in header and "year" not in header:
        raise SidecarError(f"{where}: missing column 'region' or 'year' (columns: file, region, year)")
    rows: list[tuple[int, str, Overrides]] = []
    first_line: dict[str, int] = {}
    for line, cells in enumerate(table[1:], start=2):  # line numbers as a spreadsheet shows them
        if not any(cell.strip() for cell in cells):
            continue
        if len(cells) > len(header):
            raise SidecarError(f"{where} line {line}: {len(cells)} cells for {len(header)} columns")
        row = dict(zip(header, (cell.strip() for cell in cells), strict=False))  # short rows: empty cells
        name, region, year_cell = row.get("file", ""), row.get("region", ""), row.get("year", "")
        if not name:
            raise SidecarError(f"{where} line {line}: empty 'file' cell")
        key = os.path.realpath(path.parent / name)
        if key in first_line:
            raise SidecarError(f"{where} line {line}: '{name}' is listed twice (first on line {first_line[key]})")
        first_line[key] = line
        year = None
        clear = frozenset(field for field, cell in (("region", region), ("year", year_cell)) if cell == CLEAR_CELL)
        region = "" if region == CLEAR_CELL else region
        if year_cell and year_cell != CLEAR_CELL:
            match = _YEAR_CELL_RE.fullmatch(year_cell)
            if not match or not YEAR_MIN <= int(match.group(1)) <= YEAR_MAX:
                raise SidecarError(f"{where} line {line}: bad year '{year_cell}' (expected a year {YEAR_MIN}–{YEAR_MAX})")
            year = int(match.group(1))
        if not region and year is None and not clear:
            raise SidecarError(f"{where} line {line}: neither region nor year given for '{name}'")
        rows.append((line, name, Overrides(region or None, year, clear=clear)))
    if not rows:
        raise SidecarError(f"{where}: no rows (columns: file, region, year)")
    return Sidecar(path, rows)
