"""What the loader, the pipeline and the checks read back from the warehouse."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import duckdb
import pandas as pd

from ingest.read.document import Document
from ingest.warehouse.connection import Connection, WarehouseError, connect
from ingest.warehouse.schema import FINDINGS_VERSION


class MissingCheckModel(Exception):
    """A check model the suites need is not in the warehouse or the export folder."""


def stored_versions(con: Connection) -> dict[str, str]:
    """doc_id → extractor version its facts were made with."""
    return dict(con.execute("select doc_id, extractor_version from raw.documents").fetchall())


def stored_documents_to_refresh(con: Connection, skip: set[str], version: str) -> list[tuple[Document, str | None, int | None]]:
    """Stored documents extracted by another version than `version` (and not in `skip`), each with the
    region and year overrides it was loaded with."""
    rows = con.execute(
        "select doc_id, source_path, file_name, media_type, encoding, text, title, header_metadata, "
        "override_region, override_year from raw.documents where extractor_version <> ?",
        [version],
    ).fetchall()
    return [
        (Document(r[0], r[1], r[2], r[3], r[4], r[5], r[6], json.loads(r[7]) if r[7] else {}), r[8], r[9])
        for r in rows
        if r[0] not in skip
    ]


def table_exists(con: Connection, qualified: str) -> bool:
    """Whether `schema.table` exists in the warehouse `con` is open on."""
    schema, name = qualified.split(".")
    return bool(con.execute("select count(*) from duckdb_tables() where schema_name = ? and table_name = ?",
                            [schema, name]).fetchall()[0][0])


@dataclass(frozen=True)
class BuildState:
    """What the warehouse says of its last successful dbt build and of the findings it holds."""
    fingerprint: str | None  # project_fingerprint() of the last build
    built_at: datetime | None  # when it ended
    has_changes: bool  # whether the table of the reporters each build changed (int_build__changes) exists
    findings_version: str | None  # schema.FINDINGS_VERSION: the token of the stored findings …
    findings_built_at: datetime | None  # … and the build they were validated after (None: no findings)


def build_state(database: Path, changes_table: str) -> BuildState:
    """The BuildState of `database`, read in one connection; `changes_table`: schema.table of
    int_build__changes."""
    with connect(database, read_only=True) as con:
        # no raw.dbt_builds: built before builds were recorded, or never built
        last = (con.execute("select project_fingerprint, built_at from raw.dbt_builds order by built_at desc limit 1")
                .fetchall() if table_exists(con, "raw.dbt_builds") else [])
        version = (con.execute(f"select version, build_at from {FINDINGS_VERSION}").fetchall()
                   if table_exists(con, "quality.dq_findings") and table_exists(con, FINDINGS_VERSION) else [])
        return BuildState(*(last[0] if last else (None, None)), table_exists(con, changes_table),
                          *(version[0] if version else (None, None)))


def count_documents(database: Path) -> int:
    with connect(database, read_only=True) as con:
        return con.execute("select count(*) from raw.documents").fetchone()[0]


@dataclass(frozen=True)
class WarehouseCounts:
    documents: int
    facts: int
    county_years: int
    indicators: int
    unresolved: list[tuple[str, str, str]]  # (file name, region status, reason) of documents not resolved


def warehouse_counts(database: Path) -> WarehouseCounts:
    """What a run's summary shows, read from the marts of `database`."""
    with connect(database, read_only=True) as con:
        counts = con.execute(
            "select (select count(*) from marts.dim_document), (select count(*) from raw.facts), "
            "(select count(distinct reporter_id || report_year) from marts.fct_indicator_observation where is_county_level), "
            "(select count(distinct indicator_code) from marts.fct_indicator_observation)"
        ).fetchone()
        unresolved = con.execute(
            "select file_name, region_status, region_reason from marts.dim_document where region_status <> 'resolved' order by file_name"
        ).fetchall()
    return WarehouseCounts(*counts, unresolved=unresolved)


CHECK_CHUNK_VECTORS = 100  # rows per chunk of a check model, in DuckDB vectors of 2,048: ~200k rows


class CheckModelReader:
    """The rows of the dbt check models, from the warehouse or from their Parquet export.

    `chunks(model, columns)`: the model's rows, only `columns`, as DataFrames of at most ~200k rows (issue
    16: a check model of a 17k-report corpus has a million rows; Great Expectations validates a chunk at a
    time, and only the columns its expectations read, so memory stays bounded). At least one frame, empty
    when the model is, so its expectations still run. `rows(model, check_ids)`: every column of the rows
    with those ids (the findings)."""

    def __init__(self, con: Connection, relation: Callable[[str], tuple[str, list]]) -> None:
        self.con = con
        self.relation = relation  # model -> (from clause, its parameters)

    def _query(self, model: str, select: str, where: str = "", parameters: list | None = None):
        source, source_parameters = self.relation(model)
        try:
            return self.con.execute(f"select {select} from {source} {where}", [*source_parameters, *(parameters or [])])
        except WarehouseError as exc:
            raise MissingCheckModel(f"check model {model} is missing; did dbt build succeed? ({exc})") from None

    def chunks(self, model: str, columns: list[str] | None = None) -> Iterator[pd.DataFrame]:
        select = ", ".join(f'"{c}"' for c in columns) if columns else "*"  # names come from our suite files
        cursor = self._query(model, select)
        first = True
        while True:
            frame = cursor.fetch_df_chunk(CHECK_CHUNK_VECTORS)
            if len(frame) or first:
                yield frame
            if len(frame) == 0:
                return
            first = False

    def rows(self, model: str, check_ids: list[str]) -> pd.DataFrame:
        return self._query(model, "*", "where check_id in (select unnest(?))", [list(check_ids)]).df()

    def __call__(self, model: str) -> pd.DataFrame:
        """Every row of the model at once (small models, tests)."""
        return self._query(model, "*").df()


@contextmanager
def check_models_in_database(database: Path) -> Iterator[CheckModelReader]:
    """Read check models from the warehouse (`fazhi check`)."""
    with connect(database, read_only=True) as con:
        yield CheckModelReader(con, lambda model: (f"intermediate.{model}", []))


@contextmanager
def check_models_in_folder(folder: Path) -> Iterator[CheckModelReader]:
    """Read check models from the Parquet files dbt exported (`fazhi run`)."""
    def relation(model: str) -> tuple[str, list]:
        path = folder / f"{model}.parquet"
        if not path.is_file():
            raise MissingCheckModel(f"check model {model} was not exported to {folder}")
        return "read_parquet(?)", [str(path)]

    with connect(None) as con:  # one in-memory DuckDB for all the files
        yield CheckModelReader(con, relation)


@dataclass(frozen=True)
class UnmappedMeasure:
    """A measure phrase the catalog gives no code, with how often the chosen documents use it."""
    measure: str
    unit: str | None
    figures: int
    counties: int
    example: str  # a sentence it occurs in
    suggestions: list[tuple[str, float]]  # (indicator code, score), best first
    suggested_by: str = "examples"  # "examples": the model's calibrated score; "names": name fit 0-1
    surface: str = ""  # the example figure, with its words before and after it (what the model read)
    before: str = ""
    after: str = ""


def unmapped_measures(database: Path, limit: int = 20) -> list[UnmappedMeasure]:
    """The most frequent measure phrases of uncoded figures in `database` (marts.fct_figure: every figure
    of every chosen document), most figures first, each with three suggested indicators taking its unit:
    the model learned from seeds/indicator_examples.csv ranks them from the example sentence's words around
    the figure (ingest.classify.suggestions); without examples for the unit, the indicators whose names and
    aliases fit the phrase best. Accepting a suggestion is one row in seeds/indicator_aliases.csv. Figures
    uncoded by a decision (code_status withheld or not_counted: ingest.classify.code_status.DECIDED) are
    not listed: an alias for the withheld code would not code them."""
    from ingest.classify.catalog import load_catalog
    from ingest.classify.code_status import DECIDED
    from ingest.classify.suggestions import CONTEXT_CHARS, SuggestionModel, figure_context, load_examples

    with connect(database, read_only=True) as con:
        try:
            rows = con.execute(
                """
                with uncoded as (
                    select
                        measure, unit, kind, kind = 'rank' as is_rank, region_code, reporter_id, sentence, surface,
                        doc_id, start_offset, end_offset,
                        doc_id || lpad(cast(start_offset as varchar), 10, '0') as position
                    from marts.fct_figure
                    where indicator_code is null and coalesce(trim(measure), '') <> ''
                        and not list_contains(?, coalesce(code_status, ''))
                ),

                grouped as (
                    select
                        measure, unit, is_rank, count(*) as figures,
                        count(distinct coalesce(region_code, reporter_id)) as counties,
                        arg_min(struct_pack(sentence, surface, kind, doc_id, start_offset, end_offset), position) as example
                    from uncoded
                    group by measure, unit, is_rank
                    order by figures desc, counties desc, measure, unit, is_rank
                    limit ?
                ),

                final as (
                    -- the example figure's own surroundings in its document (the sentence may hold its surface twice)
                    select
                        g.measure, g.unit, g.is_rank, g.figures, g.counties, g.example.sentence, g.example.surface,
                        g.example.kind,
                        substr(d.text, greatest(g.example.start_offset - ?, 0) + 1,
                               g.example.start_offset - greatest(g.example.start_offset - ?, 0)) as text_before,
                        substr(d.text, g.example.end_offset + 1, ?) as text_after
                    from grouped as g
                    left join raw.documents as d on d.doc_id = g.example.doc_id
                )

                select * from final
                order by figures desc, counties desc, measure, unit, is_rank
                """,
                [list(DECIDED), limit, CONTEXT_CHARS, CONTEXT_CHARS, CONTEXT_CHARS],
            ).fetchall()
        except duckdb.CatalogException as exc:
            raise WarehouseError(f"{database}: no marts.fct_figure; run `fazhi run` (or `fazhi build`) first") from exc
        except duckdb.BinderException as exc:  # a mart built by an earlier version, without a column read here
            raise WarehouseError(f"{database}: marts.fct_figure is from an earlier version; run `fazhi run` first") from exc
    catalog = load_catalog()
    model = SuggestionModel(load_examples(), catalog.units, catalog.is_rank)
    contexts = []
    for measure, unit, _r, _n, _c, _sentence, surface, kind, text_before, text_after in rows:
        if text_before is not None and text_after is not None and surface:
            before, after = figure_context(text_before + surface + text_after, len(text_before), len(text_before) + len(surface))
        else:  # no document text: the words of the measure phrase alone
            before, after = measure, ""
        contexts.append((before, after, unit, kind or "count"))
    learned = model.suggest(contexts)
    return [UnmappedMeasure(m, u, n, c, (s or "").strip(),
                            learned[i] or list(catalog.best_candidates(m, u, limit=3, rank=r)),
                            "examples" if learned[i] else "names", f, contexts[i][0], contexts[i][1])
            for i, (m, u, r, n, c, s, f, *_rest) in enumerate(rows)]


def changed_reporters(changes: Path) -> frozenset[str] | None:
    """The reporters a data-only build rebuilt (its int_build__changes export); None after a full rebuild."""
    with connect(None) as con:
        rows = con.execute("select reporter_id, is_full_rebuild from read_parquet(?)", [str(changes)]).fetchall()
    return None if any(full for _, full in rows) else frozenset(r for r, _ in rows if r is not None)


def read_findings(database: Path) -> pd.DataFrame | None:
    """Every row of quality.dq_findings, None when there is no such table (through Arrow into plain
    columns: DuckDB's own conversion to pandas' string dtype takes several times longer on 200k findings)."""
    with connect(database, read_only=True) as con:
        if not table_exists(con, "quality.dq_findings"):
            return None
        return con.sql("select * from quality.dq_findings").to_arrow_table().to_pandas()
