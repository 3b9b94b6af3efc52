"""Accepting a phrase of the unmapped worklist (issue 14, item 4): one row code,alias,note appended to
seeds/indicator_aliases.csv, checked first, written whole or not at all. The next `fazhi run` re-classifies
every stored document (the aliases are part of the extraction digest)."""

from __future__ import annotations

import csv
import io
import os
import tempfile
from datetime import date
from pathlib import Path

from ingest.classify.seed_rows import CatalogError, records
from ingest.paths import SEEDS_DIR

ALIASES_FILE = "indicator_aliases.csv"
_HEADER = "code,alias,note\n"


def normalized_phrase(text: str) -> str:
    """A phrase as the aliases seed stores it: runs of white space made one space, none at either end."""
    return " ".join(text.split())


def add_alias(code: str, alias: str, note: str = "", seeds_dir: Path = SEEDS_DIR) -> int:
    """Append the row `code,alias,note` (note "worklist <today>" when empty) to the aliases seed; the line it
    is on. An unknown code, an empty alias or one the file already lists for the code is refused
    (CatalogError, one line) and nothing is written."""
    alias = normalized_phrase(alias)
    if not alias:
        raise CatalogError("the phrase to accept is empty")
    if not (seeds_dir / "indicators.csv").is_file():
        raise CatalogError(f"{seeds_dir}: no indicators.csv")
    known = {row["code"] for _line, row in records(seeds_dir / "indicators.csv") if row.get("code")}
    if code not in known:
        raise CatalogError(f"unknown indicator code '{code}' (seeds/indicators.csv lists the codes)")
    path = seeds_dir / ALIASES_FILE
    for line, row in records(path):
        if row.get("code") == code and row.get("alias") == alias:
            raise CatalogError(f"{ALIASES_FILE} line {line} already lists '{alias}' for {code}")
    text = path.read_text(encoding="utf-8") if path.is_file() else _HEADER
    if not text.endswith("\n"):
        text += "\n"
    row = io.StringIO()
    csv.writer(row, lineterminator="\n").writerow([code, alias, normalized_phrase(note) or f"worklist {date.today()}"])
    # A temporary file in the same folder, then one rename: a crash leaves the old file or the new one.
    handle, temporary = tempfile.mkstemp(prefix=f".{ALIASES_FILE}.", dir=seeds_dir)
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as out:
            out.write(text + row.getvalue())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return text.count("\n") + 1
