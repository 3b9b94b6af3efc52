"""Checks of every seed file the product reads (seeds/*.csv), run before ingest, build and run write
anything: an analyst's typo is named as "seeds/FILE line N, column C: problem (value)" instead of being
accepted silently (an unknown indicator, a reporter that does not exist) or surfacing deep in dbt.log.

Pure Python (csv): the rules mirror what the readers need, ingest.classify.catalog (indicators,
patterns), ingest.resolve.region.gazetteer (regions) and the dbt staging models
(dbt_project/models/staging/stg_reference__*.sql: corrections are matched on reporter_id = region_code or
region_code:department, report year and indicator code; document choices on doc_id)."""

from __future__ import annotations

import csv
import math
import re
from collections.abc import Iterator
from pathlib import Path

from ingest.classify.catalog import PATTERN_REGEX_COLUMNS
from ingest.classify.exclusions import EXCLUSION_REGEX_COLUMNS, listed_codes
from ingest.classify.seed_rows import numbered
from ingest.classify.suggestions import EXAMPLE_COLUMNS, EXAMPLES_FILE
from ingest.extract.grammar import UNITS
from ingest.paths import BUNDLED_SEEDS_DIR, SEEDS_DIR, SEEDS_ENV_VAR
from ingest.resolve.overrides import YEAR_MAX, YEAR_MIN

SNAKE_CASE = re.compile(r"[a-z][a-z0-9_]*")  # codes and domains become SQL literals and column names
DOC_ID = re.compile(r"[0-9a-f]{64}")  # sha256 of the document's bytes (ingest.read.reader)
KINDS = frozenset({"count", "amount", "rate", "change", "duration", "rank", "other"})  # ingest.extract.fact.Fact.kind
REGION_LEVELS = frozenset({"province", "prefecture", "county", "functional_zone"})
SHOWN = 5  # problems quoted in a SeedError's message
CORRECTION_ACTIONS = frozenset({"replace", "add", "remove"})  # stg_reference__corrections.action
CORRECTION_PERIODS = frozenset({"report", "stock"})  # the periods published in fct_indicator_observation

# file -> required columns (the ones the catalog, the gazetteer or the staging models read)
REQUIRED = {
    "indicators.csv": ("code", "name_zh", "domain", "kind", "unit", "numerator", "denominator", "description"),
    "indicator_patterns.csv": ("code", "topic", "cue", "units", "after", "purpose"),
    "indicator_units.csv": ("code", "unit"),
    "indicator_aliases.csv": ("code", "alias", "note"),
    EXAMPLES_FILE: EXAMPLE_COLUMNS,
    "indicator_exclusions.csv": ("codes", "sentence_pattern", "unless_pattern", "reason"),
    "regions.csv": ("region_code", "name", "level", "prefecture_code", "province_code"),
    "regions_extra.csv": ("region_code", "name", "level", "prefecture_code", "province_code"),
    "corrections.csv": ("region_code", "department", "year", "indicator_code", "period", "action", "value", "unit", "sentence",
                        "reason", "author", "date"),
    "document_choices.csv": ("doc_id", "reason", "author"),
}
# files the product works without: the worklist then ranks its suggestions by name fit
OPTIONAL = frozenset({EXAMPLES_FILE})


class SeedError(Exception):
    """The seed files have problems; the message is one line (count, the first few), `problems` all of them."""

    def __init__(self, problems: list[str], message: str | None = None) -> None:
        self.problems = problems
        if message is None:
            count = f"{len(problems)} problem{'s' if len(problems) != 1 else ''}"
            more = f" (and {len(problems) - SHOWN} more)" if len(problems) > SHOWN else ""
            message = f"{count} in the seed files: " + "; ".join(problems[:SHOWN]) + more
        super().__init__(message)


def validate_seeds(seeds_dir: Path = SEEDS_DIR) -> None:
    """Raise SeedError naming every problem of the seed files."""
    problems = check_seeds(seeds_dir)
    if problems:
        raise SeedError(problems)


def require_bundled_seeds(seeds_dir: Path = SEEDS_DIR) -> None:
    """dbt loads the seeds from dbt_project.yml's seed-paths (the bundled seeds/), whatever $FAZHI_SEEDS_DIR
    says: a build with another seeds folder would mix two catalogs, so it is refused."""
    if seeds_dir.resolve() != BUNDLED_SEEDS_DIR.resolve():
        message = (f"{SEEDS_ENV_VAR}={seeds_dir}: dbt loads the bundled seeds ({BUNDLED_SEEDS_DIR}, dbt_project.yml "
                   "seed-paths), so build and run need them; only ingest can read another seeds folder")
        raise SeedError([message], message)


def check_seeds(seeds_dir: Path = SEEDS_DIR) -> list[str]:
    """Every problem of the seed files in `seeds_dir`, one line each, file by file in reading order."""
    return _Checker(seeds_dir).run()


class _Checker:
    def __init__(self, seeds_dir: Path) -> None:
        self.dir = seeds_dir
        self.problems: list[str] = []

    def problem(self, file: str, line: int, column: str, text: str, value: str | None = None) -> None:
        shown = "" if value is None else f" ({_shown(value)})"
        self.problems.append(f"{self.dir.name}/{file} line {line}, column {column}: {text}{shown}")

    def rows(self, file: str) -> Iterator[tuple[int, dict[str, str]]]:
        """(line where the record starts, row) of a seed file, after checking its header and row widths."""
        path = self.dir / file
        if not path.is_file():
            if file not in OPTIONAL:
                self.problems.append(f"{self.dir.name}/{file}: file missing")
            return
        try:
            with path.open(encoding="utf-8", newline="") as handle:
                reader = csv.reader(handle)
                header = next(reader, None)
                if header is None:
                    self.problems.append(f"{self.dir.name}/{file}: empty file (no header line)")
                    return
                if header and header[0].startswith("\ufeff"):
                    self.problem(file, 1, _shown(header[0]), "the file starts with a byte-order mark; save as UTF-8 without BOM")
                    header[0] = header[0].lstrip("\ufeff")
                header = [name.strip() for name in header]
                for name in REQUIRED[file]:
                    if name not in header:
                        self.problem(file, 1, name, "required column missing")
                for start, record in numbered(reader):
                    if len(record) != len(header):
                        self.problem(file, start, "*", f"{len(record)} fields, the header has {len(header)}")
                        continue
                    yield start, {name: cell.strip() for name, cell in zip(header, record, strict=True)}
        except UnicodeDecodeError as exc:
            self.problems.append(f"{self.dir.name}/{file}: not UTF-8 ({exc.reason} at byte {exc.start})")
        except csv.Error as exc:
            self.problems.append(f"{self.dir.name}/{file}: unreadable CSV ({exc})")

    def run(self) -> list[str]:
        codes = self.indicators()
        self.patterns(codes)
        units = self.indicator_units(codes)
        self.indicator_aliases(codes)
        self.indicator_examples(units)
        self.exclusions(codes)
        regions = self.regions()
        self.corrections(codes, regions)
        self.document_choices()
        return self.problems

    def indicators(self) -> set[str]:
        file = "indicators.csv"
        first_line: dict[str, int] = {}
        parts: list[tuple[int, str, str]] = []  # (line, column, code) of numerators and denominators
        for line, row in self.rows(file):
            code = row.get("code")
            if code is not None:
                if self.snake_case(file, line, "code", code):
                    if code in first_line:
                        self.problem(file, line, "code", f"duplicate code, first on line {first_line[code]}", code)
                    else:
                        first_line[code] = line
            for column in ("name_zh",):
                if column in row and not row[column]:
                    self.problem(file, line, column, "empty")
            if "domain" in row:
                self.snake_case(file, line, "domain", row["domain"])
            if "kind" in row and row["kind"] not in KINDS:
                self.problem(file, line, "kind", f"not one of {', '.join(sorted(KINDS))}", row["kind"])
            if "unit" in row and row["unit"] not in UNITS:
                self.problem(file, line, "unit", "not a unit the extractor reads", row["unit"])
            numerator, denominator = row.get("numerator", ""), row.get("denominator", "")
            if bool(numerator) != bool(denominator):
                self.problem(file, line, "denominator" if numerator else "numerator",
                             "a rate needs both a numerator and a denominator, or neither")
            parts += [(line, column, value) for column, value in (("numerator", numerator), ("denominator", denominator)) if value]
        for line, column, value in parts:
            if value not in first_line:
                self.problem(file, line, column, "unknown indicator code", value)
        return set(first_line)

    def snake_case(self, file: str, line: int, column: str, value: str) -> bool:
        if SNAKE_CASE.fullmatch(value):
            return True
        self.problem(file, line, column, f"not snake_case {SNAKE_CASE.pattern}", value)
        return False

    def patterns(self, codes: set[str]) -> None:
        file = "indicator_patterns.csv"
        for line, row in self.rows(file):
            code = row.get("code")
            if code is not None and code not in codes:
                self.problem(file, line, "code", "unknown indicator code", code)
            self.regexes(file, line, row, PATTERN_REGEX_COLUMNS)
            if "cue" in row and "after" in row and not row["cue"] and not row["after"]:
                self.problem(file, line, "cue", "a pattern needs a cue or an after expression")

    def regexes(self, file: str, line: int, row: dict[str, str], columns: tuple[str, ...]) -> None:
        for column in columns:
            try:
                re.compile(row.get(column, ""))
            except re.error as exc:
                self.problem(file, line, column, f"bad regular expression: {exc}", row[column])

    def exclusions(self, codes: set[str]) -> None:
        """Each exclusion names known indicators (|-separated), when it applies and why; its expressions compile."""
        file = "indicator_exclusions.csv"
        for line, row in self.rows(file):
            listed = listed_codes(row.get("codes", ""))
            for column, empty in (("codes", not listed), ("sentence_pattern", not row.get("sentence_pattern")), ("reason", not row.get("reason"))):
                if empty:
                    self.problem(file, line, column, "empty")
            for code in listed:
                if code not in codes:
                    self.problem(file, line, "codes", "unknown indicator code", code)
            self.regexes(file, line, row, EXCLUSION_REGEX_COLUMNS)

    def indicator_units(self, codes: set[str]) -> dict[str, set[str]]:
        """Every indicator has its comparable units (issue 14), each listed once; returns them by code."""
        file = "indicator_units.csv"
        seen: dict[tuple[str, str], int] = {}
        for line, row in self.rows(file):
            code, unit = row.get("code", ""), row.get("unit", "")
            if code not in codes:
                self.problem(file, line, "code", "unknown indicator code", code)
            if not unit:
                self.problem(file, line, "unit", "empty")
            if (code, unit) in seen:
                self.problem(file, line, "unit", f"duplicate row, first on line {seen[code, unit]}", f"{code},{unit}")
            seen.setdefault((code, unit), line)
        if (self.dir / file).is_file():
            for code in sorted(codes - {code for code, _unit in seen}):
                self.problems.append(f"{self.dir.name}/{file}: indicator {code} has no comparable unit")
        units: dict[str, set[str]] = {}
        for code, unit in seen:
            units.setdefault(code, set()).add(unit)
        return units

    def indicator_examples(self, units: dict[str, set[str]]) -> None:
        """Each example names a known indicator, in a unit it takes, with words around the figure."""
        file = EXAMPLES_FILE
        for line, row in self.rows(file):
            code, unit = row.get("code", ""), row.get("unit", "")
            if code not in units:
                self.problem(file, line, "code", "unknown indicator code (or one without units)", code)
            elif unit not in units[code]:
                self.problem(file, line, "unit", f"not a comparable unit of {code} (indicator_units.csv)", unit)
            if row.get("kind") not in KINDS:
                self.problem(file, line, "kind", f"not one of {', '.join(sorted(KINDS))}", row.get("kind", ""))
            if not row.get("before") and not row.get("after"):
                self.problem(file, line, "before", "empty, and so is after: no words to learn from")

    def indicator_aliases(self, codes: set[str]) -> None:
        """Aliases name a known indicator and are not empty."""
        file = "indicator_aliases.csv"
        for line, row in self.rows(file):
            if row.get("code", "") not in codes:
                self.problem(file, line, "code", "unknown indicator code", row.get("code", ""))
            if "alias" in row and not row["alias"]:
                self.problem(file, line, "alias", "empty")

    def regions(self) -> set[str]:
        first_seen: dict[str, str] = {}
        parents: list[tuple[str, int, str, str]] = []
        for file in ("regions.csv", "regions_extra.csv"):
            for line, row in self.rows(file):
                code = row.get("region_code")
                if code is not None:
                    if not code:
                        self.problem(file, line, "region_code", "empty")
                    elif code in first_seen:
                        self.problem(file, line, "region_code", f"duplicate code, first on {first_seen[code]}", code)
                    else:
                        first_seen[code] = f"{file} line {line}"
                if "name" in row and not row["name"]:
                    self.problem(file, line, "name", "empty")
                if "level" in row and row["level"] not in REGION_LEVELS:
                    self.problem(file, line, "level", f"not one of {', '.join(sorted(REGION_LEVELS))}", row["level"])
                parents += [(file, line, column, row[column]) for column in ("prefecture_code", "province_code")
                            if row.get(column)]
        for file, line, column, value in parents:
            if value not in first_seen:
                self.problem(file, line, column, "no region with this code", value)
        return set(first_seen)

    def corrections(self, codes: set[str], regions: set[str]) -> None:
        file = "corrections.csv"
        first_line: dict[tuple[str, str, str], int] = {}
        for line, row in self.rows(file):
            region, department = row.get("region_code"), row.get("department", "")
            if region is not None and region not in regions:
                self.problem(file, line, "region_code", "no region with this code in regions.csv or regions_extra.csv", region)
            if ":" in department:
                self.problem(file, line, "department", "a department name cannot contain ':' (reporter ids are region:department)",
                             department)
            year = row.get("year")
            if year is not None and not (re.fullmatch(r"\d{4}", year) and YEAR_MIN <= int(year) <= YEAR_MAX):
                self.problem(file, line, "year", f"not a year from {YEAR_MIN} to {YEAR_MAX}", year)
            code = row.get("indicator_code")
            if code is not None and code not in codes:
                self.problem(file, line, "indicator_code", "unknown indicator code", code)
            action = (row.get("action") or "replace").strip().lower()
            if action not in CORRECTION_ACTIONS:
                self.problem(file, line, "action", f"not one of {', '.join(sorted(CORRECTION_ACTIONS))}", row["action"])
            period = (row.get("period") or "report").strip().lower()
            if period not in CORRECTION_PERIODS:
                self.problem(file, line, "period", f"not one of {', '.join(sorted(CORRECTION_PERIODS))}", row["period"])
            value = row.get("value")
            if value is not None and action != "remove" and not _finite_number(value):
                self.problem(file, line, "value", "not a number", value)
            if action == "add" and not (row.get("sentence") or "").strip():
                self.problem(file, line, "sentence", "an added figure needs the sentence that states it")
            date = (row.get("date") or "").strip()
            if date and not re.fullmatch(r"\d{4}-\d{2}-\d{2}", date):
                self.problem(file, line, "date", "not a date (YYYY-MM-DD)", date)
            if region and year and code:
                reporter = f"{region}:{department}" if department else region
                key = (reporter, year, code, period)
                if key in first_line:
                    self.problem(file, line, "indicator_code",
                                 f"a second correction of {reporter} {year} {code} {period} (first on line {first_line[key]})")
                else:
                    first_line[key] = line

    def document_choices(self) -> None:
        file = "document_choices.csv"
        first_line: dict[str, int] = {}
        for line, row in self.rows(file):
            doc_id = row.get("doc_id")
            if doc_id is None:
                continue
            if not DOC_ID.fullmatch(doc_id):
                self.problem(file, line, "doc_id", "not a document id (64 lowercase hex digits)", doc_id)
            elif doc_id in first_line:
                self.problem(file, line, "doc_id", f"chosen twice, first on line {first_line[doc_id]}", doc_id)
            else:
                first_line[doc_id] = line


def _finite_number(text: str) -> bool:
    try:
        return math.isfinite(float(text))
    except ValueError:
        return False


def _shown(value: str, limit: int = 60) -> str:
    """A cell as it appears in a message: control characters escaped, long values cut."""
    text = re.sub(r"[\x00-\x1f\x7f]", lambda m: repr(m.group())[1:-1], value)
    return text if len(text) <= limit else text[:limit] + "…"
